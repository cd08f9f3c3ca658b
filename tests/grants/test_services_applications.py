"""Applications: the maximum bid, the recommended amount within the request, withdrawal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grants import services
from grants.models import Application, GrantRound
from tests.grants.factories import (
    ApplicationFactory,
    DecisionFactory,
    RoundFactory,
    scoring_round,
)

pytestmark = pytest.mark.django_db
S = GrantRound.Status


def test_recommended_amount_cannot_exceed_request_in_database() -> None:
    application = ApplicationFactory(amount_requested=Decimal("100"))
    application.amount_recommended = Decimal("100.01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(amount_recommended=Decimal("100.01"))


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
