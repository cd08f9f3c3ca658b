"""Grants services: lifecycle, scoring, conflicts, moderation, thresholds, budget, awards,
payments, monitoring and reminders."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import DomainEvent, Notification
from grants import services
from grants.models import Application, Award, GrantRound, ModerationChange, RoundStatusChange
from grants.selectors import (
    application_scores_for_round,
    award_percentage_paid,
    monitoring_status,
    round_budget_summary,
)
from tests.grants.factories import (
    ApplicationFactory,
    AwardFactory,
    CriterionFactory,
    DecisionFactory,
    FundFactory,
    ReturnFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db
S = GrantRound.Status


@pytest.fixture
def opcc(users):
    return users["opcc"]


def scoring_round(status=S.CLOSED, **kwargs):
    grant_round = RoundFactory(status=status, **kwargs)
    quality = CriterionFactory(round=grant_round, title="Quality", weight=3, max_score=5)
    value = CriterionFactory(round=grant_round, title="Value for money", weight=1, max_score=5)
    return grant_round, quality, value


def test_round_create_and_transitions_in_order(opcc) -> None:
    fund = FundFactory()
    grant_round = services.round_create(
        actor=opcc, fund=fund, name="2024/25 round 1", budget=Decimal("200000")
    )
    assert grant_round.status == S.PLANNED
    for target in (S.OPEN, S.CLOSED, S.MODERATION):
        grant_round = services.round_transition(
            grant_round=grant_round, to_status=target, actor=opcc
        )
    assert grant_round.status == S.MODERATION
    assert RoundStatusChange.objects.filter(round=grant_round).count() == 3


def test_round_transition_refuses_skipping_a_step(opcc) -> None:
    grant_round = RoundFactory(status=S.PLANNED)
    with pytest.raises(ValidationError) as error:
        services.round_transition(grant_round=grant_round, to_status=S.CLOSED, actor=opcc)
    assert error.value.messages == [
        services.TRANSITION_NOT_ALLOWED.format(current="planned", target="closed")
    ]


def test_round_decided_only_through_decision(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION)
    with pytest.raises(ValidationError, match="Record the Commissioner"):
        services.round_transition(grant_round=grant_round, to_status=S.DECIDED, actor=opcc)


def test_awards_made_needs_awards(opcc) -> None:
    grant_round = RoundFactory(status=S.DECIDED)
    with pytest.raises(ValidationError, match="no awards"):
        services.round_transition(grant_round=grant_round, to_status=S.AWARDS_MADE, actor=opcc)


def test_round_constraints_close_after_open_and_max_bid_within_budget(opcc) -> None:
    fund = FundFactory()
    now = datetime.datetime(2024, 8, 8, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        services.round_create(
            actor=opcc,
            fund=fund,
            name="Backwards",
            opens_at=now,
            closes_at=now - datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.round_create(
            actor=opcc, fund=fund, name="Big bid", budget=Decimal("100"), max_bid=Decimal("101")
        )


def test_services_refuse_panel_members(users) -> None:
    with pytest.raises(PermissionDenied):
        services.round_create(actor=users["member"], fund=FundFactory(), name="Nope")
    with pytest.raises(PermissionDenied):
        services.round_create(actor=users["democratic"], fund=FundFactory(), name="Nope")


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


def test_recommended_amount_cannot_exceed_request_in_database() -> None:
    application = ApplicationFactory(amount_requested=Decimal("100"))
    application.amount_recommended = Decimal("100.01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(amount_recommended=Decimal("100.01"))


def test_decision_record_awards_recommended_and_decides(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION)
    chosen = ApplicationFactory(
        round=grant_round, recommended=True, amount_requested=Decimal("9137.99")
    )
    ApplicationFactory(round=grant_round, recommended=False)
    decision = services.decision_record(
        grant_round=grant_round,
        actor=opcc,
        public_reference="PCC/2024/17",
        decided_on=datetime.date(2024, 10, 1),
    )
    grant_round.refresh_from_db()
    assert grant_round.status == S.DECIDED
    assert list(decision.awards.values_list("application", "amount")) == [
        (chosen.pk, Decimal("9137.99"))
    ]
    assert DomainEvent.objects.filter(verb="decision.recorded").exists()
    services.round_transition(grant_round=grant_round, to_status=S.AWARDS_MADE, actor=opcc)
    assert DomainEvent.objects.get(verb="round.awards_made").is_public


def test_decision_needs_recommendations(opcc) -> None:
    grant_round = RoundFactory(status=S.MODERATION)
    ApplicationFactory(round=grant_round)
    with pytest.raises(ValidationError, match="No applications are recommended"):
        services.decision_record(
            grant_round=grant_round,
            actor=opcc,
            public_reference="X",
            decided_on=datetime.date(2024, 10, 1),
        )


def test_award_above_request_refused(opcc) -> None:
    application = ApplicationFactory(amount_requested=Decimal("9137.99"))
    decision = DecisionFactory(round=application.round)
    with pytest.raises(ValidationError) as error:
        services.award_create(
            application=application, decision=decision, actor=opcc, amount=Decimal("9138.00")
        )
    assert error.value.message_dict["amount"] == [
        "The award of £9,138.00 is more than the £9,137.99 requested."
    ]
    assert not Award.objects.exists()


def test_withdrawn_application_cannot_be_scored_or_awarded(opcc) -> None:
    grant_round, quality, _ = scoring_round()
    application = ApplicationFactory(round=grant_round)
    with pytest.raises(ValidationError):
        services.application_withdraw(application=application, actor=opcc, reason="")
    services.application_withdraw(application=application, actor=opcc, reason="Applicant withdrew")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.score_set(application=application, criterion=quality, actor=opcc, value=3)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.award_create(
            application=application,
            decision=DecisionFactory(round=grant_round),
            actor=opcc,
            amount=Decimal(1),
        )
    assert Application.objects.filter(pk=application.pk).exists()


def test_application_above_max_bid_refused(opcc) -> None:
    grant_round = RoundFactory(status=S.OPEN, max_bid=Decimal("10000"))
    with pytest.raises(ValidationError, match="maximum bid"):
        services.application_create(
            grant_round=grant_round,
            actor=opcc,
            organisation=ApplicationFactory().organisation,
            project_title="Too big",
            amount_requested=Decimal("10000.01"),
        )


def test_payments_never_exceed_award_and_percentage_paid(opcc) -> None:
    award = AwardFactory(
        amount=Decimal("9137.99"), application__amount_requested=Decimal("9137.99")
    )
    first = services.payment_add(
        award=award, actor=opcc, due_on=datetime.date(2024, 10, 1), amount=Decimal("4568.99")
    )
    services.payment_add(
        award=award, actor=opcc, due_on=datetime.date(2025, 4, 1), amount=Decimal("4569.00")
    )
    with pytest.raises(ValidationError, match="more than the £9,137.99 awarded"):
        services.payment_add(
            award=award, actor=opcc, due_on=datetime.date(2025, 5, 1), amount=Decimal("0.01")
        )
    assert award_percentage_paid(award=award) == Decimal("0.00")
    services.payment_mark_paid(payment=first, actor=opcc, paid_on=datetime.date(2024, 10, 2))
    assert award_percentage_paid(award=award) == Decimal("50.00")
    with pytest.raises(ValidationError):
        services.payment_mark_paid(payment=first, actor=opcc, paid_on=datetime.date(2024, 10, 3))


def test_monitoring_schedule_quarterly_and_overdue(opcc) -> None:
    award = AwardFactory()
    made = services.monitoring_schedule_create(
        award=award,
        actor=opcc,
        start=datetime.date(2024, 10, 1),
        end=datetime.date(2025, 9, 30),
        frequency="quarterly",
    )
    assert [(r.period_start, r.period_end, r.due_on) for r in made][:2] == [
        (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31), datetime.date(2025, 1, 14)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), datetime.date(2025, 4, 14)),
    ]
    assert len(made) == 4
    again = services.monitoring_schedule_create(
        award=award, actor=opcc, start=datetime.date(2024, 10, 1), end=datetime.date(2025, 9, 30)
    )
    assert again == []
    assert made[0].is_overdue(datetime.date(2025, 1, 15))
    assert not made[0].is_overdue(datetime.date(2025, 1, 14))
    assert monitoring_status(award=award, today=datetime.date(2025, 1, 15)) == "overdue"
    services.return_receive(
        monitoring_return=made[0],
        actor=opcc,
        received_on=datetime.date(2025, 1, 15),
        expenditure_total=Decimal("2500.50"),
    )
    assert monitoring_status(award=award, today=datetime.date(2025, 1, 15)) == "up-to-date"
    with pytest.raises(ValidationError):
        services.return_review(
            monitoring_return=made[1], actor=opcc, reviewed_on=datetime.date(2025, 1, 16)
        )
    services.return_review(
        monitoring_return=made[0], actor=opcc, reviewed_on=datetime.date(2025, 1, 16)
    )


def test_monitoring_schedule_monthly(opcc) -> None:
    award = AwardFactory()
    made = services.monitoring_schedule_create(
        award=award,
        actor=opcc,
        start=datetime.date(2024, 11, 1),
        end=datetime.date(2025, 1, 31),
        frequency="monthly",
    )
    assert [r.period_end for r in made] == [
        datetime.date(2024, 11, 30),
        datetime.date(2024, 12, 31),
        datetime.date(2025, 1, 31),
    ]


def test_monitoring_reminders_are_idempotent_per_day(users) -> None:
    today = datetime.date(2025, 4, 10)
    due_soon = ReturnFactory(due_on=datetime.date(2025, 4, 14))
    overdue = ReturnFactory(due_on=datetime.date(2025, 4, 1))
    ReturnFactory(due_on=datetime.date(2025, 5, 1))  # too far off
    ReturnFactory(due_on=datetime.date(2025, 4, 2), received_on=datetime.date(2025, 4, 2))
    assert services.monitoring_reminders_send(today=today) == 2
    services.monitoring_reminders_send(today=today)
    notes = Notification.objects.filter(recipient=users["opcc"])
    assert sorted(notes.values_list("key", flat=True)) == sorted(
        [
            f"grants:return:{due_soon.pk}:due:2025-04-10",
            f"grants:return:{overdue.pk}:overdue:2025-04-10",
        ]
    )
    assert not Notification.objects.exclude(recipient=users["opcc"]).exists()
    services.monitoring_reminders_send(today=today + datetime.timedelta(days=1))
    assert notes.count() == 4


def test_reminder_task_wraps_the_service(users) -> None:
    from grants.tasks import monitoring_reminders

    ReturnFactory(due_on=datetime.date(2025, 4, 1))
    assert monitoring_reminders.delay("2025-04-10").get() == 1
