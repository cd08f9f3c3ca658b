"""Write parsed minutes as a draft: the meeting (held, agenda not published), its minutes,
points and resolutions, through the meetings services, in one transaction.

The file's sha256 is kept in the "minutes.imported" domain event, so the same file is never
imported twice without a new model field (and migration).

The attendance read from the file is recorded in the same transaction through
`meetings.services.attendance_record`: each name as the officer chose at review (a person, a
new person, or left out), or else as `imports.attendance` matched it. A name that is left out
or matched to no one is listed in the event's data, never dropped without a trace.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import date_long
from core.events import EventType
from core.models import DomainEvent
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from imports.attendance import (
    ATTENDANCE_FOR_CAPACITY,
    CHOICE_NEW,
    CHOICE_OMIT,
    CHOICE_UNDECIDED,
    candidates_load,
    match_attendee,
    normalise_name,
    person_fields,
)
from imports.models import ImportJob
from imports.parser import Attendee, ParsedDocument, number_value
from imports.results import ReviewedAttendee
from imports.transitions import JOB_ILLEGAL_MOVE, job_locked
from meetings.models import Attendance, Body, Document, Meeting, Minute, Person
from meetings.services import (
    attendance_record,
    document_attach,
    meeting_mark_held,
    minute_create,
    minute_point_add,
    person_create,
    resolution_add,
)

IMPORT_VERB = EventType.MINUTES_IMPORTED
IMPORT_ALREADY_DONE = "This file was already imported, into the meeting of {date} (event {event})."
IMPORT_NO_ITEMS = "No minute items were found in the file, so nothing was imported."
IMPORT_NO_DATE = "The date of the meeting was not found in the minutes."
IMPORT_NO_START = "The start time of the meeting was not found; the meeting cannot be marked held."
IMPORT_HAS_MINUTES = "The meeting of {date} already has minutes; nothing was imported."
IMPORT_MEETING_STATE = (
    "The meeting of {date} is “{status}”; minutes can be imported for a new meeting, or one "
    "whose agenda is published or which has been held."
)
IMPORT_SEVERAL_MEETINGS = "{body} has more than one meeting on {date}; nothing was imported."
ATTENDANCE_UNDECIDED = (
    "Choose a person for each name not matched, create a new person, or leave the name out: "
    "{names}."
)
ATTENDANCE_PERSON_UNKNOWN = "The person chosen for “{name}” is not one of the panel's people."
# Why a name read from the file has no attendance, as the event's data lists it.
LEFT_OUT_AT_REVIEW = "left out at review"
LEFT_OUT_NO_MATCH = "matched to no one"
LEFT_OUT_REPEATED = "the same person as line {line}"
CHAIR_ROLE = "Chair"

ATTACHABLE = (".pdf", ".docx", ".html", ".htm")


def minute_number(number: str | None) -> int:
    """ "45", "45/24" → 45, "PFCP/24/15" → 15: a parsed minute's running number (0 for none)."""
    if not number or not re.match(r"(?:[A-Za-z]+(?:/\d+/|\s+))?\d", number):
        return 0
    return number_value(number)


def minute_numbers(printed: list[tuple[str | None, str | None]]) -> list[int]:
    """The minute numbers of items printed with (number, agenda item number): an item printed
    with neither, or with a number already taken, follows the highest so far."""
    numbers: list[int] = []
    for number, agenda_item in printed:
        value = minute_number(number or agenda_item)
        if not value or value in numbers:
            value = max(numbers, default=0) + 1
        numbers.append(value)
    return numbers


def import_already_done(*, sha256: str) -> DomainEvent | None:
    return DomainEvent.objects.filter(verb=IMPORT_VERB, data__sha256=sha256).first()


def _mode_of(venue: str) -> str:
    if re.search(r"\b(?:virtual|zoom|teams|remote|online)\b", venue, re.I):
        return Meeting.Mode.VIRTUAL
    return Meeting.Mode.IN_PERSON


