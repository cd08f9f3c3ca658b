"""Monitoring an award: the schedule of returns, receiving and reviewing each return, and the
daily reminders of returns due soon or overdue."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from core.events import EventType
from core.permissions import (
    OPCC_OFFICER,
    can_manage_grants,
    ensure_allowed,
    signed_in,
    users_with_role,
)
from core.services import event_record, notification_send
from core.types import Actor
from grants.models import Award, MonitoringReturn
from grants.services._common import full_clean_save

# A monitoring return is due this many days after the end of its period.
RETURN_DUE_AFTER_DAYS = 14
# Officers are reminded of returns due within this many days, and of every overdue return.
REMINDER_DAYS_AHEAD = 7

RETURN_NOT_RECEIVED = "A return must be received before it is reviewed."
RETURN_ALREADY_RECEIVED = "This return has already been received."


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


@transaction.atomic
def monitoring_schedule_create(
    *,
    award: Award,
    actor: Actor,
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
    full_clean_save(award)
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
    actor: Actor,
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
    full_clean_save(monitoring_return)
    event_record(
        subject=monitoring_return.award,
        verb=EventType.RETURN_RECEIVED,
        actor=actor,
        summary=f"Return for {monitoring_return.period_start}–{monitoring_return.period_end}",
    )
    return monitoring_return


@transaction.atomic
def return_review(
    *, monitoring_return: MonitoringReturn, actor: Actor, reviewed_on: datetime.date
) -> MonitoringReturn:
    ensure_allowed(can_manage_grants, actor)
    if monitoring_return.received_on is None:
        raise ValidationError(RETURN_NOT_RECEIVED)
    monitoring_return.reviewed_on = reviewed_on
    monitoring_return.reviewed_by = signed_in(actor)
    full_clean_save(monitoring_return)
    event_record(subject=monitoring_return.award, verb=EventType.RETURN_REVIEWED, actor=actor)
    return monitoring_return


def _opcc_officers() -> QuerySet[User]:
    return users_with_role(OPCC_OFFICER)


def monitoring_reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell every OPCC officer about returns due within REMINDER_DAYS_AHEAD days and returns
    overdue. The key names the return, the kind and the day, so running twice on one day sends
    nothing new, and an overdue return is raised again each day until it arrives.

    Run each morning by `grants.tasks.monitoring_reminders` (scheduled in grants/schedules.py).
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
