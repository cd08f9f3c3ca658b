"""A folder of saved ModernGov pages, as one import per meeting.

A council's ModernGov site shows a meeting on its "ieListDocuments" page (the agenda and, once
agreed, the minutes of every item, often shortened) and each item on an "mgAi" page, whose
minutes are the full text. Saved together, each item page names its meeting twice: in its
header ("Meeting: 05/03/2025 - Northmoor Police and Crime Panel (Item 46.)") and in the link
back to the meeting page ("ieListDocuments.aspx?CId=140&MId=2201"). `moderngov_group` links each
item page to its meeting page, by the MId where both pages give one and otherwise by the date
and the committee's name, and writes one text per meeting in which each item page's minutes
replace the meeting page's text of that item. An item page whose meeting page is not among the
files becomes a text of its own, with a warning. Every other file passes through untouched.

Pure Python (no Django, no database): the reader and the parser only.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from core.dates import date_long
from core.readers import ReadError, read_bytes
from imports.parser import parse
from imports.parser.tokens import parse_date

MEETING_PAGE_RE = re.compile(r"^ieListDocuments.*\.html?$", re.I)
ITEM_PAGE_RE = re.compile(r"^mgAi.*\.html?$", re.I)
ITEM_HEADER_RE = re.compile(
    r"^Meeting:\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\s*[-–]\s*"
    r"(?P<committee>.+?)\s*\(\s*Item\s+(?P<number>[\w/]+?)\.?\s*\)\s*$",
    re.I,
)
HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
MID_RE = re.compile(r"[?&](?:amp;)?MId=(\d+)", re.I)
ATTENDANCE_RE = re.compile(r"mgMeetingAttendance\.aspx\?(?:amp;)?ID=(\d+)", re.I)
# "Agenda for <committee> on <date>", or "Agenda and (draft) minutes - <committee>, <weekday> …".
TITLE_RE = re.compile(
    r"<title>\s*Agenda(?:\s+and\s+(?:draft\s+)?minutes)?\s+(?:for\s+(?P<committee>[^<]+?)\s+on\s|"
    r"[-–]\s*(?P<named>[^<]+?),\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",
    re.I,
)
# The labelled sections of an item page; its minutes run from "Minutes:" to the next of these.
SECTION_LABELS = frozenset(
    {
        "purpose",
        "decision",
        "decision maker",
        "minutes",
        "supporting documents",
        "additional documents",
        "attachments",
        "background papers",
        "documents",
    }
)
# The line after the last item of a meeting page: the meeting's end, or the Chair's signature.
CLOSING_RE = re.compile(
    r"^\s*(?:the\s+)?meeting\s+(?:ended|closed|finished|concluded|rose)\b|^\s*(?:chair(?:man)?|signed)\b",
    re.I,
)
# A meeting page prints each item's number in a cell of its own: a line "46." or "57/24".
NUMBER_LINE_RE = re.compile(r"^\s*(\d{1,4}(?:/\d{2,4})?)\.?\s*$")
AGENDA_ITEM_TITLE_RE = re.compile(r"^Agenda item\s*[-–:]\s*(.+)$", re.I)
WEEKDAY_DATE_RE = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d", re.I)
SUBTITLE_RE = re.compile(
    r"""class=["'][^"']*\bmgSubTitleTxt\b[^"']*["'][^>]*>(.*?)</""", re.I | re.S
)

ITEM_WITHOUT_MEETING = (
    "{name} is the page of item {number} of the meeting of {date} ({committee}); that "
    "meeting's page (ieListDocuments) is not among the files, so the item was imported on its "
    "own: check the meeting's time and attendance before committing."
)
ITEM_NO_MINUTES = "{name} (item {number}) has no minutes, so the meeting page's text was kept."
ITEM_TWICE = "Item {number} has two item pages ({first} and {second}); the longer was used."
ITEM_NO_HEADER = (
    "{name} looks like a ModernGov item page but names no meeting (no “Meeting: … (Item …)” "
    "line), so it was read on its own."
)


@dataclass(frozen=True)
class SourceFile:
    """A file as found in the archive or folder: its path there, and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ImportFile:
    """What becomes one import: a file as it was, or the text made of a meeting's pages."""

    name: str
    content: bytes
    warnings: tuple[str, ...] = ()
    made_from: tuple[str, ...] = ()  # the files it was made from, when it is not one of them


@dataclass
class _MeetingPage:
    source: SourceFile
    lines: list[str]
    mid: str | None
    committee: str
    date: datetime.date | None
    starts: list[tuple[int, str]]  # (index of the line, number) of each item
    pages: list[_ItemPage] = field(default_factory=list)


@dataclass
class _ItemPage:
    source: SourceFile
    mid: str | None
    committee: str
    date: datetime.date
    number: str
    title: str
    minutes: list[str]


def _base(name: str) -> str:
    return PurePosixPath(name).name