def _meeting_for(*, document: ParsedDocument, body: Body, actor: Actor) -> Meeting:
    parsed = document.meeting
    assert parsed.date is not None
    existing = list(Meeting.objects.filter(body=body, date=parsed.date))
    if len(existing) > 1:
        raise ValidationError(
            IMPORT_SEVERAL_MEETINGS.format(body=body.name, date=date_long(parsed.date))
        )
    if not existing:
        if parsed.start_time is None:
            raise ValidationError(IMPORT_NO_START)
        # The meeting has already taken place, so it is created held. Its agenda is not
        # published, so neither it nor the draft minutes are public until staff publish them.
        meeting = Meeting(
            body=body,
            date=parsed.date,
            start_time=parsed.start_time,
            end_time=parsed.end_time,
            venue=(parsed.venue or "")[:255],
            mode=_mode_of(parsed.venue or ""),
            status=Meeting.Status.HELD,
        )
        meeting.full_clean()
        meeting.save()
        event_record(
            subject=meeting,
            verb=EventType.MEETING_CREATED,
            actor=actor,
            summary=f"Meeting of {body.name} on {date_long(parsed.date)} created by import.",
        )
        return meeting
    meeting = existing[0]
    if meeting.minutes.exists():
        raise ValidationError(IMPORT_HAS_MINUTES.format(date=date_long(meeting.date)))
    if meeting.status == Meeting.Status.AGENDA_PUBLISHED:
        return meeting_mark_held(
            meeting=meeting,
            actor=actor,
            start_time=parsed.start_time or meeting.start_time,
            end_time=parsed.end_time or meeting.end_time,
        )
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            IMPORT_MEETING_STATE.format(
                date=date_long(meeting.date), status=meeting.get_status_display()
            )
        )
    return meeting


@transaction.atomic
def minutes_import(
    *,
    document: ParsedDocument,
    body: Body,
    actor: Actor,
    sha256: str,
    filename: str,
    content: bytes | None = None,
) -> Meeting:
    """Create the draft minutes of `document` for `body`. All or nothing."""
    ensure_allowed(can_manage_meetings, actor)
    previous = import_already_done(sha256=sha256)
    if previous is not None:
        meeting = Meeting.objects.filter(pk=previous.object_id).first()
        raise ValidationError(
            IMPORT_ALREADY_DONE.format(
                date=date_long(meeting.date) if meeting else "a deleted meeting",
                event=previous.pk,
            )
        )
    if not document.items:
        raise ValidationError(IMPORT_NO_ITEMS)
    if document.meeting.date is None:
        raise ValidationError(IMPORT_NO_DATE)
    plan = attendance_plan(attendees=document.attendees, body=body, on=document.meeting.date)
    meeting = _meeting_for(document=document, body=body, actor=actor)
    counts = {"minutes": 0, "points": 0, "resolutions": 0}
    numbers = minute_numbers([(item.number, item.agenda_item) for item in document.items])
    for item, number in zip(document.items, numbers, strict=True):
        minute: Minute = minute_create(
            meeting=meeting,
            actor=actor,
            number=number,
            title=item.title[:500],
            preamble=item.preamble,
        )
        if item.narrative:
            minute.body_text = "\n\n".join(item.narrative)
            minute.full_clean()
            minute.save(update_fields=["body_text", "updated_at"])
        counts["minutes"] += 1
        for point in item.points:
            minute_point_add(minute=minute, actor=actor, text=point.text, label=point.label[:10])
            counts["points"] += 1
        used: set[str] = set()
        for clause in item.resolutions:
            label = clause.label[:12] if clause.label not in used else ""
            used.add(label)
            resolution_add(
                minute=minute, actor=actor, text=clause.text, kind=clause.kind, label=label
            )
            counts["resolutions"] += 1
    if content is not None and PurePath(filename).suffix.lower() in ATTACHABLE:
        suffix = PurePath(filename).suffix.lower()
        document_attach(
            meeting=meeting,
            agenda_item=None,
            actor=actor,
            title=f"Minutes of the meeting held on {date_long(meeting.date)} (imported)",
            kind=Document.Kind.MINUTES,
            filename=filename,
            content=content,
            content_type={".pdf": "application/pdf", ".docx": "application/docx"}.get(
                suffix, "text/html"
            ),
        )
    attendance = attendance_write(plan=plan, meeting=meeting, actor=actor)
    event_record(
        subject=meeting,
        verb=IMPORT_VERB,
        actor=actor,
        summary=(
            f"Draft minutes of {date_long(meeting.date)} imported from {filename}: "
            f"{counts['minutes']} minutes, {counts['resolutions']} resolutions, "
            f"{attendance['attendance']} attendances."
        ),
        data={
            "sha256": sha256,
            "filename": filename,
            **counts,
            **attendance,
            "warnings": document.warnings,
            "actions": [
                {"minute": item.number, "text": action.text, "addressee": action.addressee}
                for item in document.items
                for action in item.actions
            ],
        },
    )
    return meeting


# --- Attendance ------------------------------------------------------------------------------


@dataclass
class AttendancePlan:
    """Who is recorded (each name with its person, or None for a new person, and how it was
    found), and who is left out and why."""

    entries: list[tuple[Attendee, Person | None, str]]
    left_out: list[dict[str, Any]]


