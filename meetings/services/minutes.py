"""Minutes: numbered items with points noted (i), (ii)… and RESOLVED clauses (a), (b)…;
publishing the draft, and confirming it at a later meeting of the body."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.labels import label_next, letter, roman
from meetings.models import (
    MEETING_STATUS,
    AgendaItem,
    Meeting,
    Minute,
    MinutePoint,
    Resolution,
    municipal_year_of,
)
from meetings.services._common import meeting_locked, pdf_build_on_commit

MINUTES_NOT_EDITABLE = (
    "Minutes can be written once the meeting has been held, and changed until they are "
    "confirmed; this meeting is “{status}”."
)
MINUTE_NUMBER_TAKEN = (
    "Minute {number} is already used at the meeting of {date}: numbers run on through the "
    "municipal year {year}. The next free number is {free}."
)
MINUTE_NUMBER_INVALID = "Enter a minute number of 1 or more."
MINUTE_TITLE_REQUIRED = "Enter the heading of the minute."
MINUTE_ITEM_OTHER_MEETING = "That agenda item belongs to another meeting."
POINT_TEXT_REQUIRED = "Enter the point noted."
RESOLUTION_TEXT_REQUIRED = "Enter the text of the resolution."
RESOLUTION_LABEL_TAKEN = "This minute already has a resolution labelled {label}."
MINUTES_EMPTY = "Write at least one minute before publishing the draft minutes."
CONFIRM_OTHER_BODY = "Minutes are confirmed at a later meeting of the same body."
CONFIRM_NOT_LATER = "Choose a meeting held after {date}."
CONFIRM_AT_NOT_HELD = (
    "Minutes are confirmed at a meeting that is under way or has been held; that meeting is "
    "“{status}”."
)


def point_label_suggest(*, minute: Minute) -> str:
    used = set(minute.points.values_list("label", flat=True))
    return label_next(used, len(used), roman)


def resolution_label_suggest(*, minute: Minute) -> str:
    used = set(minute.resolutions.values_list("label", flat=True))
    return label_next(used, len(used), letter)


def _check_writable(meeting: Meeting) -> None:
    if not meeting.minutes_writable:
        raise ValidationError(MINUTES_NOT_EDITABLE.format(status=meeting.get_status_display()))


def _check_number(meeting: Meeting, number: int, *, exclude_pk: int | None = None) -> None:
    if number < 1:
        raise ValidationError({"number": MINUTE_NUMBER_INVALID})
    year = municipal_year_of(meeting.date)
    in_year = Minute.objects.filter(body_id=meeting.body_id, municipal_year=year)
    if exclude_pk is not None:
        in_year = in_year.exclude(pk=exclude_pk)
    clash = in_year.filter(number=number).select_related("meeting").first()
    if clash is not None:
        free = (in_year.aggregate(last=Max("number"))["last"] or 0) + 1
        raise ValidationError(
            {
                "number": MINUTE_NUMBER_TAKEN.format(
                    number=number,
                    date=date_long(clash.meeting.date),
                    year=f"{year}/{(year + 1) % 100:02d}",
                    free=free,
                )
            }
        )


def _check_minute_fields(meeting: Meeting, title: str, agenda_item: AgendaItem | None) -> None:
    if not title.strip():
        raise ValidationError({"title": MINUTE_TITLE_REQUIRED})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": MINUTE_ITEM_OTHER_MEETING})


@transaction.atomic
def minute_create(
    *,
    meeting: Meeting,
    actor: Actor,
    number: int,
    title: str,
    agenda_item: AgendaItem | None = None,
    preamble: str = "",
) -> Minute:
    """Add a numbered minute; its number must be free across the body's municipal year."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    _check_writable(meeting)
    _check_minute_fields(meeting, title, agenda_item)
    _check_number(meeting, number)
    minute = Minute(
        meeting=meeting,
        number=number,
        title=title.strip(),
        agenda_item=agenda_item,
        preamble=preamble.strip(),
    )
    minute.full_clean()
    minute.save()
    event_record(
        subject=meeting,
        verb=EventType.MINUTE_CREATED,
        actor=actor,
        summary=f"Minute {number} written: {minute.title}",
        data={"minute": minute.pk},
    )
    return minute


@transaction.atomic
def minute_update(
    *,
    minute: Minute,
    actor: Actor,
    number: int,
    title: str,
    preamble: str,
    body_text: str = "",
    agenda_item: AgendaItem | None = None,
) -> Minute:
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(minute.meeting)
    minute = Minute.objects.select_for_update().get(pk=minute.pk)
    _check_writable(meeting)
    _check_minute_fields(meeting, title, agenda_item)
    if number != minute.number:
        _check_number(meeting, number, exclude_pk=minute.pk)
    minute.number = number
    minute.title = title.strip()
    minute.preamble = preamble.strip()
    minute.body_text = body_text.strip()
    minute.agenda_item = agenda_item
    minute.full_clean()
    minute.save()
    event_record(
        subject=meeting,
        verb=EventType.MINUTE_UPDATED,
        actor=actor,
        summary=f"Minute {minute.number} changed.",
        data={"minute": minute.pk},
    )
    return minute