def _stem(name: str) -> str:
    return PurePosixPath(name).stem


def _norm(name: str) -> str:
    """A committee's name for comparison: case, "the", punctuation and spacing ignored."""
    words = re.sub(r"[^0-9a-z]+", " ", name.lower()).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _number_key(number: str) -> int:
    match = re.match(r"\d+", number)
    return int(match.group()) if match else 0


def _text_and_markup(source: SourceFile) -> tuple[str, str] | None:
    try:
        text = read_bytes(source.content, name=_base(source.name)).text
    except ReadError:
        return None  # left to fail on its own, with the reader's message
    return text, source.content.decode("utf-8", errors="replace")


def _hrefs(markup: str) -> list[str]:
    return HREF_RE.findall(markup)


def _item_starts(lines: list[str], parsed: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Where each item begins: the lines holding only an item's number, in rising order, or
    else the minute headings the parser found (1-based lines in `parsed`)."""
    found: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        match = NUMBER_LINE_RE.match(line)
        if match and (not found or _number_key(match[1]) > _number_key(found[-1][1])):
            found.append((index, match[1]))
    if len(found) >= max(2, len(parsed)):
        return found
    return [(line - 1, number) for line, number in parsed]


def _meeting_header(lines: list[str], end: int) -> tuple[int, datetime.date] | None:
    """The page's "Thursday, 12th June, 2025 2.00 pm" line before the items, and its date."""
    for index, line in enumerate(lines[:end]):
        if WEEKDAY_DATE_RE.match(line.strip()):
            date = parse_date(line)
            if date is not None:
                return index, date
    return None


def _meeting_page(source: SourceFile) -> _MeetingPage | None:
    read = _text_and_markup(source)
    if read is None:
        return None
    text, markup = read
    ids = Counter(
        found
        for href in _hrefs(markup)
        for found in MID_RE.findall(href) + ATTENDANCE_RE.findall(href)
    )
    document = parse(text)
    lines = text.split("\n")
    numbered = [(item.line, item.number) for item in document.items if item.number]
    starts = _item_starts(lines, numbered)
    header = _meeting_header(lines, starts[0][0] if starts else len(lines))
    title = TITLE_RE.search(markup)
    named = (title["committee"] or title["named"]) if title else None
    if not named and header is not None:
        named = next((x for x in reversed(lines[: header[0]]) if x.strip()), None)
    return _MeetingPage(
        source=source,
        lines=lines,
        mid=ids.most_common(1)[0][0] if ids else None,
        committee=" ".join((named or document.meeting.body or "").split()),
        date=header[1] if header is not None else document.meeting.date,
        starts=starts,
    )


def _item_page(source: SourceFile) -> _ItemPage | None:
    read = _text_and_markup(source)
    if read is None:
        return None
    text, markup = read
    lines = [" ".join(line.split()) for line in text.split("\n")]
    for index, line in enumerate(lines):
        header = ITEM_HEADER_RE.match(line)
        if header is None:
            continue
        try:
            date = datetime.date(int(header["year"]), int(header["month"]), int(header["day"]))
        except ValueError:
            return None
        back = [
            m for h in _hrefs(markup) if "ielistdocuments" in h.lower() for m in MID_RE.findall(h)
        ]
        return _ItemPage(
            source=source,
            mid=back[0] if back else None,
            committee=header["committee"],
            date=date,
            number=header["number"].rstrip("."),
            title=_item_title(markup, lines[:index]),
            minutes=_minutes_section(lines[index + 1 :]),
        )
    return None


def _item_title(markup: str, before: list[str]) -> str:
    """The page's subtitle (the item's title), else "Agenda item - <title>", else the line
    after "Agenda item"."""
    for found in SUBTITLE_RE.findall(markup):
        title = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found)).split())
        if title:
            return title
    for line in before:  # "Agenda item - Title" in one heading
        joined = AGENDA_ITEM_TITLE_RE.match(line)
        if joined:
            return joined[1].strip()
    following = [x for i, x in enumerate(before) if i and before[i - 1].lower() == "agenda item"]
    return next((x for x in following if x), "")


def _label(line: str) -> str | None:
    """ "Minutes:" → "minutes"; None for a line that is not a section label."""
    match = re.match(r"^([A-Za-z ]+):\s*(.*)$", line)
    if match and match[1].strip().lower() in SECTION_LABELS:
        return match[1].strip().lower()
    return None


def _minutes_section(lines: list[str]) -> list[str]:
    out: list[str] = []
    inside = False
    for line in lines:
        label = _label(line)
        if label is not None:
            if inside:
                break
            inside = label == "minutes"
            rest = line.split(":", 1)[1].strip()
            if inside and rest:
                out.append(rest)
            continue
        if inside and line:
            out.append(line)
    return out


