"""The parse, step by step: lines, the agenda (if a pack), the minutes heading, attendance, the
items and their bodies, then the checks. Every step adds its oddities to one list of warnings."""

from __future__ import annotations

import datetime

from imports.parser.agenda import read_agenda
from imports.parser.attendees import read_attendees
from imports.parser.document import WARN_NO_DATE, WARN_NO_MINUTES, ParsedDocument
from imports.parser.header import labels_before, minutes_header, minutes_start
from imports.parser.headings import find_first_item, heading, title_of
from imports.parser.items import check_labels, read_items
from imports.parser.patterns import SECTION_RE
from imports.parser.titled import item_page, title_lines
from imports.parser.tokens import Line, ends_sentence, lines_of, parse_date

# A printed page of minutes holds about this many lines (for text without form feeds).
LINES_PER_PAGE = 50
# The page's own date is printed above its first item, within this many lines of the top.
HEADER_LINES = 80


def parse(text: str) -> ParsedDocument:
    """Parse minutes (or an agenda pack containing them). Never raises on any str."""
    warnings: list[str] = []
    lines = lines_of(text, warnings)
    start = minutes_start(lines, warnings)
    agenda = read_agenda(lines, start if start is not None else len(lines), warnings)
    if start is None:
        # No heading: the whole text is the minutes, unless it is an agenda alone.
        start = len(lines) if agenda is not None else 0
    meeting, first_body = minutes_header(lines, start)
    if agenda is None and start < len(lines):
        labels_before(lines, meeting, start)
    document = ParsedDocument(
        meeting=meeting,
        agenda=agenda,
        minutes_line=lines[start].no if start < len(lines) else None,
    )
    first_item = find_first_item(lines, first_body)
    titles: dict[int, str] | None = None
    agenda_item = None
    if agenda is None and (first_item is None or _numbering_doubtful(lines, first_item)):
        page = item_page(lines, meeting)
        if page is not None:
            titles, agenda_item = {page[0]: page[1]}, page[2]
        else:
            begin = _after_attendance(lines, first_body)
            titles = title_lines(lines, begin, len(lines)) or None
        if titles:
            first_item = min(titles)
    attendees_end = first_item if first_item is not None else len(lines)
    document.attendees = read_attendees(lines[first_body:attendees_end])
    if first_item is not None:
        document.items = read_items(
            lines, first_item, meeting, document.attendees, warnings, titles=titles
        )
    if agenda_item and document.items:
        document.items[0].agenda_item = agenda_item
    if meeting.date is None and first_item is not None:
        meeting.date = _page_date(lines[: min(first_item, HEADER_LINES)])
    if not document.items:
        warnings.append(WARN_NO_MINUTES)
    elif meeting.date is None:
        warnings.append(WARN_NO_DATE)
    check_labels(document.items, warnings)
    document.warnings = warnings
    pages = max(1, text.count("\f") + 1) if "\f" in text else 0
    document.page_count = pages or max(1, round(len(lines) / LINES_PER_PAGE))
    return document


def _numbering_doubtful(lines: list[Line], first_item: int) -> bool:
    """Whether the first numbered "heading" is a list's item run into its text ("1. The Panel
    supported the proposed precept …"): a sentence, not a title."""
    match = heading(lines[first_item].text)
    title = title_of(match["title"]) if match else ""
    return bool(match and ends_sentence(title) and len(title) > 60)


def _after_attendance(lines: list[Line], begin: int) -> int:
    """The first line after the attendance paragraphs that follow `begin` (titles start there;
    a name or role in the lists is not one)."""
    last = None
    for index in range(begin, min(len(lines), begin + HEADER_LINES * 2)):
        section = SECTION_RE.match(lines[index].text)
        if section and (":" in lines[index].text or not section["rest"]):
            last = index
    if last is None:
        return begin
    index = last + 1
    while index < len(lines) and (lines[index].text or index == last + 1):
        index += 1
    return index


def _page_date(lines: list[Line]) -> datetime.date | None:
    for line in lines:
        found = parse_date(line.text)
        if found is not None:
            return found
    return None
