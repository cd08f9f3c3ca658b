"""Changes to the Corporate Governance Board's records: its meetings, attendance and items, the
requests the PCC makes of the Force, their outcomes (carried forward when not accepted), and its
public report on the panel's agenda.

The board's meetings, attendance and agenda items are the meetings app's records, written by its
services (`meeting_create`, `attendance_record`, `agenda_item_record`, `document_attach`); its
requests are the tracker's items, written by the tracker's (`item_create`, `item_outcome_set`).
What only the board records, an item's sections and redaction, is a `BoardItem`.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import date_long
from core.events import EventType
from core.permissions import can_manage_cgb, ensure_allowed
from core.services import event_record
from core.types import Actor
from governance import selectors
from governance.models import BoardItem
from governance.pdf import cgb_report_pdf
from meetings.models import AgendaItem, Attendance, Document, Meeting, Person
from meetings.services import (
    agenda_item_record,
    attendance_record,
    document_attach,
    meeting_create,
)
from scrutiny.models import TrackedItem
from scrutiny.services import item_create
from scrutiny.services.outcomes import item_outcome_set

CGB_MEETING_EXISTS = "The board already has a meeting on {date}."
ATTENDANCE_OFFICE_REQUIRED = "Choose the office the person attended for."
ATTENDANCE_ALREADY_RECORDED = "{person} is already recorded at this meeting."
ITEM_TITLE_REQUIRED = "Enter the item's title."
ITEM_NUMBER_REQUIRED = "Enter the item's number, as in the report (4, 4a…)."
ITEM_NUMBER_TAKEN = "This meeting already has an item {number}."
ITEM_REDACTION_REASON_REQUIRED = "Say why the item is redacted: the public see the reason."
ITEM_PARENT_OTHER_MEETING = "The parent item belongs to another meeting."
REQUEST_ADDRESSEE_INVALID = "A board request is to the Force or a named officer."
REQUEST_OFFICER_REQUIRED = "Choose the officer."
REQUEST_TEXT_REQUIRED = "Write the request."
OUTCOME_REQUIRED = "Record what the Force reported."
OUTCOME_OTHER_BODY = "Record the outcome at a meeting of the body that made the request."
OUTCOME_BEFORE_RAISED = "The outcome cannot be recorded at a meeting before the request was made."
REPORT_NOT_BOARD = "Only a Corporate Governance Board meeting has this report."


# --- Meetings, attendance and items ---------------------------------------------------------------


@transaction.atomic
def cgb_meeting_create(
    *,
    actor: Actor,
    date: datetime.date,
    start_time: datetime.time | None = None,
    venue: str = "",
) -> Meeting:
    """A board meeting: a private meeting of the board, recorded by the OPCC."""
    ensure_allowed(can_manage_cgb, actor)
    body = selectors.board()
    if selectors.board_meetings().filter(date=date).exists():
        raise ValidationError({"date": CGB_MEETING_EXISTS.format(date=date_long(date))})
    meeting = meeting_create(
        actor=actor,
        body=body,
        title=body.name,
        date=date,
        start_time=start_time,
        venue=venue,
        session=Meeting.Session.PRIVATE,
    )
    event_record(
        subject=meeting,
        verb=EventType.BOARD_MEETING_CREATED,
        actor=actor,
        summary=f"{meeting} scheduled",
    )
    return meeting


@transaction.atomic
def cgb_attendance_add(
    *, actor: Actor, meeting: Meeting, person: Person, office: str, role_text: str = ""
) -> Attendance:
    """Someone present for the OPCC or for the Chief Constable, as the report lists them."""
    ensure_allowed(can_manage_cgb, actor)
    if office not in selectors.BOARD_OFFICES:
        raise ValidationError({"office": ATTENDANCE_OFFICE_REQUIRED})
    if selectors.meeting_has_person(meeting=meeting, person_id=person.pk):
        raise ValidationError({"person": ATTENDANCE_ALREADY_RECORDED.format(person=person)})
    attendance = attendance_record(
        actor=actor,
        meeting=meeting,
        person=person,
        status=Attendance.Status.PRESENT,
        capacity=office,
        role_text=role_text,
    )
    event_record(
        subject=meeting,
        verb=EventType.BOARD_ATTENDANCE_RECORDED,
        actor=actor,
        summary=f"{person} attended",
    )
    return attendance


@transaction.atomic
def cgb_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    number: str,
    title: str,
    parent: AgendaItem | None = None,
    overview: str = "",
    force_update: str = "",
    pcc_response: str = "",
    redacted: bool = False,
    redaction_reason: str = "",
) -> AgendaItem:
    """An item of a board meeting, numbered as in its report, with its three sections; a
    redacted item needs its reason."""
    ensure_allowed(can_manage_cgb, actor)
    errors = {}
    if not title.strip():
        errors["title"] = ITEM_TITLE_REQUIRED
    if not number.strip():
        errors["number"] = ITEM_NUMBER_REQUIRED
    elif selectors.meeting_has_item_number(meeting=meeting, number=number.strip()):
        errors["number"] = ITEM_NUMBER_TAKEN.format(number=number.strip())
    if redacted and not redaction_reason.strip():
        errors["redaction_reason"] = ITEM_REDACTION_REASON_REQUIRED
    if parent is not None and parent.meeting_id != meeting.pk:
        errors["parent"] = ITEM_PARENT_OTHER_MEETING
    if errors:
        raise ValidationError(errors)
    item = agenda_item_record(
        actor=actor, meeting=meeting, number=number, title=title, parent=parent
    )
    board_item = BoardItem(
        agenda_item=item,
        overview=overview,
        force_update=force_update,
        pcc_response=pcc_response,
        redacted=redacted,
        redaction_reason=redaction_reason if redacted else "",
    )
    board_item.full_clean()
    board_item.save()
    event_record(
        subject=meeting,
        verb=EventType.BOARD_ITEM_ADDED,
        actor=actor,
        summary=f"Item {item.number}: {item.title}" + (" (redacted)" if redacted else ""),
    )
    return item


# --- Requests to the Force and their outcomes -----------------------------------------------------


@transaction.atomic
def cgb_request_create(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    text: str,
    addressee: str,
    addressee_person: Person | None = None,
    title: str = "",
    due_date: datetime.date | None = None,
    parent: TrackedItem | None = None,
    raised_on: datetime.date | None = None,
) -> TrackedItem:
    """A request the PCC makes of the Force at the board: due at the next board meeting unless
    a date is given, with the board item as its source and, optionally, the panel item it
    answers. A request from a redacted item stays internal."""
    ensure_allowed(can_manage_cgb, actor)
    if addressee not in selectors.REQUEST_ADDRESSEES:
        raise ValidationError({"addressee": REQUEST_ADDRESSEE_INVALID})
    if addressee == TrackedItem.Addressee.OFFICER and addressee_person is None:
        raise ValidationError({"addressee_person": REQUEST_OFFICER_REQUIRED})
    if not text.strip():
        raise ValidationError({"text": REQUEST_TEXT_REQUIRED})
    count = selectors.requests_from_item_count(agenda_item=agenda_item)
    board_item = BoardItem.objects.filter(agenda_item=agenda_item).first()
    return item_create(
        actor=actor,
        agenda_item=agenda_item,
        source=TrackedItem.Source.CGB_REQUEST,
        title=title or text,
        text=text,
        addressee=addressee,
        addressee_person=addressee_person,
        requested_by=TrackedItem.RequestedBy.PCC_AT_CGB,
        response_wanted=TrackedItem.ResponseWanted.OUTCOME,
        raised_on=raised_on,
        due_kind=TrackedItem.DueKind.DATE if due_date else TrackedItem.DueKind.NEXT_MEETING,
        due_date=due_date,
        parent=parent,
        reference_suffix=f"{agenda_item.number}-{count + 1}",
        keep_internal=board_item is not None and board_item.redacted,
    )


@transaction.atomic
def item_outcome_record(
    *,
    actor: Actor,
    item: TrackedItem,
    outcome: str,
    meeting: Meeting,
    accepted: bool,
) -> TrackedItem:
    """A request's outcome, recorded at a later board meeting. An outcome the PCC does not
    accept ("not an update") keeps the request open and carries it onto the next meeting's
    agenda."""
    ensure_allowed(can_manage_cgb, actor)
    if not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if meeting.body_id != item.body_id:
        raise ValidationError({"meeting": OUTCOME_OTHER_BODY})
    if meeting.date < item.raised_on:
        raise ValidationError({"meeting": OUTCOME_BEFORE_RAISED})
    following = carried = None
    if not accepted:
        following = selectors.meeting_following(meeting=meeting)
        if following is not None:
            carried = _agenda_carry_forward(
                actor=actor, item=item, to=following, from_meeting=meeting
            )
    return item_outcome_set(
        actor=actor,
        item=item,
        outcome=outcome,
        meeting=meeting,
        accepted=accepted,
        due_meeting=following,
        carried_to=carried,
    )


def _agenda_carry_forward(
    *, actor: Actor, item: TrackedItem, to: Meeting, from_meeting: Meeting
) -> AgendaItem:
    """The request goes on the next meeting's agenda, once, under the same title, numbered
    after that agenda's main items."""
    title = item.agenda_item.title if item.agenda_item else item.title
    existing = selectors.agenda_item_titled(meeting=to, title=title)
    if existing is not None:
        return existing
    return agenda_item_record(
        actor=actor,
        meeting=to,
        number=str(selectors.agenda_item_top_level_count(meeting=to) + 1),
        title=title,
        kind=AgendaItem.Kind.REPORT,
        description=(
            f"Carried forward from the meeting of {date_long(from_meeting.date)} "
            f"({item.reference}): {item.text}"
        ),
    )


# --- The public report ------------------------------------------------------------------------


def cgb_report_attach(*, actor: Actor, cgb_meeting: Meeting, agenda_item: AgendaItem) -> Document:
    """The public report of a board meeting, as a PDF, on a panel agenda item."""
    ensure_allowed(can_manage_cgb, actor)
    if not selectors.is_board(cgb_meeting.body):
        raise ValidationError(REPORT_NOT_BOARD)
    return document_attach(
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        actor=actor,
        title=f"Corporate Governance Board, {date_long(cgb_meeting.date)}",
        kind=Document.Kind.CGB_REPORT,
        filename=f"cgb-report-{cgb_meeting.date.isoformat()}.pdf",
        content=cgb_report_pdf(meeting=cgb_meeting),
        content_type="application/pdf",
    )
