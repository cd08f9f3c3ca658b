"""Rounds: setting one up, its criteria, and moving it through its lifecycle."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_manage_grants, ensure_allowed
from core.services import event_record
from core.types import Actor
from grants.models import ROUND_LIFECYCLE, Award, Criterion, Fund, GrantRound
from grants.services._common import full_clean_save, unique_slug

S = GrantRound.Status
ROUND_EVENTS = {
    S.OPEN: EventType.ROUND_OPENED,
    S.CLOSED: EventType.ROUND_CLOSED,
    S.MODERATION: EventType.ROUND_MODERATION_STARTED,
    S.DECIDED: EventType.ROUND_DECIDED,
    S.AWARDS_MADE: EventType.ROUND_AWARDS_MADE,
}

DECIDE_THROUGH_DECISION = "Record the Commissioner's decision to move the round to decided."
AWARDS_NEED_AWARDS = "There are no awards to publish: record the decision and its awards first."
ROUND_NAME_REQUIRED = "Enter the name of the round."
CRITERIA_LOCKED = "Criteria cannot change once moderation has started."


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    fund: Fund,
    name: str,
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    budget: Decimal | None = None,
    max_bid: Decimal | None = None,
    award_threshold: Decimal | None = None,
    score_bands: list[dict[str, Any]] | None = None,
    financial_year: str = "",
) -> GrantRound:
    ensure_allowed(can_manage_grants, actor)
    if not name.strip():
        raise ValidationError({"name": ROUND_NAME_REQUIRED})
    grant_round = GrantRound(
        fund=fund,
        name=name.strip(),
        slug=unique_slug(GrantRound, f"{fund.slug}-{name}"),
        opens_at=opens_at,
        closes_at=closes_at,
        budget=budget,
        max_bid=max_bid,
        award_threshold=award_threshold,
        score_bands=score_bands or [],
        financial_year=financial_year,
    )
    full_clean_save(grant_round)
    event_record(subject=grant_round, verb=EventType.ROUND_CREATED, actor=actor, summary=name)
    return grant_round


def round_move(grant_round: GrantRound, target: str, actor: Actor) -> None:
    """One step of the round's lifecycle, with its status-change row and its event; for the
    services here, inside their transaction and after their own checks."""
    current = grant_round.status
    transition(grant_round, ROUND_LIFECYCLE, target, actor=actor)
    event_record(
        subject=grant_round,
        verb=ROUND_EVENTS[S(target)],
        actor=actor,
        summary=f"{grant_round}: {S(current).label} → {S(target).label}",
        is_public=target == S.AWARDS_MADE,
    )


@transaction.atomic
def round_transition(*, grant_round: GrantRound, to_status: str, actor: Actor) -> GrantRound:
    """Move a round one step on. "Decided" comes only from `decision_record`, and "awards made"
    (which publishes the awards on the public register) needs awards."""
    ensure_allowed(can_manage_grants, actor)
    grant_round = GrantRound.objects.select_for_update().get(pk=grant_round.pk)
    if to_status == S.DECIDED and grant_round.status == S.MODERATION:
        raise ValidationError(DECIDE_THROUGH_DECISION)
    if (
        to_status == S.AWARDS_MADE
        and not Award.objects.filter(application__round=grant_round).exists()
    ):
        raise ValidationError(AWARDS_NEED_AWARDS)
    round_move(grant_round, to_status, actor)
    return grant_round


@transaction.atomic
def criterion_add(
    *,
    grant_round: GrantRound,
    actor: Actor,
    title: str,
    weight: int = 1,
    max_score: int = 5,
    description: str = "",
) -> Criterion:
    ensure_allowed(can_manage_grants, actor)
    if not grant_round.criteria_editable:
        raise ValidationError(CRITERIA_LOCKED)
    criterion = Criterion(
        round=grant_round,
        title=title.strip(),
        weight=weight,
        max_score=max_score,
        description=description,
        position=grant_round.criteria.count() + 1,
    )
    full_clean_save(criterion)
    event_record(subject=grant_round, verb=EventType.CRITERION_ADDED, actor=actor, summary=title)
    return criterion
