"""Write parsed minutes as a draft: the meeting (held, agenda not published), its minutes,
points and resolutions, through the meetings services, in one transaction.

The file's sha256 is kept in the "minutes.imported" domain event, so the same file is never
imported twice without a new model field (and migration).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import date_long
from core.events import EventType
from core.models import DomainEvent
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from imports.parser import ParsedDocument
from meetings.models import Body, Document, Meeting, Minute
from meetings.services import (
    document_attach,
    meeting_mark_held,
    minute_create,
    minute_point_add,
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

ATTACHABLE = (".pdf", ".docx", ".html", ".htm")


def minute_number(number: str) -> int:
    """ "45" or "45/24" → 45: the number a parsed minute heading starts with."""
    match = re.match(r"\d+", number)
    return int(match.group()) if match else 0


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
    meeting = _meeting_for(document=document, body=body, actor=actor)
    counts = {"minutes": 0, "points": 0, "resolutions": 0}
    for item in document.items:
        minute: Minute = minute_create(
            meeting=meeting,
            actor=actor,
            number=minute_number(item.number),
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
    event_record(
        subject=meeting,
        verb=IMPORT_VERB,
        actor=actor,
        summary=(
            f"Draft minutes of {date_long(meeting.date)} imported from {filename}: "
            f"{counts['minutes']} minutes, {counts['resolutions']} resolutions."
        ),
        data={
            "sha256": sha256,
            "filename": filename,
            **counts,
            "warnings": document.warnings,
            "actions": [
                {"minute": item.number, "text": action.text, "addressee": action.addressee}
                for item in document.items
                for action in item.actions
            ],
        },
    )
    return meeting
