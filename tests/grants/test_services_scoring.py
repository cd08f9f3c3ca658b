"""Judging applications: scores and their scale, declared interests, weighted ranking,
moderation with reasons, recommendation by threshold and the budget warning."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.events import EventType
from core.models import DomainEvent
from grants import services
from grants.models import GrantRound, ModerationChange
from grants.selectors import (
    application_scores_for_round,
    round_budget_summary,
)
from tests.grants.factories import (
    ApplicationFactory,
    RoundFactory,
    scoring_round,
)

pytestmark = pytest.mark.django_db
S = GrantRound.Status


def test_score_set_validates_scale(opcc) -> None:
    grant_round, quality, _ = scoring_round()
    application = ApplicationFactory(round=grant_round)
    with pytest.raises(ValidationError) as error:
        services.score_set(application=application, criterion=quality, actor=opcc, value=6)
    assert error.value.message_dict["value"] == ["Enter a score from 0 to 5."]
    score = services.score_set(application=application, criterion=quality, actor=opcc, value=4)
    again = services.score_set(application=application, criterion=quality, actor=opcc, value=5)
    assert again.pk == score.pk and again.value == 5


def test_score_set_only_while_scoring_is_open(opcc) -> None:
    grant_round, quality, _ = scoring_round(status=S.OPEN)
    application = ApplicationFactory(round=grant_round)
    with pytest.raises(ValidationError, match="scored only once the round has closed"):
        services.score_set(application=application, criterion=quality, actor=opcc, value=3)


def test_conflict_of_interest_blocks_scoring_and_discards_scores(users, opcc) -> None:
    grant_round, quality, value = scoring_round()
    application = ApplicationFactory(round=grant_round)
    admin = users["admin"]
    services.score_set(application=application, criterion=quality, actor=opcc, value=5)
    services.score_set(application=application, criterion=value, actor=opcc, value=5)
    services.score_set(application=application, criterion=quality, actor=admin, value=1)
    services.score_set(application=application, criterion=value, actor=admin, value=1)
    assert application_scores_for_round(grant_round=grant_round)[0].percent == Decimal("60.00")
    services.conflict_declare(application=application, actor=admin, details="I am a trustee.")
    with pytest.raises(ValidationError) as error:
        services.score_set(application=application, criterion=quality, actor=admin, value=2)
    assert error.value.messages == [services.SCORE_CONFLICT]
    row = application_scores_for_round(grant_round=grant_round)[0]
    assert row.percent == Decimal("100.00") and row.assessors == 1


def test_weighted_score_and_ranking(opcc) -> None:
    grant_round, quality, value = scoring_round()
    strong = ApplicationFactory(round=grant_round, position=2)
    weak = ApplicationFactory(round=grant_round, position=1)
    unscored = ApplicationFactory(round=grant_round, position=0)
    for application, q, v in ((strong, 5, 1), (weak, 1, 5)):
        services.score_set(application=application, criterion=quality, actor=opcc, value=q)
        services.score_set(application=application, criterion=value, actor=opcc, value=v)
    rows = application_scores_for_round(grant_round=grant_round)
    # strong: (3*5/5 + 1*1/5) / 4 = 80%; weak: (3*1/5 + 1*5/5) / 4 = 40%.
    assert [(r.application, r.percent, r.band) for r in rows] == [
        (strong, Decimal("80.00"), "71% or above"),
        (weak, Decimal("40.00"), "Less than 64%"),
        (unscored, None, ""),
    ]
    assert [r.rank for r in rows] == [1, 2, 3]


def test_moderation_requires_reason_and_records_every_change(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION)
    application = ApplicationFactory(round=grant_round)
    with pytest.raises(ValidationError) as error:
        services.moderation_set(
            application=application, actor=opcc, percent=Decimal("72"), reason=" "
        )
    assert error.value.message_dict["reason"] == [services.MODERATION_REASON_REQUIRED]
    services.moderation_set(
        application=application, actor=opcc, percent=Decimal("72"), reason="Panel view"
    )
    services.moderation_set(
        application=application, actor=opcc, percent=Decimal("70"), reason="Recheck"
    )
    changes = list(
        ModerationChange.objects.filter(application=application).values_list(
            "old_percent", "new_percent", "reason"
        )
    )
    assert changes == [
        (None, Decimal("72.00"), "Panel view"),
        (Decimal("72.00"), Decimal("70.00"), "Recheck"),
    ]


def test_moderation_only_in_moderation(opcc) -> None:
    application = ApplicationFactory(round=RoundFactory(status=S.CLOSED))
    with pytest.raises(ValidationError, match="only while the round is in moderation"):
        services.moderation_set(
            application=application, actor=opcc, percent=Decimal("50"), reason="x"
        )


def test_threshold_recommends_at_or_above_only(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION, award_threshold=Decimal("71"))
    at = ApplicationFactory(round=grant_round, moderated_percent=Decimal("71"))
    below = ApplicationFactory(round=grant_round, moderated_percent=Decimal("70.99"))
    unscored = ApplicationFactory(round=grant_round)
    assert services.round_recommend(grant_round=grant_round, actor=opcc) == 1
    at.refresh_from_db(), below.refresh_from_db(), unscored.refresh_from_db()
    assert (at.recommended, below.recommended, unscored.recommended) == (True, False, False)


def test_threshold_required(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION, award_threshold=None)
    with pytest.raises(ValidationError, match="threshold"):
        services.round_recommend(grant_round=grant_round, actor=opcc)


def test_budget_warning_when_recommended_total_exceeds_budget() -> None:
    grant_round = RoundFactory(status=S.MODERATION, budget=Decimal("20000"))
    ApplicationFactory(round=grant_round, recommended=True, amount_requested=Decimal("10000"))
    ApplicationFactory(round=grant_round, recommended=True, amount_requested=Decimal("9137.99"))
    rows = application_scores_for_round(grant_round=grant_round)
    summary = round_budget_summary(grant_round=grant_round, rows=rows)
    assert (summary.recommended_total, summary.over_budget) == (Decimal("19137.99"), False)
    ApplicationFactory(
        round=grant_round,
        recommended=True,
        amount_requested=Decimal("1000"),
        amount_recommended=Decimal("862.02"),
    )
    rows = application_scores_for_round(grant_round=grant_round)
    summary = round_budget_summary(grant_round=grant_round, rows=rows)
    assert summary.recommended_total == Decimal("20000.01")
    assert summary.over_budget and summary.over_by == Decimal("0.01")


def test_a_recommendation_taken_back_is_recorded(opcc) -> None:
    application = ApplicationFactory(round=RoundFactory(status=S.MODERATION), recommended=True)
    services.application_recommend(application=application, actor=opcc, recommended=False)
    application.refresh_from_db()
    assert not application.recommended
    event = DomainEvent.objects.get(object_id=application.pk)
    assert event.verb == EventType.APPLICATION_NOT_RECOMMENDED
