"""Raising tracked items, following and chasing them, implementation, withdrawal and
supersession, and publishing them with their meeting."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.permissions import (
    can_create_tracked_items,
    can_manage_meetings,
    can_raise_panel_items,
    can_read_internal,
    can_respond,
    ensure_allowed,
    signed_in,
)
from core.services import event_record
from core.types import Actor
from meetings.models import (
    Body,
    Meeting,
    MinutePoint,
    Person,
    Resolution,
)
from scrutiny.models import TrackedItem
from scrutiny.services._common import (
    DUE_DATE_REQUIRED,
    ITEM_ALREADY_CREATED,
    ITEM_NOT_OPEN,
    NO_NEXT_MEETING,
    PROGRESS_INVALID,
    STATUTORY_DAYS_REQUIRED,
    SUPERSEDE_SELF,
    WITHDRAW_REASON_REQUIRED,
    _locked,
    _require_open,
    item_implementation_move,
)
from scrutiny.services.counts import item_count_key, item_counts_shift

# --- Raising items -----------------------------------------------------------------------------


def meeting_after(*, body: Body, day: datetime.date) -> Meeting | None:
    """The body's first meeting after `day` that is not cancelled: what "by the next meeting"
    and "at each meeting" are due at."""
    return (
        Meeting.objects.filter(body=body, date__gt=day)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


def due_date_resolve(
    *,
    body: Body,
    raised_on: datetime.date,
    due_kind: str,
    due_date: datetime.date | None = None,
    statutory_days: int | None = None,
) -> tuple[datetime.date, Meeting | None]:
    """Turn "by the next meeting" or "within N days" into a date (and the meeting it is due at)."""
    if due_kind == TrackedItem.DueKind.NEXT_MEETING:
        meeting = meeting_after(body=body, day=raised_on)
        if meeting is None:
            raise ValidationError({"due_kind": NO_NEXT_MEETING.format(body=body.name)})
        return meeting.date, meeting
    if due_kind == TrackedItem.DueKind.STATUTORY:
        if not statutory_days:
            raise ValidationError({"statutory_days": STATUTORY_DAYS_REQUIRED})
        return raised_on + datetime.timedelta(days=statutory_days), None
    if due_date is None:
        raise ValidationError({"due_date": DUE_DATE_REQUIRED})
    return due_date, None


def reference_make(*, body: Body, day: datetime.date, suffix: str) -> str:
    """`PCP/2024-10-28/29(c)`; a numeric tail keeps it unique if the same clause is split."""
    prefix = body.reference_prefix or body.short_name or body.slug.upper()
    base = f"{prefix}/{day.isoformat()}/{suffix}"
    reference, n = base, 1
    while TrackedItem.objects.filter(reference=reference).exists():
        n += 1
        reference = f"{base}-{n}"
    return reference


def _manual_suffix(body: Body, day: datetime.date) -> str:
    count = TrackedItem.objects.filter(body=body, raised_on=day, resolution__isnull=True).count()
    return f"H{count + 1}"


def item_raise_permission(
    *, source: str | None, from_minutes: bool, board_request: bool
) -> Callable[[Actor], bool]:
    """Who may raise an item of this kind (and stop its series). Any signed-in reader may ask a
    question about a grant; OPCC officers also raise the board's requests (the items raised
    from a board meeting's agenda item); the panel's own items (from its minutes or by hand)
    are raised by democratic services and administrators."""
    if source == TrackedItem.Source.GRANT_QUESTION and not from_minutes:
        return can_read_internal
    if board_request:
        return can_create_tracked_items
    return can_raise_panel_items


@transaction.atomic
def item_create(
    *,
    actor: Actor,
    title: str,
    text: str,
    addressee: str,
    body: Body | None = None,
    resolution: Resolution | None = None,
    minute_point: MinutePoint | None = None,
    source: str | None = None,
    source_document: str = "",
    raised_on: datetime.date | None = None,
    due_kind: str = TrackedItem.DueKind.DATE,
    due_date: datetime.date | None = None,
    statutory_days: int | None = None,
    addressee_person: Person | None = None,
    addressee_body: Body | None = None,
    requested_by: str = TrackedItem.RequestedBy.PANEL,
    response_wanted: str = TrackedItem.ResponseWanted.WRITTEN_RESPONSE,
    agenda_item: Any = None,
    parent: TrackedItem | None = None,
    reference_suffix: str = "",
    keep_internal: bool = False,
    recurrence: str = TrackedItem.Recurrence.NONE,
) -> TrackedItem:
    """Raise an item. From a resolution or minute point, the body, meeting, date and reference
    come from the minutes, so nothing is typed twice. An item is public when its meeting is,
    unless the caller says to `keep_internal` (a request from a redacted board item).

    With a `recurrence` (`TrackedItem.Recurrence`: at each meeting of the body, each quarter,
    each year) the item is the first occurrence of a standing request; the later ones are
    raised by `item_series_next` as each falls due, counted from this item's due date."""
    ensure_allowed(
        item_raise_permission(
            source=source,
            from_minutes=resolution is not None or minute_point is not None,
            board_request=agenda_item is not None,
        ),
        actor,
    )
    meeting = None
    if resolution is not None:
        minute = resolution.minute
        meeting, source = minute.meeting, source or TrackedItem.Source.RESOLUTION
        reference_suffix = reference_suffix or f"{minute.number}{resolution.label}"
        existing = TrackedItem.objects.filter(resolution=resolution, withdrawn_at__isnull=True)
    elif minute_point is not None:
        minute = minute_point.minute
        meeting, source = minute.meeting, source or TrackedItem.Source.MINUTE_POINT
        reference_suffix = reference_suffix or f"{minute.number}{minute_point.label}"
        existing = TrackedItem.objects.filter(minute_point=minute_point, withdrawn_at__isnull=True)
    elif agenda_item is not None:
        meeting = agenda_item.meeting
        source = source or TrackedItem.Source.CGB_REQUEST
        existing = TrackedItem.objects.none()
    else:
        source = source or TrackedItem.Source.MANUAL
        existing = TrackedItem.objects.none()
    if meeting is not None:
        body = meeting.body
        raised_on = raised_on or meeting.date
    if body is None:
        raise ValidationError({"body": "Choose the body that asked for this."})
    raised_on = raised_on or timezone.localdate()
    # References are numbered from the body's existing items, and a source is tracked once:
    # locking the body queues two items raised at the same moment (on PostgreSQL; SQLite's
    # IMMEDIATE transactions queue them anyway), so the second sees the first and gets the
    # next reference, or is told the source is tracked, instead of failing on the constraint.
    Body.objects.select_for_update().get(pk=body.pk)
    duplicate = existing.first()
    if duplicate is not None:
        raise ValidationError(
            ITEM_ALREADY_CREATED.format(
                source=f"{duplicate.resolution or duplicate.minute_point}",
                reference=duplicate.reference,
            )
        )
    if source in (TrackedItem.Source.MANUAL, TrackedItem.Source.GRANT_QUESTION) and not (
        source_document.strip()
    ):
        raise ValidationError(
            {"source_document": "Name the paper or meeting this item comes from."}
        )
    resolved_due, due_meeting = due_date_resolve(
        body=body,
        raised_on=raised_on,
        due_kind=due_kind,
        due_date=due_date,
        statutory_days=statutory_days,
    )
    item = TrackedItem(
        reference=reference_make(
            body=body, day=raised_on, suffix=reference_suffix or _manual_suffix(body, raised_on)
        ),
        source=source,
        resolution=resolution,
        minute_point=minute_point,
        agenda_item=agenda_item,
        source_document=source_document,
        body=body,
        meeting=meeting,
        title=title.strip() or text.strip()[:120],
        text=text,
        addressee=addressee,
        addressee_person=addressee_person,
        addressee_body=addressee_body,
        requested_by=requested_by,
        response_wanted=response_wanted,
        raised_on=raised_on,
        due_kind=due_kind,
        due_date=resolved_due,
        due_meeting=due_meeting,
        statutory_days=statutory_days if due_kind == TrackedItem.DueKind.STATUTORY else None,
        parent=parent,
        is_public=bool(meeting and meeting.is_public and not keep_internal),
        created_by=actor if actor.is_authenticated else None,
        recurrence=recurrence,
        scheduled_due_date=resolved_due if recurrence != TrackedItem.Recurrence.NONE else None,
    )
    item.full_clean()
    item.save()
    item_counts_shift(before=None, after=item_count_key(item))
    summary = f"Addressed to {item.get_addressee_display()}; due {date_long(resolved_due)}"
    if item.is_recurring:
        summary += f"; recurs {item.get_recurrence_display().lower()}"
    event_record(
        subject=item,
        verb=EventType.ITEM_RAISED,
        actor=actor,
        summary=summary,
        data={"due_date": resolved_due.isoformat(), "addressee": addressee}
        | ({"recurrence": recurrence} if item.is_recurring else {}),
        is_public=item.is_public,
    )
    if parent is not None:
        event_record(
            subject=parent,
            verb=EventType.ITEM_LINKED,
            actor=actor,
            summary=f"Follow-up raised: {item.reference}",
            data={"follow_up": item.pk},
        )
    return item


