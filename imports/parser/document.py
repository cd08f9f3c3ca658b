"""What the parser returns: dataclasses that keep the source line numbers, and their JSON shape.

The parties and resolution kinds are plain strings (the values the tracker and
meetings.models.Resolution.Kind use) so that the parser stays free of Django.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Meeting:
    body: str | None = None
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str | None = None
    lines: list[int] = field(default_factory=list)


@dataclass
class Attendee:
    name: str
    capacity: str  # "present", "in attendance" or "apologies"
    role: str | None
    line: int


@dataclass
class Point:
    label: str
    text: str
    lines: list[int]


@dataclass
class Resolution:
    label: str
    text: str
    kind: str  # one of meetings.models.Resolution.Kind values
    category: str  # "procedural", "request" or "internal"
    addressee: str | None  # PCC, OPCC, CHIEF_CONSTABLE, PANEL or None
    trackable: bool
    lines: list[int]
    # A standing request's due dates: "each_meeting", "quarterly", "annually" or None (the
    # values of scrutiny's TrackedItem.Recurrence).
    recurrence: str | None = None


@dataclass
class Action:
    """An undertaking outside the RESOLVED clauses: a suggestion for staff to confirm."""

    text: str
    addressee: str | None
    lines: list[int]
    source: str  # "action_line" ("Action: …") or "undertaking" (in a point or narrative)
    duplicates: str | None = None  # label of a resolution of the same minute it repeats


@dataclass
class MinuteItem:
    number: str | None  # None when the page prints none (a ModernGov item page, stripped numbers)
    title: str
    line: int
    agenda_item: str | None = None  # "marked 'Agenda Item 5'" → "5"
    preamble: str = ""
    points: list[Point] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)


@dataclass
class AgendaItem:
    number: str
    title: str
    line: int
    report_by: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    description: str = ""


@dataclass
class Agenda:
    meeting: Meeting
    items: list[AgendaItem] = field(default_factory=list)
    line: int = 0


@dataclass
class ParsedDocument:
    meeting: Meeting
    attendees: list[Attendee] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    agenda: Agenda | None = None
    warnings: list[str] = field(default_factory=list)
    minutes_line: int | None = None
    page_count: int = 1


PCC = "PCC"
OPCC = "OPCC"
CHIEF_CONSTABLE = "Chief Constable"
PANEL = "panel"

# Resolution kinds: the values of meetings.models.Resolution.Kind (kept as strings here so the
# parser stays free of Django).
CONFIRM_MINUTES = "confirm_minutes"
NOTE = "note"
APPROVE = "approve"
ENDORSE = "endorse"
ELECT = "elect"
DATE_NOTED = "date_noted"
REQUEST_RESPONSE = "request_response"
REQUEST_INFORMATION = "request_information"
REFER_COMMENTS = "refer_comments"
WRITE_LETTER = "write_letter"
SCHEDULE_UPDATE = "schedule_update"
RECOMMENDATION = "recommendation"
OTHER = "other"

PROCEDURAL_KINDS = frozenset({CONFIRM_MINUTES, NOTE, APPROVE, ENDORSE, ELECT, DATE_NOTED})

WARN_NO_MINUTES = "No numbered minute items were found: is this a set of minutes?"
WARN_NO_DATE = "The date of the meeting was not found."
WARN_NUMBER_GAP = "Line {line}: minute {number} follows minute {previous}; {missing} is missing."
WARN_OUT_OF_SEQUENCE = (
    "Line {line}: “{text}” looks like minute {number} but follows minute {previous}; read as text."
)
WARN_LABEL_REPEATED = "Minute {number}: resolution label {label} is used twice."
WARN_LABEL_GAP = "Minute {number}: resolution {label} follows {previous}."
WARN_EMPTY_RESOLVED = "Line {line}: RESOLVED is followed by no resolution in minute {number}."
WARN_NO_HEADING = "No “Minutes of …” heading was found; the whole text was read as minutes."
WARN_AGENDA_GAP = "Line {line}: agenda item {number} follows item {previous}."
WARN_CONTROL_CHARS = (
    "The text contains control characters (is it a binary file?); they were ignored."
)


def _iso(value: datetime.date | datetime.time | None, fmt: str) -> str | None:
    return value.strftime(fmt) if value is not None else None


def as_json(document: ParsedDocument) -> dict[str, Any]:
    """The dry-run JSON shape of `import_minutes --format json`."""
    meeting = document.meeting
    return {
        "meeting": {
            "body": meeting.body,
            "date": _iso(meeting.date, "%Y-%m-%d"),
            "start_time": _iso(meeting.start_time, "%H:%M"),
            "end_time": _iso(meeting.end_time, "%H:%M"),
            "venue": meeting.venue,
        },
        "attendees": [
            {"name": a.name, "capacity": a.capacity, "role": a.role} for a in document.attendees
        ],
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "points": [p.text for p in item.points],
                "resolutions": [
                    {
                        "label": r.label or None,
                        "text": r.text,
                        "kind": r.kind,
                        "trackable": r.trackable,
                        "addressee": r.addressee,
                    }
                    for r in item.resolutions
                ],
                "actions": [{"text": a.text, "addressee": a.addressee} for a in item.actions],
            }
            for item in document.items
        ],
        "warnings": list(document.warnings),
    }
