"""Rounds: setting one up, the constraints on its dates and amounts, and its lifecycle."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.lifecycle import IllegalTransition
from grants import services
from grants.models import GrantRound
from grants.selectors import round_status_history
from tests.grants.factories import FundFactory, RoundFactory

pytestmark = pytest.mark.django_db
S = GrantRound.Status


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
    moves = round_status_history(grant_round=grant_round)
    assert [(m.from_status, m.to_status, m.actor) for m in moves] == [
        (S.PLANNED, S.OPEN, opcc),
        (S.OPEN, S.CLOSED, opcc),
        (S.CLOSED, S.MODERATION, opcc),
    ]


def test_round_transition_refuses_skipping_a_step(opcc) -> None:
    grant_round = RoundFactory(status=S.PLANNED)
    with pytest.raises(IllegalTransition) as error:
        services.round_transition(grant_round=grant_round, to_status=S.CLOSED, actor=opcc)
    assert error.value.messages == ["A round that is “Planned” cannot become “Closed”."]
    grant_round.refresh_from_db()
    assert grant_round.status == S.PLANNED
    assert not round_status_history(grant_round=grant_round).exists()


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
