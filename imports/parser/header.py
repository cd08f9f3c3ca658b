"""Where the minutes start in a pack, and the meeting their heading names: the body, date,
times and venue ("Minutes of a meeting of … held at … on …", "Date:", "Venue:")."""

from __future__ import annotations

import re

from imports.parser.document import WARN_NO_HEADING, Meeting
from imports.parser.headings import heading
from imports.parser.patterns import (
    BARE_NUMBER_RE,
    DATE_RE,
    HELD_RE,
    MINUTES_HEADER_RE,
    MINUTES_TITLE_ONLY_RE,
    SECTION_RE,
    TIME_RE,
)
from imports.parser.tokens import Line, ends_sentence, parse_date, parse_time

LABEL_LINE_RE = re.compile(r"^[A-Za-z ]{2,20}:")


def minutes_start(lines: list[Line], warnings: list[str]) -> int | None:
    """The index of the "Minutes of …" heading, else of a page's "Agenda and minutes" or
    "Minutes" title, else of a PRESENT section, else None. An item's title ("5. Minutes of the
    previous meeting", "Minutes of the meeting held on 4 March") is not the heading."""
    for index, line in enumerate(lines):
        if MINUTES_HEADER_RE.match(line.text) and not _item_title(lines, index):
            return index
    for index, line in enumerate(lines):
        if (
            MINUTES_TITLE_ONLY_RE.match(line.text)
            and not _item_title(lines, index)
            and not _in_menu(lines, index)
        ):
            return index
    for index, line in enumerate(lines):
        section = SECTION_RE.match(line.text)
        if section and section["head"].lower() in ("present", "members present"):
            warnings.append(WARN_NO_HEADING)
            return index
    return None


def _item_title(lines: list[Line], index: int) -> bool:
    text = lines[index].text
    if re.search(r"\b(?:previous|last|preceding|earlier)\s+meetings?\b", text, re.I):
        return True
    before = next(
        (line.text for line in reversed(lines[max(0, index - 4) : index]) if line.text), ""
    )
    return bool(BARE_NUMBER_RE.match(before) or re.match(r"^agenda\s+item\b", before, re.I))


def _in_menu(lines: list[Line], index: int) -> bool:
    """A "Minutes" tab among a page's other tabs ("Agenda", "Attendance", "Documents")."""
    before = [line.text for line in lines[max(0, index - 8) : index] if line.text][-2:]
    after = [line.text for line in lines[index + 1 : index + 9] if line.text][:2]
    near = before + after
    return len(near) >= 3 and all(len(text) < 25 for text in near)


def minutes_header(lines: list[Line], start: int) -> tuple[Meeting, int]:
    """The meeting's body, date, time and venue from the heading lines; returns the index
    of the first line after them."""
    meeting = Meeting()
    if start >= len(lines):
        return meeting, start
    index = start
    header_text = []
    # The heading and any "Held: …", "Date:", "Venue:" lines up to PRESENT or an item.
    while index < len(lines) and index < start + 12:
        text = lines[index].text
        if index > start and (SECTION_RE.match(text) or heading(text)):
            break
        if text:
            header_text.append((lines[index].no, text))
        index += 1
    if not header_text:
        return meeting, index
    # A heading wrapped over lines ("… held on Tuesday, 30 January" / "2024 at 10.30 am …")
    # is read as one: the lines that follow it without a gap or a label of their own.
    joined: list[tuple[int, str]] = []
    for number, text in header_text:
        if (
            joined
            and number == joined[-1][0] + 1
            and MINUTES_HEADER_RE.match(joined[-1][1])
            and not LABEL_LINE_RE.match(text)
            and not ends_sentence(joined[-1][1])
        ):
            meeting.lines.append(number)
            joined[-1] = (number, f"{joined[-1][1]} {text}")
        else:
            joined.append((number, text))
    for number, text in joined:
        meeting.lines.append(number)
        match = re.match(
            r"^(?:draft\s+|confirmed\s+)?minutes\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
            r"meeting\s+of\s+(?:the\s+)?(?P<body>.+?)(?:,?\s+held\b(?P<rest>.*))?$",
            text,
            re.I,
        )
        if match:
            meeting.body = match["body"].strip(" .,")
            rest = match["rest"] or ""
            _held(meeting, rest)
            continue
        held = HELD_RE.match(text)
        if held:
            _held(meeting, held["rest"])
            continue
        labelled = re.match(
            r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location|meeting|body)"
            r"\s*:\s*(?P<value>.+)$",
            text,
            re.I,
        )
        if labelled:
            apply_label(meeting, labelled["key"].lower(), labelled["value"])
            continue
        if meeting.date is None and parse_date(text):
            meeting.date = parse_date(text)
            meeting.start_time = meeting.start_time or parse_time(text)
    return meeting, index


def labels_before(lines: list[Line], meeting: Meeting, start: int) -> None:
    """A saved web page puts "Venue:" and the date and time above the minutes heading."""
    for line in lines[max(0, start - 15) : start]:
        labelled = re.match(
            r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location)"
            r"\s*:\s*(?P<value>.+)$",
            line.text,
            re.I,
        )
        if labelled:
            apply_label(meeting, labelled["key"].lower(), labelled["value"])
        elif (
            meeting.start_time is None
            and parse_date(line.text) is not None
            and meeting.date in (None, parse_date(line.text))
        ):
            meeting.start_time = parse_time(line.text)


def _held(meeting: Meeting, rest: str) -> None:
    rest = rest.strip(" .:")
    meeting.date = meeting.date or parse_date(rest)
    meeting.start_time = meeting.start_time or parse_time(rest)
    bare = TIME_RE.sub(" ", DATE_RE.sub(" ", rest))
    venue = re.search(
        r"\bas\s+an?\s+(?P<v>(?:virtual|remote|hybrid|online)\b.+)$", rest, re.I
    ) or re.search(r"(?:^|\s)(?:at|in)\s+(?P<v>(?-i:[A-Z])[^\n]+?)(?:\s+on\b.*)?$", bare, re.I)
    if venue and not meeting.venue:
        value = venue["v"].strip(" .,")
        if not DATE_RE.search(value) and value:
            meeting.venue = value[:255]


def apply_label(meeting: Meeting, key: str, value: str) -> None:
    """A "Date:", "Time:", "Venue:" or "Meeting:" line; what is already known is kept."""
    if key.startswith("date"):
        meeting.date = meeting.date or parse_date(value)
        time_part = re.search(r"time\s*:\s*(.+)$", value, re.I)
        meeting.start_time = meeting.start_time or parse_time(
            time_part.group(1) if time_part else value
        )
    elif key == "time":
        meeting.start_time = meeting.start_time or parse_time(value)
    elif key in ("venue", "place", "location"):
        meeting.venue = meeting.venue or value.strip()[:255]
    elif key in ("meeting", "body"):
        meeting.body = meeting.body or value.strip(" .")
