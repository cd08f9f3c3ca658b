"""The Commissioner's decision on a round, the awards it makes and their payments."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from core.events import EventType
from core.permissions import can_manage_grants, ensure_allowed
from core.services import event_record
from core.types import Actor
from grants.models import Application, Award, Decision, GrantRound, Payment
from grants.services._common import full_clean_save
from grants.services.applications import AWARD_EXISTS
from grants.services.rounds import round_move

DECISION_NOT_READY = "A decision can be recorded only for a round in moderation."
DECISION_NOTHING_RECOMMENDED = "No applications are recommended, so there is nothing to decide."
DECISION_REFERENCE_REQUIRED = "Enter the public reference of the decision record."
AWARD_ABOVE_REQUEST = "The award of £{amount:,.2f} is more than the £{requested:,.2f} requested."
AWARD_WITHDRAWN = "A withdrawn application cannot be awarded."
PAYMENTS_EXCEED_AWARD = "Payments of £{total:,.2f} would be more than the £{amount:,.2f} awarded."
PAYMENT_ALREADY_PAID = "This payment is already recorded as paid."


@transaction.atomic
def award_create(
    *,
    application: Application,
    decision: Decision,
    actor: Actor,
    amount: Decimal,
    conditions: str = "",
    monitoring_frequency: str = Award.Frequency.QUARTERLY,
) -> Award:
    ensure_allowed(can_manage_grants, actor)
    if application.withdrawn:
        raise ValidationError(AWARD_WITHDRAWN)
    if amount > application.amount_requested:
        raise ValidationError(
            {
                "amount": AWARD_ABOVE_REQUEST.format(
                    amount=amount, requested=application.amount_requested
                )
            }
        )
    if Award.objects.filter(application=application).exists():
        raise ValidationError(AWARD_EXISTS)
    award = Award(
        application=application,
        decision=decision,
        amount=amount,
        conditions=conditions,
        monitoring_frequency=monitoring_frequency,
    )
    full_clean_save(award)
    event_record(
        subject=award,
        verb=EventType.AWARD_MADE,
        actor=actor,
        summary=(
            f"£{amount:,.2f} to {application.organisation.name} for {application.project_title}"
        ),
    )
    return award


@transaction.atomic
def decision_record(
    *,
    grant_round: GrantRound,
    actor: Actor,
    public_reference: str,
    decided_on: datetime.date,
    summary: str = "",
    url: str = "",
    conditions: str = "",
) -> Decision:
    """Record the PCC's decision and an award for every recommended application, at the
    recommended amount; the round becomes "decided"."""
    ensure_allowed(can_manage_grants, actor)
    grant_round = GrantRound.objects.select_for_update().get(pk=grant_round.pk)
    if not grant_round.in_moderation:
        raise ValidationError(DECISION_NOT_READY)
    if not public_reference.strip():
        raise ValidationError({"public_reference": DECISION_REFERENCE_REQUIRED})
    recommended = list(
        grant_round.applications.filter(recommended=True, withdrawn=False).select_related(
            "organisation"
        )
    )
    if not recommended:
        raise ValidationError(DECISION_NOTHING_RECOMMENDED)
    decision = Decision(
        round=grant_round,
        public_reference=public_reference.strip(),
        decided_on=decided_on,
        summary=summary,
        url=url,
    )
    full_clean_save(decision)
    for application in recommended:
        award_create(
            application=application,
            decision=decision,
            actor=actor,
            amount=application.amount_for_recommendation,
            conditions=conditions,
        )
    round_move(grant_round, GrantRound.Status.DECIDED, actor)
    event_record(
        subject=decision,
        verb=EventType.DECISION_RECORDED,
        actor=actor,
        summary=f"{public_reference}: {len(recommended)} awards",
    )
    return decision


@transaction.atomic
def payment_add(
    *,
    award: Award,
    actor: Actor,
    due_on: datetime.date,
    amount: Decimal,
    reference: str = "",
) -> Payment:
    """Add an instalment to the payment schedule; the schedule never exceeds the award."""
    ensure_allowed(can_manage_grants, actor)
    award = Award.objects.select_for_update().get(pk=award.pk)
    scheduled = award.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if scheduled + amount > award.amount:
        raise ValidationError(
            {"amount": PAYMENTS_EXCEED_AWARD.format(total=scheduled + amount, amount=award.amount)}
        )
    payment = Payment(award=award, due_on=due_on, amount=amount, reference=reference)
    full_clean_save(payment)
    event_record(
        subject=award,
        verb=EventType.PAYMENT_SCHEDULED,
        actor=actor,
        summary=f"£{amount:,.2f} {due_on}",
    )
    return payment


@transaction.atomic
def payment_mark_paid(*, payment: Payment, actor: Actor, paid_on: datetime.date) -> Payment:
    ensure_allowed(can_manage_grants, actor)
    if payment.paid_on is not None:
        raise ValidationError(PAYMENT_ALREADY_PAID)
    payment.paid_on = paid_on
    full_clean_save(payment)
    event_record(
        subject=payment.award,
        verb=EventType.PAYMENT_MADE,
        actor=actor,
        summary=f"£{payment.amount:,} on {paid_on}",
    )
    return payment
