"""Writes for grants: rounds and their lifecycle, applications, scoring, moderation, decisions,
awards, payments, monitoring returns, visits and reminders.

Every function takes keyword-only arguments and an `actor`, checks the permission itself (so a
task or the shell cannot bypass it), runs in one transaction, validates with `full_clean()` and
records a domain event.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from core.events import EventType
from core.permissions import OPCC_OFFICER, AnyUser, can_manage_grants, ensure_allowed
from core.services import event_record, notification_send
from grants.models import (
    Application,
    Award,
    ConflictOfInterest,
    Criterion,
    Decision,
    DueDiligenceVisit,
    Fund,
    GrantRound,
    ModerationChange,
    MonitoringReturn,
    Payment,
    RoundStatusChange,
    Score,
)
from meetings.models import Organisation

S = GrantRound.Status

# What may follow what. Anything else is refused.
ROUND_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.PLANNED: (S.OPEN,),
    S.OPEN: (S.CLOSED,),
    S.CLOSED: (S.MODERATION,),
    S.MODERATION: (S.DECIDED,),
    S.DECIDED: (S.AWARDS_MADE,),
    S.AWARDS_MADE: (),
}
ROUND_EVENTS = {
    S.OPEN: EventType.ROUND_OPENED,
    S.CLOSED: EventType.ROUND_CLOSED,
    S.MODERATION: EventType.ROUND_MODERATION_STARTED,
    S.DECIDED: EventType.ROUND_DECIDED,
    S.AWARDS_MADE: EventType.ROUND_AWARDS_MADE,
}
APPLICATIONS_ACCEPTED = (S.PLANNED, S.OPEN, S.CLOSED)
SCORING_STATUSES = (S.CLOSED, S.MODERATION)
CRITERIA_EDITABLE = (S.PLANNED, S.OPEN, S.CLOSED)
# A monitoring return is due this many days after the end of its period.
RETURN_DUE_AFTER_DAYS = 14
# Officers are reminded of returns due within this many days, and of every overdue return.
REMINDER_DAYS_AHEAD = 7

TRANSITION_NOT_ALLOWED = "A round that is {current} cannot be moved to {target}."
DECIDE_THROUGH_DECISION = "Record the Commissioner's decision to move the round to decided."
AWARDS_NEED_AWARDS = "There are no awards to publish: record the decision and its awards first."
ROUND_NAME_REQUIRED = "Enter the name of the round."
APPLICATIONS_CLOSED = "This round no longer accepts applications."
REQUEST_ABOVE_MAX_BID = (
    "£{amount:,.2f} is more than the £{max_bid:,.2f} maximum bid for this round."
)
WITHDRAW_REASON_REQUIRED = "Say why the application was withdrawn."
ALREADY_WITHDRAWN = "This application has already been withdrawn."
CRITERIA_LOCKED = "Criteria cannot change once moderation has started."
SCORING_NOT_OPEN = (
    "Applications can be scored only once the round has closed and until it is decided."
)
SCORE_OUT_OF_RANGE = "Enter a score from 0 to {max_score}."
SCORE_CONFLICT = "You declared an interest in this application, so you cannot score it."
SCORE_WITHDRAWN = "This application was withdrawn, so it cannot be scored."
CRITERION_NOT_IN_ROUND = "That criterion belongs to another round."
CONFLICT_DETAILS_REQUIRED = "Describe the interest you are declaring."
CONFLICT_ALREADY_SCORED = (
    "Your scores for this application have been set aside because you declared an interest."
)
MODERATION_NOT_OPEN = "Scores can be moderated only while the round is in moderation."
MODERATION_REASON_REQUIRED = "Give the reason for the moderated score."
PERCENT_OUT_OF_RANGE = "Enter a percentage from 0 to 100."
THRESHOLD_REQUIRED = "Set the round's award threshold before recommending by score."
RECOMMENDED_ABOVE_REQUEST = (
    "The recommended amount cannot be more than the £{requested:,.2f} requested."
)
DECISION_NOT_READY = "A decision can be recorded only for a round in moderation."
DECISION_NOTHING_RECOMMENDED = "No applications are recommended, so there is nothing to decide."
DECISION_REFERENCE_REQUIRED = "Enter the public reference of the decision record."
AWARD_ABOVE_REQUEST = "The award of £{amount:,.2f} is more than the £{requested:,.2f} requested."
AWARD_WITHDRAWN = "A withdrawn application cannot be awarded."
AWARD_EXISTS = "This application already has an award."
PAYMENTS_EXCEED_AWARD = "Payments of £{total:,.2f} would be more than the £{amount:,.2f} awarded."
PAYMENT_ALREADY_PAID = "This payment is already recorded as paid."
RETURN_NOT_RECEIVED = "A return must be received before it is reviewed."
RETURN_ALREADY_RECEIVED = "This return has already been received."


def _full_clean(obj: Any) -> None:
    obj.full_clean()
    obj.save()


def _unique_slug(model: Any, base: str) -> str:
    base = slugify(base)[:180] or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Funds and rounds ----------------------------------------------------------------------


@transaction.atomic
def fund_create(
    *,
    actor: AnyUser,
    name: str,
    kind: str = Fund.Kind.GRANT_SCHEME,
    owner: Organisation | None = None,
    description: str = "",
) -> Fund:
    ensure_allowed(can_manage_grants, actor)
    fund = Fund(name=name, slug=_unique_slug(Fund, name), kind=kind, owner=owner)
    fund.description = description
    _full_clean(fund)
    event_record(subject=fund, verb=EventType.FUND_CREATED, actor=actor, summary=name)
    return fund


@transaction.atomic
def round_create(
    *,
    actor: AnyUser,
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
        slug=_unique_slug(GrantRound, f"{fund.slug}-{name}"),
        opens_at=opens_at,
        closes_at=closes_at,
        budget=budget,
        max_bid=max_bid,
        award_threshold=award_threshold,
        score_bands=score_bands or [],
        financial_year=financial_year,
    )
    _full_clean(grant_round)
    event_record(subject=grant_round, verb=EventType.ROUND_CREATED, actor=actor, summary=name)
    return grant_round


def _transition(grant_round: GrantRound, target: str, actor: AnyUser) -> None:
    current = grant_round.status
    if target not in ROUND_TRANSITIONS[current]:
        raise ValidationError(
            TRANSITION_NOT_ALLOWED.format(
                current=S(current).label.lower(), target=S(target).label.lower()
            )
        )
    grant_round.status = target
    _full_clean(grant_round)
    RoundStatusChange.objects.create(
        round=grant_round,
        from_status=current,
        to_status=target,
        changed_at=timezone.now(),
        actor=actor if actor.is_authenticated else None,
    )
    event_record(
        subject=grant_round,
        verb=ROUND_EVENTS[target],
        actor=actor,
        summary=f"{grant_round}: {S(current).label} → {S(target).label}",
        is_public=target == S.AWARDS_MADE,
    )


@transaction.atomic
def round_transition(*, grant_round: GrantRound, to_status: str, actor: AnyUser) -> GrantRound:
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
    _transition(grant_round, to_status, actor)
    return grant_round


@transaction.atomic
def criterion_add(
    *,
    grant_round: GrantRound,
    actor: AnyUser,
    title: str,
    weight: int = 1,
    max_score: int = 5,
    description: str = "",
) -> Criterion:
    ensure_allowed(can_manage_grants, actor)
    if grant_round.status not in CRITERIA_EDITABLE:
        raise ValidationError(CRITERIA_LOCKED)
    criterion = Criterion(
        round=grant_round,
        title=title.strip(),
        weight=weight,
        max_score=max_score,
        description=description,
        position=grant_round.criteria.count() + 1,
    )
    _full_clean(criterion)
    event_record(subject=grant_round, verb=EventType.CRITERION_ADDED, actor=actor, summary=title)
    return criterion


# --- Applications --------------------------------------------------------------------------


def application_check_amounts(
    *,
    grant_round: GrantRound,
    amount_requested: Decimal,
    amount_recommended: Decimal | None = None,
) -> None:
    """The checks the CSV import runs on each line before saving anything."""
    errors: dict[str, str] = {}
    if grant_round.max_bid is not None and amount_requested > grant_round.max_bid:
        errors["amount_requested"] = REQUEST_ABOVE_MAX_BID.format(
            amount=amount_requested, max_bid=grant_round.max_bid
        )
    if amount_recommended is not None and amount_recommended > amount_requested:
        errors["amount_recommended"] = RECOMMENDED_ABOVE_REQUEST.format(requested=amount_requested)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_create(
    *,
    grant_round: GrantRound,
    actor: AnyUser,
    organisation: Organisation,
    project_title: str,
    amount_requested: Decimal,
    area: str = "",
    reference: str = "",
    organisation_name_submitted: str = "",
    amount_recommended: Decimal | None = None,
    position: int | None = None,
) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if grant_round.status not in APPLICATIONS_ACCEPTED:
        raise ValidationError(APPLICATIONS_CLOSED)
    application_check_amounts(
        grant_round=grant_round,
        amount_requested=amount_requested,
        amount_recommended=amount_recommended,
    )
    count = grant_round.applications.count()
    application = Application(
        round=grant_round,
        organisation=organisation,
        organisation_name_submitted=organisation_name_submitted or organisation.name,
        project_title=project_title.strip(),
        amount_requested=amount_requested,
        amount_recommended=amount_recommended,
        area=area.strip(),
        reference=reference.strip() or f"A{count + 1:03d}",
        position=position if position is not None else count + 1,
    )
    _full_clean(application)
    event_record(
        subject=application,
        verb=EventType.APPLICATION_RECEIVED,
        actor=actor,
        summary=f"{organisation.name}: {project_title} (£{amount_requested:,})",
    )
    return application


@transaction.atomic
def application_add(
    *,
    grant_round: GrantRound,
    actor: AnyUser,
    organisation_name: str,
    project_title: str,
    amount_requested: Decimal,
    area: str = "",
) -> Application:
    """One application entered by hand, its organisation found (or added) by name."""
    from grants.imports import OrganisationMatcher

    ensure_allowed(can_manage_grants, actor)
    organisation, _ = OrganisationMatcher().find_or_create(organisation_name)
    return application_create(
        grant_round=grant_round,
        actor=actor,
        organisation=organisation,
        organisation_name_submitted=organisation_name.strip(),
        project_title=project_title,
        amount_requested=amount_requested,
        area=area,
    )


@transaction.atomic
def application_withdraw(*, application: Application, actor: AnyUser, reason: str) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if application.withdrawn:
        raise ValidationError(ALREADY_WITHDRAWN)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    if hasattr(application, "award"):
        raise ValidationError(AWARD_EXISTS)
    application.withdrawn = True
    application.withdrawn_reason = reason.strip()
    application.recommended = False
    _full_clean(application)
    event_record(
        subject=application, verb=EventType.APPLICATION_WITHDRAWN, actor=actor, summary=reason
    )
    return application


# --- Scoring and moderation ----------------------------------------------------------------


@transaction.atomic
def conflict_declare(
    *, application: Application, actor: AnyUser, details: str
) -> ConflictOfInterest:
    """Declare an interest. The assessor can no longer score the application, and any scores
    they already gave are no longer counted (the selectors skip them)."""
    ensure_allowed(can_manage_grants, actor)
    if not details.strip():
        raise ValidationError({"details": CONFLICT_DETAILS_REQUIRED})
    conflict, _ = ConflictOfInterest.objects.get_or_create(
        application=application, assessor=actor, defaults={"details": details.strip()}
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
    actor: AnyUser,
    value: int,
    comment: str = "",
) -> Score:
    ensure_allowed(can_manage_grants, actor)
    grant_round = application.round
    if grant_round.status not in SCORING_STATUSES:
        raise ValidationError(SCORING_NOT_OPEN)
    if criterion.round_id != application.round_id:
        raise ValidationError(CRITERION_NOT_IN_ROUND)
    if application.withdrawn:
        raise ValidationError(SCORE_WITHDRAWN)
    if ConflictOfInterest.objects.filter(application=application, assessor=actor).exists():
        raise ValidationError(SCORE_CONFLICT)
    if not 0 <= value <= criterion.max_score:
        raise ValidationError({"value": SCORE_OUT_OF_RANGE.format(max_score=criterion.max_score)})
    score = Score.objects.filter(
        application=application, criterion=criterion, assessor=actor
    ).first() or Score(application=application, criterion=criterion, assessor=actor)
    score.value = value
    score.comment = comment
    _full_clean(score)
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
    *, application: Application, actor: AnyUser, percent: Decimal, reason: str
) -> Application:
    """Set the moderated score; every change keeps its reason in a ModerationChange row."""
    ensure_allowed(can_manage_grants, actor)
    if application.round.status != S.MODERATION:
        raise ValidationError(MODERATION_NOT_OPEN)
    if not reason.strip():
        raise ValidationError({"reason": MODERATION_REASON_REQUIRED})
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError({"percent": PERCENT_OUT_OF_RANGE})
    old = application.moderated_percent
    application.moderated_percent = percent
    _full_clean(application)
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
def round_recommend(*, grant_round: GrantRound, actor: AnyUser) -> int:
    """Recommend every live application whose score reaches the round's threshold (and no
    others). Returns how many are recommended."""
    from grants.selectors import application_scores_for_round

    ensure_allowed(can_manage_grants, actor)
    if grant_round.status != S.MODERATION:
        raise ValidationError(MODERATION_NOT_OPEN)
    if grant_round.award_threshold is None:
        raise ValidationError(THRESHOLD_REQUIRED)
    rows = application_scores_for_round(grant_round=grant_round)
    count = 0
    for row in rows:
        application = row.application
        wanted = row.percent is not None and row.percent >= grant_round.award_threshold
        if application.recommended != wanted:
            application.recommended = wanted
            _full_clean(application)
        count += wanted
    event_record(
        subject=grant_round,
        verb=EventType.ROUND_RECOMMENDED,
        actor=actor,
        summary=f"{count} applications at or above {grant_round.award_threshold}%",
    )
    return count


@transaction.atomic
def application_recommend(
    *,
    application: Application,
    actor: AnyUser,
    recommended: bool,
    amount_recommended: Decimal | None = None,
) -> Application:
    ensure_allowed(can_manage_grants, actor)
    if application.round.status != S.MODERATION:
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
    _full_clean(application)
    event_record(
        subject=application,
        verb=EventType.APPLICATION_RECOMMENDED
        if recommended
        else "grant application not recommended",
        actor=actor,
    )
    return application


# --- Decisions and awards ------------------------------------------------------------------


@transaction.atomic
def award_create(
    *,
    application: Application,
    decision: Decision,
    actor: AnyUser,
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
    _full_clean(award)
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
    actor: AnyUser,
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
    if grant_round.status != S.MODERATION:
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
    _full_clean(decision)
    for application in recommended:
        award_create(
            application=application,
            decision=decision,
            actor=actor,
            amount=application.amount_for_recommendation,
            conditions=conditions,
        )
    _transition(grant_round, S.DECIDED, actor)
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
    actor: AnyUser,
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
    _full_clean(payment)
    event_record(
        subject=award,
        verb=EventType.PAYMENT_SCHEDULED,
        actor=actor,
        summary=f"£{amount:,.2f} {due_on}",
    )
    return payment


@transaction.atomic
def payment_mark_paid(*, payment: Payment, actor: AnyUser, paid_on: datetime.date) -> Payment:
    ensure_allowed(can_manage_grants, actor)
    if payment.paid_on is not None:
        raise ValidationError(PAYMENT_ALREADY_PAID)
    payment.paid_on = paid_on
    _full_clean(payment)
    event_record(
        subject=payment.award,
        verb=EventType.PAYMENT_MADE,
        actor=actor,
        summary=f"£{payment.amount:,} on {paid_on}",
    )
    return payment


# --- Monitoring ----------------------------------------------------------------------------


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@transaction.atomic
def monitoring_schedule_create(
    *,
    award: Award,
    actor: AnyUser,
    start: datetime.date,
    end: datetime.date,
    frequency: str | None = None,
) -> list[MonitoringReturn]:
    """One return per month or quarter from `start` to `end`, each due RETURN_DUE_AFTER_DAYS
    after its period ends. Periods already scheduled are kept as they are."""
    ensure_allowed(can_manage_grants, actor)
    frequency = frequency or award.monitoring_frequency
    step = 1 if frequency == Award.Frequency.MONTHLY else 3
    award.monitoring_frequency = frequency
    award.start_date, award.end_date = start, end
    _full_clean(award)
    made = []
    period_start = start
    while period_start <= end:
        period_end = min(_add_months(period_start, step) - datetime.timedelta(days=1), end)
        ret, created = MonitoringReturn.objects.get_or_create(
            award=award,
            period_start=period_start,
            defaults={
                "period_end": period_end,
                "due_on": period_end + datetime.timedelta(days=RETURN_DUE_AFTER_DAYS),
            },
        )
        if created:
            made.append(ret)
        period_start = period_end + datetime.timedelta(days=1)
    event_record(
        subject=award,
        verb=EventType.MONITORING_SCHEDULED,
        actor=actor,
        summary=f"{len(made)} {frequency} returns",
    )
    return made


@transaction.atomic
def return_receive(
    *,
    monitoring_return: MonitoringReturn,
    actor: AnyUser,
    received_on: datetime.date,
    expenditure_total: Decimal | None = None,
    engagement: str = "",
    achievements: str = "",
    challenges: str = "",
) -> MonitoringReturn:
    ensure_allowed(can_manage_grants, actor)
    if monitoring_return.received_on is not None:
        raise ValidationError(RETURN_ALREADY_RECEIVED)
    monitoring_return.received_on = received_on
    monitoring_return.expenditure_total = expenditure_total
    monitoring_return.engagement = engagement
    monitoring_return.achievements = achievements
    monitoring_return.challenges = challenges
    _full_clean(monitoring_return)
    event_record(
        subject=monitoring_return.award,
        verb=EventType.RETURN_RECEIVED,
        actor=actor,
        summary=f"Return for {monitoring_return.period_start}–{monitoring_return.period_end}",
    )
    return monitoring_return


@transaction.atomic
def return_review(
    *, monitoring_return: MonitoringReturn, actor: AnyUser, reviewed_on: datetime.date
) -> MonitoringReturn:
    ensure_allowed(can_manage_grants, actor)
    if monitoring_return.received_on is None:
        raise ValidationError(RETURN_NOT_RECEIVED)
    monitoring_return.reviewed_on = reviewed_on
    monitoring_return.reviewed_by = actor  # type: ignore[assignment]
    _full_clean(monitoring_return)
    event_record(subject=monitoring_return.award, verb=EventType.RETURN_REVIEWED, actor=actor)
    return monitoring_return


def _opcc_officers() -> Iterable[User]:
    return User.objects.filter(groups__name=OPCC_OFFICER, is_active=True).distinct()


def monitoring_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell every OPCC officer about returns due within REMINDER_DAYS_AHEAD days and returns
    overdue. The key names the return, the kind and the day, so running twice on one day sends
    nothing new, and an overdue return is raised again each day until it arrives.

    The lead calls this from the daily job; `grants.tasks.monitoring_reminders` wraps it for Celery.
    """
    today = today or timezone.localdate()
    outstanding = (
        MonitoringReturn.objects.filter(
            received_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS_AHEAD),
        )
        .select_related("award__application__organisation", "award__application__round")
        .order_by("due_on", "pk")
    )
    officers = list(_opcc_officers())
    sent = 0
    for ret in outstanding:
        kind = "overdue" if ret.due_on < today else "due"
        application = ret.award.application
        subject = (
            f"Monitoring return {'overdue' if kind == 'overdue' else 'due'} "
            f"{ret.due_on:%-d %B %Y}: {application.organisation.name}"
        )
        body = (
            f"{application.project_title} ({application.round}). Return for "
            f"{ret.period_start:%-d %B %Y} to {ret.period_end:%-d %B %Y}."
        )
        url = reverse("grants:award-detail", args=[ret.award_id])
        for officer in officers:
            notification_send(
                recipient=officer,
                kind=f"grant_return_{kind}",
                key=f"grants:return:{ret.pk}:{kind}:{today.isoformat()}",
                subject=subject,
                body=body,
                url=url,
            )
            sent += 1
    return sent


# --- Visits --------------------------------------------------------------------------------


@transaction.atomic
def visit_record(
    *,
    actor: AnyUser,
    organisation: Organisation,
    visited_on: datetime.date | None,
    project: str = "",
    fund: Fund | None = None,
    award: Award | None = None,
    area_and_work: str = "",
    funding_amount: Decimal | None = None,
    output: str = "",
) -> DueDiligenceVisit:
    ensure_allowed(can_manage_grants, actor)
    visit = DueDiligenceVisit(
        organisation=organisation,
        visited_on=visited_on,
        project=project,
        fund=fund,
        award=award,
        area_and_work=area_and_work,
        funding_amount=funding_amount,
        funding_text=f"£{funding_amount:,}" if funding_amount is not None else "",
        output=output,
        source=f"Recorded by {getattr(actor, 'username', '')} on {timezone.localdate()}",
    )
    _full_clean(visit)
    event_record(
        subject=visit, verb=EventType.VISIT_RECORDED, actor=actor, summary=str(organisation)
    )
    return visit
