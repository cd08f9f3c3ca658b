"""The Corporate Governance Board: its meetings, items and requests to the Force, outcomes
carried forward, and its public report on the panel's agenda."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.events import EventType
from core.permissions import (
    can_manage_cgb,
    ensure_allowed,
)
from core.services import event_record
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Person,
)
from meetings.services._common import date_long
from scrutiny.models import TrackedItem
from scrutiny.services._common import (
    CGB_MEETING_EXISTS,
    CGB_SLUG,
    OUTCOME_BEFORE_RAISED,
    OUTCOME_OTHER_BODY,
    OUTCOME_REQUIRED,
    Actor,
    _locked,
    _require_open,
)
from scrutiny.services.items import item_create


@transaction.atomic
def item_outcome_record(
    *,
    actor: Actor,
    item: TrackedItem,
    outcome: str,
    meeting: Meeting,
    accepted: bool,
    today: datetime.date | None = None,
) -> TrackedItem:
    """A CGB request's outcome, recorded at a later CGB. An outcome the PCC does not accept
    ("not an update") keeps the request open and carries it onto the next CGB's agenda."""
    ensure_allowed(can_manage_cgb, actor)
    if not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if meeting.body_id != item.body_id:
        raise ValidationError({"meeting": OUTCOME_OTHER_BODY})
    item = _locked(item)
    _require_open(item)
    if meeting.date < item.raised_on:
        raise ValidationError({"meeting": OUTCOME_BEFORE_RAISED})
    item.outcome, item.outcome_meeting = outcome, meeting
    data: dict[str, Any] = {"outcome": outcome, "meeting": meeting.pk}
    if accepted:
        item.response_status = TrackedItem.ResponseStatus.ACCEPTED
        item.closed_at = timezone.now()
        verb, summary = (
            EventType.ITEM_CLOSED,
            f"Outcome accepted at the meeting of {date_long(meeting.date)}",
        )
    else:
        item.response_status = TrackedItem.ResponseStatus.AWAITING
        following = meeting_next(meeting=meeting)
        summary = f"Not accepted at the meeting of {date_long(meeting.date)}: {outcome}"
        if following is None:
            summary += ". No later meeting is scheduled: it returns when one is."
        else:
            item.due_kind, item.due_date = TrackedItem.DueKind.NEXT_MEETING, following.date
            item.due_meeting = following
            carried = _agenda_carry_forward(item=item, to=following, from_meeting=meeting)
            data["carried_to_item"] = carried.pk
            summary += f". Carried forward to the meeting of {date_long(following.date)}"
        verb = EventType.ITEM_REOPENED
    item.full_clean()
    item.save()
    event_record(subject=item, verb=verb, actor=actor, summary=summary, data=data)
    return item