@transaction.atomic
def minute_point_add(
    *, minute: Minute, actor: Actor, text: str, label: str | None = None
) -> MinutePoint:
    """Add a point noted; without a label it takes the next roman numeral, (i), (ii)…."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(minute.meeting)
    _check_writable(meeting)
    if not text.strip():
        raise ValidationError({"text": POINT_TEXT_REQUIRED})
    last = minute.points.aggregate(last=Max("position"))["last"] or 0
    point = MinutePoint(
        minute=minute,
        position=last + 1,
        label=point_label_suggest(minute=minute) if label is None else label.strip(),
        text=text.strip(),
    )
    point.full_clean()
    point.save()
    event_record(
        subject=meeting,
        verb=EventType.MINUTE_POINT_ADDED,
        actor=actor,
        summary=f"Point {minute.number}{point.label} noted.",
        data={"point": point.pk},
    )
    return point


@transaction.atomic
def resolution_add(
    *, minute: Minute, actor: Actor, text: str, kind: str, label: str | None = None
) -> Resolution:
    """Add a RESOLVED clause; without a label it takes the next letter, (a), (b)…; a blank
    label is allowed for the single unlettered resolution the papers often print."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(minute.meeting)
    _check_writable(meeting)
    if not text.strip():
        raise ValidationError({"text": RESOLUTION_TEXT_REQUIRED})
    label = resolution_label_suggest(minute=minute) if label is None else label.strip()
    if label and minute.resolutions.filter(label=label).exists():
        raise ValidationError({"label": RESOLUTION_LABEL_TAKEN.format(label=label)})
    last = minute.resolutions.aggregate(last=Max("position"))["last"] or 0
    resolution = Resolution(
        minute=minute, position=last + 1, label=label, text=text.strip(), kind=kind
    )
    resolution.full_clean()
    resolution.save()
    event_record(
        subject=meeting,
        verb=EventType.MINUTE_RESOLUTION_ADDED,
        actor=actor,
        summary=f"Resolution {minute.number}{label} recorded.",
        data={"resolution": resolution.pk, "kind": kind},
    )
    return resolution


@transaction.atomic
def minutes_publish_draft(*, meeting: Meeting, actor: Actor) -> Meeting:
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    transition(meeting, MEETING_STATUS, Meeting.Status.MINUTES_DRAFT, actor=actor, save=False)
    if not meeting.minutes.exists():
        raise ValidationError(MINUTES_EMPTY)
    meeting.minutes_published_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    event_record(
        subject=meeting,
        verb=EventType.MINUTES_DRAFT_PUBLISHED,
        actor=actor,
        summary=f"Draft minutes of the meeting on {date_long(meeting.date)} published.",
        is_public=meeting.is_public,
    )
    pdf_build_on_commit(meeting, "minutes")
    return meeting


@transaction.atomic
def minutes_confirm(*, meeting: Meeting, at_meeting: Meeting, actor: Actor) -> Meeting:
    """Confirm `meeting`'s minutes at the later `at_meeting`; link its "Minutes of the meeting
    held on …" item to them, so the earlier minutes show "confirmed on DATE"."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    at_meeting = meeting_locked(at_meeting)
    if at_meeting.body_id != meeting.body_id:
        raise ValidationError({"at_meeting": CONFIRM_OTHER_BODY})
    if at_meeting.date <= meeting.date:
        raise ValidationError(
            {"at_meeting": CONFIRM_NOT_LATER.format(date=date_long(meeting.date))}
        )
    if not at_meeting.may_confirm_earlier_minutes:
        raise ValidationError(
            {"at_meeting": CONFIRM_AT_NOT_HELD.format(status=at_meeting.get_status_display())}
        )
    transition(meeting, MEETING_STATUS, Meeting.Status.MINUTES_CONFIRMED, actor=actor, save=False)
    meeting.minutes_confirmed_on = at_meeting.date
    meeting.minutes_confirmed_at = at_meeting
    meeting.full_clean()
    meeting.save()
    item = (
        at_meeting.agenda_items.filter(kind=AgendaItem.Kind.MINUTES, minutes_of__isnull=True)
        .order_by("position")
        .first()
    )
    if item is not None:
        item.minutes_of = meeting
        item.save(update_fields=["minutes_of", "updated_at"])
    event_record(
        subject=meeting,
        verb=EventType.MINUTES_CONFIRMED,
        actor=actor,
        summary=(
            f"Minutes of the meeting on {date_long(meeting.date)} confirmed at the meeting on "
            f"{date_long(at_meeting.date)}."
        ),
        data={"at_meeting": at_meeting.pk},
        is_public=meeting.is_public,
    )
    pdf_build_on_commit(meeting, "minutes")
    return meeting