def _choice_of(attendee: Attendee) -> str | None:
    return attendee.choice if isinstance(attendee, ReviewedAttendee) else None


def _left(attendee: Attendee, reason: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": attendee.name,
        "capacity": attendee.capacity,
        "line": attendee.line,
        "reason": reason,
        **extra,
    }


def attendance_plan(
    *, attendees: Sequence[Attendee], body: Body, on: datetime.date | None
) -> AttendancePlan:
    """Resolve every name before anything is written: the officer's choice, else the automatic
    match. Refuses a name shown for a choice and left undecided, or a person not of the panel.
    One query for the panel's people, whatever the number of names."""
    undecided = [a.name for a in attendees if _choice_of(a) == CHOICE_UNDECIDED]
    if undecided:
        raise ValidationError(ATTENDANCE_UNDECIDED.format(names="; ".join(undecided)))
    candidates = candidates_load(panel_id=body.panel_id, body=body, on=on) if attendees else []
    people = {c.person.pk: c.person for c in candidates}
    plan = AttendancePlan([], [])
    first_line: dict[int | str, int] = {}
    for attendee in attendees:
        choice = _choice_of(attendee)
        person: Person | None
        if choice == CHOICE_OMIT:
            plan.left_out.append(_left(attendee, LEFT_OUT_AT_REVIEW))
            continue
        match = match_attendee(attendee, candidates)
        if choice == CHOICE_NEW:
            person, how = None, "new"
        elif choice is not None:
            person = people.get(int(choice)) if choice.isdigit() else None
            if person is None:
                raise ValidationError(ATTENDANCE_PERSON_UNKNOWN.format(name=attendee.name))
            # The match shown at review and left as it was keeps its kind.
            how = match.kind if match.person == person else "chosen"
        else:
            if match.person is None:
                could_be = [p.display_name for p in match.candidates]
                plan.left_out.append(_left(attendee, LEFT_OUT_NO_MATCH, candidates=could_be))
                continue
            person, how = match.person, match.kind
        # One attendance per person: a name listed twice (or two spellings of one person)
        # keeps the first, and the other is listed as left out.
        key: int | str = person.pk if person is not None else normalise_name(attendee.name)
        if key in first_line:
            plan.left_out.append(_left(attendee, LEFT_OUT_REPEATED.format(line=first_line[key])))
            continue
        first_line[key] = attendee.line
        plan.entries.append((attendee, person, how))
    return plan


def attendance_write(*, plan: AttendancePlan, meeting: Meeting, actor: Actor) -> dict[str, Any]:
    """Record the planned attendance (creating the new people first), and say what was done
    for the import's event: the count, the people created, and the names left out."""
    created = []
    recorded = 0
    for attendee, found, _how in plan.entries:
        person = found
        if person is None:
            person = person_create(actor=actor, **person_fields(attendee.name))
            created.append({"person": person.pk, "name": person.display_name})
        status, capacity = ATTENDANCE_FOR_CAPACITY.get(
            attendee.capacity, (Attendance.Status.PRESENT, Attendance.Capacity.MEMBER)
        )
        chair = attendee.role == CHAIR_ROLE and status == Attendance.Status.PRESENT
        role_text = "in the Chair" if chair else attendee.role
        attendance_record(
            meeting=meeting,
            person=person,
            actor=actor,
            status=status,
            capacity=capacity,
            role_text=role_text[:255] if role_text else None,
            in_the_chair=chair,
        )
        recorded += 1
    return {
        "attendance": recorded,
        "people_created": created,
        "attendance_left_out": plan.left_out,
        "attendance_matched": [
            {"name": a.name, "person": p.pk, "how": how}
            for a, p, how in plan.entries
            if p is not None
        ],
    }


@transaction.atomic
def import_job_attendance_save(
    *, job: ImportJob, actor: Actor, choices: dict[int, str]
) -> ImportJob:
    """Keep the officer's choice for each name read (`choices` by the attendee's index: a
    person's primary key, "new", "omit", or "" not yet decided), beside the name in the job's
    result; the commit records them. Saved on its own, as the review's corrections are, so a
    refused commit keeps them."""
    ensure_allowed(can_manage_meetings, actor)
    if not choices:
        return job
    job = job_locked(job.pk)
    if job.status != ImportJob.Status.PARSED:
        raise ValidationError(
            JOB_ILLEGAL_MOVE.format(status=job.get_status_display().lower(), action="changed")
        )
    attendees = job.result.get("attendees") or []
    for index, choice in choices.items():
        if 0 <= int(index) < len(attendees):
            attendees[int(index)]["choice"] = choice
    job.save(update_fields=["result", "updated_at"])
    return job