def _block(page: _ItemPage) -> list[str]:
    """The item as a meeting page prints it: "46. Title", "Minutes:", its paragraphs."""
    out = [f"{page.number}. {page.title}".rstrip(), "", "Minutes:", ""]
    for paragraph in page.minutes:
        out.extend([paragraph, ""])
    return out


def _merged(meeting: _MeetingPage) -> tuple[str, list[str]]:
    """The meeting page's text with each item page's minutes in place of that item's text."""
    warnings: list[str] = []
    lines = meeting.lines
    by_number: dict[str, _ItemPage] = {}
    for page in meeting.pages:
        if not page.minutes:
            warnings.append(
                ITEM_NO_MINUTES.format(name=_base(page.source.name), number=page.number)
            )
            continue
        first = by_number.get(page.number)
        if first is not None:
            warnings.append(
                ITEM_TWICE.format(
                    number=page.number,
                    first=_base(first.source.name),
                    second=_base(page.source.name),
                )
            )
            if sum(map(len, first.minutes)) >= sum(map(len, page.minutes)):
                continue
        by_number[page.number] = page
    starts = [index for index, _ in meeting.starts]
    closing = next(
        (
            i
            for i in range(starts[-1] + 1 if starts else 0, len(lines))
            if CLOSING_RE.match(lines[i])
        ),
        len(lines),
    )
    head_end = starts[0] if starts else closing
    segments: list[tuple[int, list[str]]] = []
    for position, (start, number) in enumerate(meeting.starts):
        end = starts[position + 1] if position + 1 < len(starts) else closing
        fuller = by_number.pop(number) if number in by_number else None
        segments.append((_number_key(number), _block(fuller) if fuller else lines[start:end]))
    # An item page for an item the meeting page does not print goes in its place by number.
    for extra in sorted(by_number.values(), key=lambda p: _number_key(p.number)):
        key = _number_key(extra.number)
        at = next((i for i, (k, _) in enumerate(segments) if k > key), len(segments))
        segments.insert(at, (key, _block(extra)))
    out = lines[:head_end]
    for _, segment in segments:
        out.extend(segment)
    out.extend(lines[closing:])
    return "\n".join(out), warnings


def _on_its_own(page: _ItemPage) -> ImportFile:
    name = _base(page.source.name)
    date = date_long(page.date)
    text = "\n".join(
        [f"Minutes of the meeting of the {page.committee} held on {date}", "", *_block(page)]
    )
    return ImportFile(
        name=f"{_stem(name)} (item page on its own).txt",
        content=text.encode("utf-8"),
        warnings=(
            ITEM_WITHOUT_MEETING.format(
                name=name, number=page.number, date=date, committee=page.committee
            ),
        ),
        made_from=(page.source.name,),
    )


def _meeting_for(page: _ItemPage, meetings: list[_MeetingPage]) -> _MeetingPage | None:
    if page.mid is not None:
        for meeting in meetings:
            if meeting.mid == page.mid:
                return meeting
    for meeting in meetings:
        if meeting.date == page.date and _norm(meeting.committee) == _norm(page.committee):
            return meeting
    return None


def moderngov_group(files: Sequence[SourceFile]) -> list[ImportFile]:
    """One `ImportFile` per import, in the order of `files`: a meeting page with its item pages
    (at the meeting page's place), an item page whose meeting is absent, or any other file."""
    meetings: dict[int, _MeetingPage] = {}
    items: dict[int, _ItemPage] = {}
    warnings: dict[int, str] = {}
    for index, source in enumerate(files):
        base = _base(source.name)
        if MEETING_PAGE_RE.match(base):
            meeting = _meeting_page(source)
            if meeting is not None:
                meetings[index] = meeting
        elif ITEM_PAGE_RE.match(base):
            item = _item_page(source)
            if item is not None:
                items[index] = item
            elif _text_and_markup(source) is not None:
                warnings[index] = ITEM_NO_HEADER.format(name=base)
    order = list(meetings.values())
    orphans: set[int] = set()
    for index, item in items.items():
        meeting = _meeting_for(item, order)
        if meeting is None:
            orphans.add(index)
        else:
            meeting.pages.append(item)
    out: list[ImportFile] = []
    for index, source in enumerate(files):
        if index in meetings and meetings[index].pages:
            meeting = meetings[index]
            text, notes = _merged(meeting)
            count = len(meeting.pages)
            out.append(
                ImportFile(
                    name=(
                        f"{_stem(source.name)} (with {count} item page{'s' if count > 1 else ''})"
                        ".txt"
                    ),
                    content=text.encode("utf-8"),
                    warnings=tuple(notes),
                    made_from=(source.name, *(p.source.name for p in meeting.pages)),
                )
            )
        elif index in orphans:
            out.append(_on_its_own(items[index]))
        elif index in items:
            continue  # merged into its meeting's text
        else:
            note = (warnings[index],) if index in warnings else ()
            out.append(ImportFile(name=source.name, content=source.content, warnings=note))
    return out
