"""The parse, step by step: lines, the agenda (if a pack), the minutes heading, attendance, the
items and their bodies, then the checks. Every step adds its oddities to one list of warnings."""

from __future__ import annotations

from imports.parser.agenda import read_agenda
from imports.parser.attendees import read_attendees
from imports.parser.document import WARN_NO_DATE, WARN_NO_MINUTES, ParsedDocument
from imports.parser.header import labels_before, minutes_header, minutes_start
from imports.parser.headings import find_first_item
from imports.parser.items import check_labels, read_items
from imports.parser.tokens import lines_of

# A printed page of minutes holds about this many lines (for text without form feeds).
LINES_PER_PAGE = 50


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
    attendees_end = first_item if first_item is not None else len(lines)
    document.attendees = read_attendees(lines[first_body:attendees_end])
    if first_item is not None:
        document.items = read_items(lines, first_item, meeting, document.attendees, warnings)
    if not document.items:
        warnings.append(WARN_NO_MINUTES)
    elif meeting.date is None:
        warnings.append(WARN_NO_DATE)
    check_labels(document.items, warnings)
    document.warnings = warnings
    pages = max(1, text.count("\f") + 1) if "\f" in text else 0
    document.page_count = pages or max(1, round(len(lines) / LINES_PER_PAGE))
    return document
