"""Recurring items: a standing request the panel makes at each meeting, each quarter or each year.

A series is its first item (occurrence 1) and one item per later occurrence (`series` points to
the first), each with its own due date, response, review and history. The next occurrence is
raised when the current one is closed (its response accepted, or a board outcome accepted) and,
by the daily job, once its due date has passed; never twice (the lock on the series' first item,
and the unique (series, occurrence)). A stopped series raises no more. Nothing is deleted.
"""

from __future__ import annotations

import calendar
import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_create_tracked_items, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import Meeting
from scrutiny.models import ITEM_SERIES_LIFECYCLE, TrackedItem
from scrutiny.services._common import _locked
from scrutiny.services.counts import item_count_key, item_counts_shift
from scrutiny.services.items import item_raise_permission, meeting_after

logger = logging.getLogger(__name__)

SERIES_NOT_RECURRING = "This item does not recur: there is no series to stop."
SERIES_ALREADY_STOPPED = "This series has already been stopped."
SERIES_STOP_REASON_REQUIRED = "Give the reason for stopping the series."

_REC = TrackedItem.Recurrence
# The months between occurrences of the recurrences counted by the calendar.
RECURRENCE_MONTHS: dict[str, int] = {_REC.QUARTERLY: 3, _REC.ANNUALLY: 12}
# The daily job raises at most this many occurrences of a series in one run: enough to catch up
# years of quarters after the job was stopped, and a bound if something is wrong.
CATCH_UP_PASSES = 12


# --- Due dates ---------------------------------------------------------------------------------