@transaction.atomic
def items_publish_for_meeting(*, meeting: Meeting, actor: Actor) -> int:
    """Items raised at a meeting become public when the meeting does (not a board's requests,
    whose visibility is settled when they are raised). Called by the service that publishes the
    meeting, in its transaction; each item is saved, so its history records the change, with an
    event."""
    ensure_allowed(can_manage_meetings, actor)
    if not meeting.is_public:
        return 0
    items = list(
        TrackedItem.objects.select_for_update(of=("self",))
        .filter(meeting=meeting, is_public=False, withdrawn_at__isnull=True)
        .filter(agenda_item__isnull=True)
        .order_by("pk")
    )
    for item in items:
        item.is_public = True
        item.save(update_fields=["is_public", "updated_at"])
        event_record(
            subject=item,
            verb=EventType.ITEM_PUBLISHED,
            actor=actor,
            summary=f"Published with the meeting of {date_long(meeting.date)}",
            is_public=True,
        )
    return len(items)


# --- Following and chasing ---------------------------------------------------------------------


def item_follow(*, actor: Actor, item: TrackedItem, follow: bool = True) -> None:
    ensure_allowed(can_read_internal, actor)
    if follow:
        item.followers.add(signed_in(actor))
    else:
        item.followers.remove(signed_in(actor))


