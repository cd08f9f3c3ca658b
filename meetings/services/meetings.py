"""Meetings: create (with the standard Panel agenda), update, cancel and mark as held."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import date_long
from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import MEETING_STATUS, AgendaItem, Body, Meeting
from meetings.permissions import can_manage_meetings_of
from meetings.selectors import meeting_previous_on
from meetings.services._common import meeting_locked

MEETING_NOT_EDITABLE = (
    "The details of a meeting that is “{status}” cannot be changed; only scheduled meetings "
    "and meetings with a published agenda can."
)
MEETING_CANCEL_REASON_REQUIRED = "Give the reason the meeting is cancelled."
MEETING_HELD_START_REQUIRED = "Enter the time the meeting started."

MINUTES_ITEM_TITLE = "Minutes of the meeting held on {date}."

# The standing items of a Panel agenda, in the order of the 2024 papers (seed 003): the minutes
# of the previous meeting first (when there is one), then these, the business, and the closing
# items last.
PANEL_OPENING_ITEMS: tuple[tuple[str, str], ...] = (
    (AgendaItem.Kind.PUBLIC_QUESTIONS, "Public Question Time."),
    (
        AgendaItem.Kind.URGENT_ITEMS,
        "To advise of any other items which the Chairman has decided to take as urgent "
        "elsewhere on the agenda.",
    ),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interest in respect of items on the agenda."),
)
PANEL_CLOSING_ITEMS: tuple[tuple[str, str], ...] = (
    (AgendaItem.Kind.DATE_OF_NEXT_MEETING, "Date of next meeting."),
    (AgendaItem.Kind.AOB, "Any other items which the Chairman has decided to take as urgent."),
)


def _panel_standard_items(meeting: Meeting) -> None:
    previous = meeting_previous_on(body=meeting.body, date=meeting.date)
    rows: list[tuple[str, str, Meeting | None]] = []
    if previous is not None:
        rows.append(
            (
                AgendaItem.Kind.MINUTES,
                MINUTES_ITEM_TITLE.format(date=date_long(previous.date)),
                previous,
            )
        )
    rows += [(kind, title, None) for kind, title in PANEL_OPENING_ITEMS + PANEL_CLOSING_ITEMS]
    for position, (kind, title, minutes_of) in enumerate(rows, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            number=str(position),
            title=title,
            kind=kind,
            minutes_of=minutes_of,
        )
        item.full_clean()
        item.save()


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    body: Body,
    date: datetime.date,
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
    venue: str = "",
    mode: str = Meeting.Mode.IN_PERSON,
    webcast_url: str = "",
    filming_notice: str = "",
    session: str = Meeting.Session.PUBLIC,
    title: str = "",
) -> Meeting:
    """Schedule a meeting; a Panel meeting starts with its standard agenda items."""
    ensure_allowed(lambda user: can_manage_meetings_of(user, body), actor)
    meeting = Meeting(
        body=body,
        title=title,
        date=date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        mode=mode,
        webcast_url=webcast_url,
        filming_notice=filming_notice,
        session=session,
    )
    meeting.full_clean()
    meeting.save()
    if body.kind == Body.Kind.PANEL:
        _panel_standard_items(meeting)
    event_record(
        subject=meeting,
        verb=EventType.MEETING_CREATED,
        actor=actor,
        summary=f"Meeting of {body.name} on {date_long(date)} scheduled.",
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor: Actor,
    date: datetime.date,
    start_time: datetime.time | None,
    end_time: datetime.time | None,
    venue: str,
    mode: str,
    webcast_url: str,
    filming_notice: str,
    session: str,
    title: str = "",
) -> Meeting:
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    if not meeting.details_editable:
        raise ValidationError(MEETING_NOT_EDITABLE.format(status=meeting.get_status_display()))
    before = {"date": str(meeting.date), "venue": meeting.venue}
    meeting.date = date
    meeting.start_time = start_time
    meeting.end_time = end_time
    meeting.venue = venue
    meeting.mode = mode
    meeting.webcast_url = webcast_url
    meeting.filming_notice = filming_notice
    meeting.session = session
    meeting.title = title
    meeting.full_clean()
    meeting.save()
    event_record(
        subject=meeting,
        verb=EventType.MEETING_UPDATED,
        actor=actor,
        summary=f"Details of the meeting on {date_long(date)} changed.",
        data={"before": before},
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Actor, reason: str) -> Meeting:
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    if not reason.strip():
        raise ValidationError({"reason": MEETING_CANCEL_REASON_REQUIRED})
    transition(
        meeting, MEETING_STATUS, Meeting.Status.CANCELLED, actor=actor, reason=reason, save=False
    )
    meeting.cancellation_reason = reason.strip()
    meeting.full_clean()
    meeting.save()
    event_record(
        subject=meeting,
        verb=EventType.MEETING_CANCELLED,
        actor=actor,
        summary=f"Meeting on {date_long(meeting.date)} cancelled: {meeting.cancellation_reason}",
        is_public=meeting.is_public,
    )
    return meeting


@transaction.atomic
def meeting_mark_held(
    *,
    meeting: Meeting,
    actor: Actor,
    start_time: datetime.time | None,
    end_time: datetime.time | None = None,
) -> Meeting:
    """Record that the meeting took place, and when (the minutes print '2.00 - 2.57 pm')."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    transition(meeting, MEETING_STATUS, Meeting.Status.HELD, actor=actor, save=False)
    if start_time is None and meeting.start_time is None:
        raise ValidationError({"start_time": MEETING_HELD_START_REQUIRED})
    meeting.start_time = start_time or meeting.start_time
    meeting.end_time = end_time
    meeting.full_clean()
    meeting.save()
    event_record(
        subject=meeting,
        verb=EventType.MEETING_HELD,
        actor=actor,
        summary=f"Meeting on {date_long(meeting.date)} held.",
        is_public=meeting.is_public,
    )
    return meeting
