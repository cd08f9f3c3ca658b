"""The decision and its awards, and payments that never exceed the award."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.models import DomainEvent
from grants import services
from grants.models import Award, GrantRound
from grants.selectors import (
    award_percentage_paid,
)
from tests.grants.factories import (
    ApplicationFactory,
    AwardFactory,
    DecisionFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db
S = GrantRound.Status


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
