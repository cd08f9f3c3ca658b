"""Judging applications: declared interests, assessors' scores, the panel's moderation and its
recommendations."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.events import EventType
from core.permissions import can_manage_grants, ensure_allowed, signed_in
from core.services import event_record
from core.types import Actor
from grants.models import (
    Application,
    ConflictOfInterest,
    Criterion,
    GrantRound,
    ModerationChange,
    Score,
)
from grants.selectors import application_scores_for_round
from grants.services._common import full_clean_save
from grants.services.applications import RECOMMENDED_ABOVE_REQUEST

SCORING_NOT_OPEN = (
    "Applications can be scored only once the round has closed and until it is decided."
)
SCORE_OUT_OF_RANGE = "Enter a score from 0 to {max_score}."
SCORE_CONFLICT = "You declared an interest in this application, so you cannot score it."
SCORE_WITHDRAWN = "This application was withdrawn, so it cannot be scored."
CRITERION_NOT_IN_ROUND = "That criterion belongs to another round."
CONFLICT_DETAILS_REQUIRED = "Describe the interest you are declaring."
MODERATION_NOT_OPEN = "Scores can be moderated only while the round is in moderation."
MODERATION_REASON_REQUIRED = "Give the reason for the moderated score."
PERCENT_OUT_OF_RANGE = "Enter a percentage from 0 to 100."
THRESHOLD_REQUIRED = "Set the round's award threshold before recommending by score."


@transaction.atomic
def conflict_declare(*, application: Application, actor: Actor, details: str) -> ConflictOfInterest:
    """Declare an interest. The assessor can no longer score the application, and any scores
    they already gave are no longer counted (the selectors skip them)."""
    ensure_allowed(can_manage_grants, actor)
    if not details.strip():
        raise ValidationError({"details": CONFLICT_DETAILS_REQUIRED})
    conflict, _ = ConflictOfInterest.objects.get_or_create(
        application=application, assessor=signed_in(actor), defaults={"details": details.strip()}
    )
    event_record(
        subject=application,
        verb=EventType.CONFLICT_DECLARED,
        actor=actor,
        summary=details[:200],
    )
    return conflict


@transaction.atomic
def score_set(
    *,
    application: Application,
    criterion: Criterion,
    actor: Actor,
    value: int,
    comment: str = "",
) -> Score:
    ensure_allowed(can_manage_grants, actor)
    assessor = signed_in(actor)
    if not application.round.scoring_open:
        raise ValidationError(SCORING_NOT_OPEN)
    if criterion.round_id != application.round_id:
        raise ValidationError(CRITERION_NOT_IN_ROUND)
    if application.withdrawn:
        raise ValidationError(SCORE_WITHDRAWN)
    if ConflictOfInterest.objects.filter(application=application, assessor=assessor).exists():
        raise ValidationError(SCORE_CONFLICT)
    if not 0 <= value <= criterion.max_score:
        raise ValidationError({"value": SCORE_OUT_OF_RANGE.format(max_score=criterion.max_score)})
    score = Score.objects.filter(
        application=application, criterion=criterion, assessor=assessor
    ).first() or Score(application=application, criterion=criterion, assessor=assessor)
    score.value = value
    score.comment = comment
    full_clean_save(score)
    event_record(
        subject=application,
        verb=EventType.APPLICATION_SCORED,
        actor=actor,
        summary=f"{criterion.title}: {value}/{criterion.max_score}",
        data={"criterion": criterion.pk, "value": value},
    )
    return score


@transaction.atomic
def moderation_set(
    *, application: Application, actor: Actor, percent: Decimal, reason: str
) -> Application:
    """Set the moderated score; every change keeps its reason in a ModerationChange row."""
    ensure_allowed(can_manage_grants, actor)
    if not application.round.in_moderation:
        raise ValidationError(MODERATION_NOT_OPEN)
    if not reason.strip():
        raise ValidationError({"reason": MODERATION_REASON_REQUIRED})
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError({"percent": PERCENT_OUT_OF_RANGE})
    old = application.moderated_percent
    application.moderated_percent = percent
    full_clean_save(application)
    ModerationChange.objects.create(
        application=application,
        old_percent=old,
        new_percent=percent,
        reason=reason.strip(),
        actor=actor if actor.is_authenticated else None,
        changed_at=timezone.now(),
    )
    event_record(
        subject=application,
        verb=EventType.SCORE_MODERATED,
        actor=actor,
        summary=f"{old if old is not None else '—'} → {percent}%: {reason}",
    )
    return application


@transaction.atomic
def round_recommend(*, grant_round: GrantRound, actor: Actor) -> int:
    """Recommend every live application whose score reaches the round's threshold (and no
    others). Returns how many are recommended."""
    ensure_allowed(can_manage_grants, actor)
    if not grant_round.in_moderation:
        raise ValidationError(MODERATION_NOT_OPEN)
    threshold = grant_round.award_threshold
    if threshold is None:
        raise ValidationError(THRESHOLD_REQUIRED)
    count = 0
    for row in application_scores_for_round(grant_round=grant_round):
        application = row.application
        wanted = row.percent is not None and row.percent >= threshold
        if application.recommended != wanted:
            application.recommended = wanted
            full_clean_save(application)
        count += wanted
    event_record(
        subject=grant_round,
        verb=EventType.ROUND_RECOMMENDED,
        actor=actor,
        summary=f"{count} applications at or above {threshold}%",
    )
    return count


@transaction.atomic
def application_recommend(
    *,
    application: Application,
    actor: Actor,
    recommended: bool,
    amount_recommended: Decimal | None = None,
) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if not application.round.in_moderation:
        raise ValidationError(MODERATION_NOT_OPEN)
    if amount_recommended is not None and amount_recommended > application.amount_requested:
        raise ValidationError(
            {
                "amount_recommended": RECOMMENDED_ABOVE_REQUEST.format(
                    requested=application.amount_requested
                )
            }
        )
    application.recommended = recommended and not application.withdrawn
    application.amount_recommended = amount_recommended
    full_clean_save(application)
    event_record(
        subject=application,
        verb=EventType.APPLICATION_RECOMMENDED
        if recommended
        else EventType.APPLICATION_NOT_RECOMMENDED,
        actor=actor,
    )
    return application