def months_after(day: datetime.date, months: int) -> datetime.date:
    """`day` moved on by whole months, on the same day of the month or, in a shorter month, its
    last day: 31 January + 1 quarter is 30 April, 29 February + 1 year is 28 February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrence_due_date(
    *, recurrence: str, first_due: datetime.date, occurrence: int
) -> datetime.date:
    """When occurrence `occurrence` of a quarterly or yearly series falls due. Counted from the
    first occurrence's date, not the previous one's, so the day never drifts: a series due on 31
    March is due on 30 June, 30 September, 31 December and 31 March."""
    return months_after(first_due, RECURRENCE_MONTHS[recurrence] * (occurrence - 1))


def occurrence_due(
    *, first: TrackedItem, previous: TrackedItem, occurrence: int
) -> tuple[datetime.date, Meeting | None] | None:
    """The due date (and the meeting it is due at) of the occurrence after `previous`: the next
    meeting of the body after the previous occurrence was due, or the next quarter or year.
    None while the body has no such meeting scheduled (the daily job tries again)."""
    assert first.scheduled_due_date is not None  # a recurring item always has it (constraint)
    if first.recurrence == _REC.EACH_MEETING:
        after = previous.scheduled_due_date or previous.due_date
        meeting = meeting_after(body=previous.body, day=after)
        return None if meeting is None else (meeting.date, meeting)
    due = occurrence_due_date(
        recurrence=first.recurrence, first_due=first.scheduled_due_date, occurrence=occurrence
    )
    return due, None


# --- Raising the next occurrence ---------------------------------------------------------------


def _occurrence_reference(first: TrackedItem, occurrence: int) -> str:
    """`PCP/2024-10-28/29(c)/3`: the first item's reference and the occurrence's number."""
    tail = f"/{occurrence}"
    limit = TrackedItem._meta.get_field("reference").max_length or 80
    base = first.reference[: limit - len(tail) - 4] + tail  # room for a "-n" as reference_make
    reference, n = base, 1
    while TrackedItem.objects.filter(reference=reference).exists():
        n += 1
        reference = f"{base}-{n}"
    return reference


# What each occurrence takes from the one before: the request itself and where it comes from.
_COPIED = (
    "source", "resolution", "minute_point", "agenda_item", "source_document", "body", "meeting",
    "title", "text", "addressee", "addressee_person", "addressee_body", "requested_by",
    "response_wanted", "parent", "is_public", "recurrence",
)  # fmt: skip


def _occurrence_raise(
    *, item: TrackedItem, actor: Actor | None, today: datetime.date | None = None
) -> tuple[TrackedItem | None, bool]:
    """The occurrence after `item`, raised if need be, and whether it was raised now. Locks
    `item`, then the series' first item, so that every raiser of the same occurrence queues
    behind the first and finds what it raised."""
    if not item.is_recurring:
        return None, False
    previous = _locked(item)
    first = (
        previous
        if previous.series_id is None
        else TrackedItem.objects.select_for_update().get(pk=previous.series_id)
    )
    if first.series_status == TrackedItem.SeriesStatus.STOPPED:
        return None, False
    number = previous.occurrence + 1
    existing = TrackedItem.objects.filter(series=first, occurrence=number).first()
    if existing is not None:
        return existing, False
    due = occurrence_due(first=first, previous=previous, occurrence=number)
    if due is None:
        return None, False
    due_date, due_meeting = due
    today = today or timezone.localdate()
    # The period starts when the previous occurrence was due, or today if that is still to come
    # (the previous answer was accepted early).
    assert previous.scheduled_due_date is not None
    raised_on = min(today, previous.scheduled_due_date)
    occurrence = TrackedItem(
        **{name: getattr(previous, name) for name in _COPIED},
        reference=_occurrence_reference(first, number),
        series=first,
        occurrence=number,
        raised_on=raised_on,
        due_kind=TrackedItem.DueKind.NEXT_MEETING if due_meeting else TrackedItem.DueKind.DATE,
        due_date=due_date,
        due_meeting=due_meeting,
        scheduled_due_date=due_date,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    occurrence.full_clean()
    occurrence.save()
    occurrence.followers.set(previous.followers.all())
    item_counts_shift(before=None, after=item_count_key(occurrence))
    cadence = occurrence.get_recurrence_display().lower()
    event_record(
        subject=occurrence,
        verb=EventType.ITEM_OCCURRENCE_RAISED,
        actor=actor,
        summary=f"Occurrence {number} of {first.reference} ({cadence}); due {date_long(due_date)}",
        data={
            "series": first.pk,
            "occurrence": number,
            "previous": previous.pk,
            "due_date": due_date.isoformat(),
        },
        is_public=occurrence.is_public,
    )
    event_record(
        subject=previous,
        verb=EventType.ITEM_LINKED,
        actor=actor,
        summary=f"Next occurrence raised: {occurrence.reference}, due {date_long(due_date)}",
        data={"next_occurrence": occurrence.pk},
    )
    return occurrence, True


@transaction.atomic
def item_series_next(*, item: TrackedItem, actor: Actor | None) -> TrackedItem | None:
    """The occurrence after `item`, raising it if it has not been: same request, addressee and
    body, due at the next meeting of the body or in the next quarter or year. None for an item
    that does not recur, a stopped series, or while no next meeting is scheduled. Safe to call
    again: it never raises the same occurrence twice.

    It checks no permission of its own: it raises only what the series already asks for, for
    whoever closed the occurrence before it (`response_review`, `item_outcome_set`) or for the
    daily job (`items_series_advance`, with no actor)."""
    occurrence, _ = _occurrence_raise(item=item, actor=actor)
    return occurrence


def _waiting(today: datetime.date) -> QuerySet[TrackedItem]:
    """The latest occurrence of each running series whose next is owed: the occurrence is
    closed, or its due date has passed, and no next has been raised. A withdrawn occurrence
    (raised in error) owes none; a series is ended by stopping it."""
    following = TrackedItem.objects.filter(
        series_id=Coalesce(OuterRef("series_id"), OuterRef("pk")),
        occurrence=OuterRef("occurrence") + 1,
    )
    running = TrackedItem.SeriesStatus.RUNNING
    return (
        TrackedItem.objects.exclude(recurrence=_REC.NONE)
        .filter(withdrawn_at__isnull=True)
        .filter(Q(closed_at__isnull=False) | Q(scheduled_due_date__lt=today))
        .filter(Q(series__isnull=True, series_status=running) | Q(series__series_status=running))
        .filter(~Exists(following))
        .order_by(F("series_id").asc(nulls_first=True), "pk")
    )


def items_series_advance(*, today: datetime.date | None = None) -> int:
    """The daily job: every running series of the panel gets its next occurrence once the
    current one is closed or past its due date (several, if the job has not run for a while).
    Returns how many were raised; run again, it raises none. Each occurrence is raised in its
    own transaction, and one that is refused is logged and left for the next run."""
    today = today or timezone.localdate()
    raised = 0
    for _ in range(CATCH_UP_PASSES):
        made = 0
        for item in list(_waiting(today)):
            try:
                with transaction.atomic():
                    _, created = _occurrence_raise(item=item, actor=None, today=today)
            except ValidationError as error:
                logger.warning("Next occurrence of %s not raised: %s", item.reference, error)
                continue
            made += created
        raised += made
        if not made:
            break
    return raised


# --- Stopping a series -------------------------------------------------------------------------


@transaction.atomic
def item_series_stop(*, item: TrackedItem, actor: Actor, reason: str) -> TrackedItem:
    """Stop the series `item` belongs to (given as any of its occurrences): no occurrence is
    raised after those already raised, which stay open to be answered. Whoever may raise such an
    item and withdraw it may stop its series. Returns the series' first item."""
    ensure_allowed(can_create_tracked_items, actor)
    ensure_allowed(
        item_raise_permission(
            source=item.source,
            from_minutes=item.resolution_id is not None or item.minute_point_id is not None,
            board_request=item.agenda_item_id is not None,
        ),
        actor,
    )
    if not reason.strip():
        raise ValidationError({"reason": SERIES_STOP_REASON_REQUIRED})
    if not item.is_recurring:
        raise ValidationError(SERIES_NOT_RECURRING)
    first = TrackedItem.objects.select_for_update().get(pk=item.series_id or item.pk)
    if first.series_status == TrackedItem.SeriesStatus.STOPPED:
        raise ValidationError(SERIES_ALREADY_STOPPED)
    transition(
        first,
        ITEM_SERIES_LIFECYCLE,
        TrackedItem.SeriesStatus.STOPPED,
        actor=actor,
        reason=reason,
        save=False,
    )
    first.series_stopped_reason = reason.strip()
    first.full_clean()
    first.save(update_fields=["series_status", "series_stopped_reason", "updated_at"])
    event_record(
        subject=first,
        verb=EventType.ITEM_SERIES_STOPPED,
        actor=actor,
        summary=f"Series stopped: {reason.strip()}",
        data={"occurrence": item.occurrence},
        is_public=first.is_public,
    )
    return first
