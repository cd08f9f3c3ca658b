"""The daily job: reminders before the due date, overdue notices, the weekly digest."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.dates import date_long
from core.models import DomainEvent
from core.permissions import OPCC_OFFICER, PANEL_MEMBER, users_with_role
from core.services import notification_send
from scrutiny.models import TrackedItem
from scrutiny.services._common import REMINDER_DAYS_BEFORE


def _recipients(item: TrackedItem, officers: list[User]) -> list[User]:
    """Who answers for the addressee: the OPCC officers, who coordinate every response to the
    panel (the Force's included), and the named officer if they have an active login."""
    person_user = item.addressee_person.user if item.addressee_person else None
    if person_user is None or not person_user.is_active or person_user in officers:
        return officers
    return [*officers, person_user]


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Reminders before the due date and overdue notices, at most one per item, kind and day.

    Safe to run twice or to resume after a crash: each notice has a key, and `notification_send`
    creates and emails each key once.
    """
    today = today or timezone.localdate()
    sent = {"reminder": 0, "overdue": 0}
    open_awaiting = TrackedItem.objects.filter(
        closed_at__isnull=True,
        withdrawn_at__isnull=True,
        response_status=TrackedItem.ResponseStatus.AWAITING,
    ).select_related("addressee_person__user")
    # One query for the officers, not one per item.
    officers = list(users_with_role(OPCC_OFFICER))
    soon = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS_BEFORE]
    batches = (
        ("reminder", open_awaiting.filter(due_date__in=soon)),
        ("overdue", open_awaiting.filter(due_date__lt=today)),
    )
    for kind, items in batches:
        for item in items.iterator(chunk_size=500):
            if kind == "reminder":
                subject = f"Due {date_long(item.due_date)}: {item.reference}"
            else:
                subject = f"Overdue since {date_long(item.due_date)}: {item.reference}"
            for user in _recipients(item, officers):
                notification_send(
                    recipient=user,
                    kind=kind,
                    key=f"{kind}:{item.pk}:{today.isoformat()}",
                    subject=subject,
                    body=f"{item.title}\n\n{item.text}",
                    url=item.get_absolute_url(),
                )
                sent[kind] += 1
    return sent


def digest_send(*, today: datetime.date | None = None) -> int:
    """The weekly digest to panel members: what changed in the tracker in the last seven days."""
    today = today or timezone.localdate()
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time())
    )
    events = (
        DomainEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(TrackedItem), occurred_at__gte=since
        )
        .order_by("occurred_at")
        .values_list("object_id", "summary")
    )
    changes = list(events[:200])
    if not changes:
        return 0
    references = dict(
        TrackedItem.objects.filter(pk__in={pk for pk, _ in changes}).values_list("pk", "reference")
    )
    body = "\n".join(f"{references.get(pk, pk)}: {summary}" for pk, summary in changes)
    year, week, _ = today.isocalendar()
    count = 0
    for user in users_with_role(PANEL_MEMBER):
        notification_send(
            recipient=user,
            kind="digest",
            key=f"digest:{year}-W{week:02d}",
            subject=f"Tracker: {len(changes)} changes in the week to {date_long(today)}",
            body=body,
            url="/actions/",
        )
        count += 1
    return count


def daily_jobs_run(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily job: tracker reminders and the Monday digest. (Grant monitoring reminders are
    grants' own daily job, scheduled beside this one.)"""
    today = today or timezone.localdate()
    result = reminders_send(today=today)
    if today.weekday() == 0:
        result["digest"] = digest_send(today=today)
    return result
