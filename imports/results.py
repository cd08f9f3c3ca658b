"""The parse result as stored on the job (JSON), and back again.

`result_from` adds what the review needs beside the parser's output: the source lines each
minute came from and the suggested tracked items (trackable clauses and undertakings).
`document_from` turns the stored, reviewed result back into what `minutes_import` writes; its
attendees carry the officer's choices (`ReviewedAttendee`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from imports.parser import (
    CHIEF_CONSTABLE,
    OPCC,
    PANEL,
    PCC,
    Action,
    Attendee,
    Meeting,
    MinuteItem,
    ParsedDocument,
    Point,
    Resolution,
)

# The parser names parties; the tracker stores these values (scrutiny.models.TrackedItem.Addressee).
ADDRESSEE_FOR_PARTY = {PCC: "pcc", OPCC: "opcc", CHIEF_CONSTABLE: "force", PANEL: "panel"}
# A suggested due date when the minutes give none: panels meet about every two months.
DEFAULT_DUE_DAYS = 56
# The source excerpt shown beside each minute is capped so an agenda pack stays readable.
MAX_SPAN_LINES = 300


@dataclass
class ReviewedAttendee(Attendee):
    """A name as read, with the officer's choice at review (imports.attendance: a person's
    primary key, "new", "omit", or "" undecided); None when no choice was made there."""

    choice: str | None = None


def reviewed_attendees(result: dict[str, Any]) -> list[ReviewedAttendee]:
    """The stored attendees, each with the choice kept beside it by the review."""
    return [
        ReviewedAttendee(
            name=a["name"],
            capacity=a["capacity"],
            role=a.get("role"),
            line=a.get("line", 0),
            choice=a.get("choice"),
        )
        for a in result.get("attendees") or []
    ]


def to_iso(value: datetime.date | datetime.time | None) -> str | None:
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if value is not None else None


def date_from_iso(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _time_from_iso(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def _span(item: MinuteItem, following: MinuteItem | None) -> tuple[int, int]:
    used = [item.line]
    things: list[Point | Resolution | Action] = [*item.points, *item.resolutions, *item.actions]
    for thing in things:
        used.extend(n for n in thing.lines if n > 0)
    end = max(used)
    if following is not None and following.line > end:
        end = following.line - 1
    return item.line, min(end, item.line + MAX_SPAN_LINES - 1)


def _reference(number: str | None, label: str) -> str:
    """As minutes cite themselves: "29(c)", but "13 2." rather than "132."."""
    if number is None:
        return label
    return f"{number}{label}" if label.startswith("(") or not label else f"{number} {label}"


def result_from(document: ParsedDocument, text: str, *, kind: str) -> dict[str, Any]:
    """The parser output as JSON, with the source lines each minute came from and the
    suggested tracked items (trackable clauses and undertakings) for the review."""
    source = text.split("\n")
    lines: dict[str, str] = {}
    items = []
    suggestions = []
    default_due = (
        document.meeting.date + datetime.timedelta(days=DEFAULT_DUE_DAYS)
        if document.meeting.date
        else None
    )
    for index, item in enumerate(document.items):
        following = document.items[index + 1] if index + 1 < len(document.items) else None
        start, end = _span(item, following)
        while end > start and (end > len(source) or not source[end - 1].strip()):
            end -= 1
        for n in range(start, end + 1):
            if 0 < n <= len(source):
                lines[str(n)] = source[n - 1].rstrip()
        items.append(
            {
                "number": item.number,
                "agenda_item": item.agenda_item,
                "title": item.title,
                "line": item.line,
                "span": [start, end],
                "preamble": item.preamble,
                "narrative": list(item.narrative),
                "points": [
                    {"label": x.label, "text": x.text, "lines": x.lines} for x in item.points
                ],
                "resolutions": [
                    {
                        "label": r.label,
                        "text": r.text,
                        "kind": r.kind,
                        "category": r.category,
                        "addressee": r.addressee,
                        "trackable": r.trackable,
                        "lines": r.lines,
                        "recurrence": r.recurrence,
                    }
                    for r in item.resolutions
                ],
                "actions": [
                    {
                        "text": a.text,
                        "addressee": a.addressee,
                        "lines": a.lines,
                        "source": a.source,
                        "duplicates": a.duplicates,
                    }
                    for a in item.actions
                ],
            }
        )
        for r_index, clause in enumerate(item.resolutions):
            if clause.trackable:
                suggestions.append(
                    {
                        "key": f"r{index}-{r_index}",
                        "kind": "resolution",
                        "item": index,
                        "index": r_index,
                        "label": _reference(item.number, clause.label),
                        "text": clause.text,
                        "lines": clause.lines,
                        "addressee": ADDRESSEE_FOR_PARTY.get(clause.addressee or "", ""),
                        # A standing request ("at each meeting", "quarterly") recurs.
                        "recurrence": clause.recurrence or "none",
                        "accepted": True,
                        "due_date": to_iso(default_due),
                    }
                )
        for a_index, action in enumerate(item.actions):
            if action.duplicates:  # the same commitment as a RESOLVED clause: offered once
                continue
            point = next(
                (
                    i
                    for i, x in enumerate(item.points)
                    if set(x.lines) & {n for n in action.lines if n > 0}
                ),
                None,
            )
            label = _reference(item.number, item.points[point].label if point is not None else "")
            suggestions.append(
                {
                    "key": f"a{index}-{a_index}",
                    "kind": "action",
                    "item": index,
                    "index": a_index,
                    "point": point,
                    "label": label,
                    "text": action.text,
                    "lines": action.lines,
                    "addressee": ADDRESSEE_FOR_PARTY.get(action.addressee or "", ""),
                    # Undertakings are guesses from prose: the officer opts in.
                    "accepted": False,
                    "due_date": to_iso(default_due),
                }
            )
    meeting = document.meeting
    return {
        "kind": kind,
        "meeting": {
            "body": meeting.body,
            "date": to_iso(meeting.date),
            "start_time": to_iso(meeting.start_time),
            "end_time": to_iso(meeting.end_time),
            "venue": meeting.venue,
            "lines": meeting.lines,
        },
        "attendees": [
            {"name": a.name, "capacity": a.capacity, "role": a.role, "line": a.line}
            for a in document.attendees
        ],
        "items": items,
        "suggestions": suggestions,
        "warnings": list(document.warnings),
        "lines": lines,
    }


def document_from(result: dict[str, Any]) -> ParsedDocument:
    """Back from the stored (and reviewed) JSON to what `minutes_import` writes."""
    m = result["meeting"]
    return ParsedDocument(
        meeting=Meeting(
            body=m.get("body"),
            date=date_from_iso(m.get("date")),
            start_time=_time_from_iso(m.get("start_time")),
            end_time=_time_from_iso(m.get("end_time")),
            venue=m.get("venue"),
            lines=list(m.get("lines") or []),
        ),
        attendees=[*reviewed_attendees(result)],
        items=[
            MinuteItem(
                number=i["number"],
                agenda_item=i.get("agenda_item"),
                title=i["title"],
                line=i["line"],
                preamble=i.get("preamble", ""),
                narrative=list(i.get("narrative", [])),
                points=[Point(**x) for x in i["points"]],
                resolutions=[Resolution(**r) for r in i["resolutions"]],
                actions=[Action(**a) for a in i["actions"]],
            )
            for i in result["items"]
        ],
        warnings=list(result.get("warnings", [])),
    )