def meeting_next(*, meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


def _agenda_carry_forward(*, item: TrackedItem, to: Meeting, from_meeting: Meeting) -> AgendaItem:
    """The request goes on the next meeting's agenda, once, under the same title."""
    title = item.agenda_item.title if item.agenda_item else item.title
    existing = to.agenda_items.filter(title=title, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    last = to.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    top_level = to.agenda_items.filter(parent__isnull=True).count()
    carried = AgendaItem(
        meeting=to,
        position=last + 1,
        number=str(top_level + 1),
        title=title,
        kind=AgendaItem.Kind.REPORT,
        description=(
            f"Carried forward from the meeting of {date_long(from_meeting.date)} "
            f"({item.reference}): {item.text}"
        ),
    )
    carried.full_clean()
    carried.save()
    return carried


# --- Corporate Governance Board records ---------------------------------------------------------


def cgb_body() -> Body:
    return Body.objects.get(slug=CGB_SLUG)


@transaction.atomic
def cgb_meeting_create(
    *,
    actor: Actor,
    date: datetime.date,
    start_time: datetime.time | None = None,
    venue: str = "",
) -> Meeting:
    """A CGB meeting: a private meeting of the board, recorded by the OPCC."""
    ensure_allowed(can_manage_cgb, actor)
    body = cgb_body()
    if Meeting.objects.filter(body=body, date=date).exclude(status="cancelled").exists():
        raise ValidationError({"date": CGB_MEETING_EXISTS.format(date=date_long(date))})
    meeting = Meeting(
        body=body,
        title=body.name,
        date=date,
        start_time=start_time,
        venue=venue,
        session=Meeting.Session.PRIVATE,
    )
    meeting.full_clean()
    meeting.save()
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
    ensure_allowed(can_manage_cgb, actor)
    if office not in (Attendance.Capacity.OPCC, Attendance.Capacity.CHIEF_CONSTABLE):
        raise ValidationError({"office": "Choose the office the person attended for."})
    if meeting.attendances.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already recorded at this meeting."})
    attendance = Attendance(
        meeting=meeting,
        person=person,
        capacity=office,
        role_text=role_text,
        position=meeting.attendances.count() + 1,
    )
    attendance.full_clean()
    attendance.save()
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
    """An item of a CGB meeting with its three sections; a redacted item needs its reason."""
    ensure_allowed(can_manage_cgb, actor)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the item's title."
    if not number.strip():
        errors["number"] = "Enter the item's number, as in the report (4, 4a…)."
    elif meeting.agenda_items.filter(number=number.strip()).exists():
        errors["number"] = f"This meeting already has an item {number.strip()}."
    if redacted and not redaction_reason.strip():
        errors["redaction_reason"] = "Say why the item is redacted: the public see the reason."
    if parent is not None and parent.meeting_id != meeting.pk:
        errors["parent"] = "The parent item belongs to another meeting."
    if errors:
        raise ValidationError(errors)
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        position=(last or 0) + 1,
        number=number.strip(),
        title=title.strip(),
        parent=parent,
        kind=AgendaItem.Kind.REPORT,
        overview=overview,
        force_update=force_update,
        pcc_response=pcc_response,
        redacted=redacted,
        redaction_reason=redaction_reason if redacted else "",
    )
    item.full_clean()
    item.save()
    event_record(
        subject=meeting,
        verb=EventType.BOARD_ITEM_ADDED,
        actor=actor,
        summary=f"Item {item.number}: {item.title}" + (" (redacted)" if redacted else ""),
    )
    return item


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
) -> TrackedItem:
    """A request the PCC makes of the Force at the board: due at the next CGB unless a date is
    given, with the board item as its source and, optionally, the panel item it answers."""
    ensure_allowed(can_manage_cgb, actor)
    if addressee not in (
        TrackedItem.Addressee.FORCE,
        TrackedItem.Addressee.OFFICER,
        TrackedItem.Addressee.OPCC,
    ):
        raise ValidationError({"addressee": "A board request is to the Force or a named officer."})
    if addressee == TrackedItem.Addressee.OFFICER and addressee_person is None:
        raise ValidationError({"addressee_person": "Choose the officer."})
    if not text.strip():
        raise ValidationError({"text": "Write the request."})
    count = TrackedItem.objects.filter(agenda_item=agenda_item).count()
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
        due_kind=TrackedItem.DueKind.DATE if due_date else TrackedItem.DueKind.NEXT_MEETING,
        due_date=due_date,
        parent=parent,
        reference_suffix=f"{agenda_item.number}-{count + 1}",
    )


def cgb_report_attach(*, actor: Actor, cgb_meeting: Meeting, agenda_item: AgendaItem):
    """The public report of a CGB meeting, as a PDF, on a panel agenda item."""
    from meetings.models import Document
    from meetings.services.documents import document_attach
    from scrutiny.pdf import cgb_report_pdf

    ensure_allowed(can_manage_cgb, actor)
    if cgb_meeting.body.slug != CGB_SLUG:
        raise ValidationError("Only a Corporate Governance Board meeting has this report.")
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