@transaction.atomic
def items_chase(*, actor: Actor, items: Iterable[TrackedItem | int]) -> int:
    """Record that each open item (given as an item or its id) was chased; closed or withdrawn
    ones, and ids of no item, are left as they are."""
    ensure_allowed(can_create_tracked_items, actor)
    now = timezone.now()
    chased = 0
    ids = [i if isinstance(i, int) else i.pk for i in items]
    for item in TrackedItem.objects.select_for_update().filter(
        pk__in=ids, closed_at__isnull=True, withdrawn_at__isnull=True
    ):
        item.last_chased_at = now
        item.save(update_fields=["last_chased_at", "updated_at"])
        event_record(
            subject=item, verb=EventType.ITEM_CHASED, actor=actor, summary="Chased for a response"
        )
        chased += 1
    return chased


# --- Implementation, withdrawal, supersession ---------------------------------------------------


@transaction.atomic
def item_implementation_update(
    *, actor: Actor, item: TrackedItem, status: str, progress: int | None = None
) -> TrackedItem:
    ensure_allowed(can_respond, actor)
    item = _locked(item)
    if item.withdrawn_at:
        raise ValidationError(ITEM_NOT_OPEN.format(state="withdrawn"))
    if status not in TrackedItem.Implementation.values:
        raise ValidationError({"status": "Choose an implementation status."})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": PROGRESS_INVALID})
    before = (item.get_implementation_status_display(), item.progress)
    item_implementation_move(item=item, to=status, actor=actor)
    item.progress = 100 if status == TrackedItem.Implementation.IMPLEMENTED else progress
    item.full_clean()
    item.save()
    event_record(
        subject=item,
        verb=EventType.ITEM_IMPLEMENTATION_UPDATED,
        actor=actor,
        summary=(
            f"Implementation: {before[0]} → {item.get_implementation_status_display()}"
            + (f" ({item.progress}%)" if item.progress is not None else "")
        ),
        data={"status": status, "progress": item.progress},
    )
    return item


@transaction.atomic
def item_withdraw(*, actor: Actor, item: TrackedItem, reason: str) -> TrackedItem:
    """Items are never deleted: a mistaken or overtaken item is withdrawn with its reason."""
    ensure_allowed(can_create_tracked_items, actor)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    item = _locked(item)
    _require_open(item)
    before = item_count_key(item)
    item.withdrawn_at, item.withdrawn_reason = timezone.now(), reason
    item.save()
    item_counts_shift(before=before, after=item_count_key(item))
    event_record(
        subject=item, verb=EventType.ITEM_WITHDRAWN, actor=actor, summary=f"Withdrawn: {reason}"
    )
    return item


@transaction.atomic
def item_supersede(*, actor: Actor, item: TrackedItem, by: TrackedItem, reason: str) -> TrackedItem:
    ensure_allowed(can_create_tracked_items, actor)
    if item.pk == by.pk:
        raise ValidationError(SUPERSEDE_SELF)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    item = _locked(item)
    _require_open(item)
    before = item_count_key(item)
    item.superseded_by = by
    item_implementation_move(
        item=item, to=TrackedItem.Implementation.SUPERSEDED, actor=actor, reason=reason
    )
    item.withdrawn_at, item.withdrawn_reason = (
        timezone.now(),
        f"Superseded by {by.reference}: {reason}",
    )
    item.save()
    item_counts_shift(before=before, after=item_count_key(item))
    event_record(
        subject=item,
        verb=EventType.ITEM_SUPERSEDED,
        actor=actor,
        summary=f"Superseded by {by.reference}",
    )
    return item
