"""Items printed without numbers: a ModernGov item page ("Agenda item", its title, "Minutes:"),
and minutes whose items are told apart only by their titles (a council's own web page, a Word
template whose numbering was lost on export).

A title is a short line that starts with a capital, does not end a sentence, stands after a
blank line or a finished sentence, and is followed by its text: it is not a marker the body
reader knows (RESOLVED, a label, a bullet, "Minutes:"), a name in a list, or one of a run of
short lines (a site's menu).
"""

from __future__ import annotations

import re

from imports.parser.document import Meeting
from imports.parser.patterns import (
    ACTION_LINE_RE,
    BULLET_RE,
    CLOSED_RE,
    DOCUMENTS_RE,
    DROP_LINE_RE,
    END_RE,
    HONORIFICS,
    LABEL_RE,
    MINUTES_MARKER_RE,
    RESOLVED_RE,
    SECTION_RE,
)
from imports.parser.tokens import Line, ends_sentence, parse_date

ITEM_PAGE_RE = re.compile(r"^agenda\s+item(?:\s*[-–:]\s*(?P<title>.+))?$", re.I)
# "Meeting: 04/02/2025 - Northmoor Police and Crime Panel (Item 41.)"
ITEM_PAGE_MEETING_RE = re.compile(
    r"^meeting:\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(?P<body>.+?)"
    r"(?:\s*\(item\s+(?P<item>\d+[a-z]?)\.?\))?\s*$",
    re.I,
)
NAME_START_RE = re.compile(rf"^(?:{HONORIFICS})\s", re.I)
NOT_TITLE_RE = re.compile(
    r"^(?:page\s+\d+|back\s+to\b|issue\s+history|print|download|share|skip\s+to|"
    r"you\s+are\s+here|posted\s+on|categories|tags|contact\b|tel\b|email\b|"
    r"the\s+meeting\s+(?:closed|ended|finished)|\d{1,2}[.:]\d{2}|none)\b"
    r"|^(?:pcc|opcc|chief\s+constable|the\s+force|force|panel|chair|clerk)$",
    re.I,
)
MAX_TITLE_WORDS = 16


def _next_text(lines: list[Line], index: int) -> tuple[int, str]:
    for following in range(index + 1, len(lines)):
        if lines[following].text:
            return following, lines[following].text
    return len(lines), ""


def _previous_text(lines: list[Line], index: int) -> str:
    for before in range(index - 1, -1, -1):
        if lines[before].text:
            return lines[before].text
    return ""


def _marker(text: str) -> bool:
    resolved = RESOLVED_RE.match(text)
    return bool(
        (resolved and re.match(r"(?:unanimously\s+)?(?:resolved|agreed)\b", text, re.I))
        or LABEL_RE.match(text)
        or BULLET_RE.match(text)
        or MINUTES_MARKER_RE.match(text)
        or DOCUMENTS_RE.match(text)
        or ACTION_LINE_RE.match(text)
        or SECTION_RE.match(text)
        and ":" in text
    )


def _title_shaped(text: str) -> bool:
    return (
        3 <= len(text) <= 150
        and len(text.split()) <= MAX_TITLE_WORDS
        and bool(re.match(r"^[A-Z0-9'‘\"“(]", text))
        and not re.search(r"[.;,:!]$", text)
        and not _marker(text)
        and not DROP_LINE_RE.match(text)
        and not NAME_START_RE.match(text)
        and not NOT_TITLE_RE.match(text)
        and not END_RE.match(text)
        and not CLOSED_RE.search(text)
    )


def title_lines(lines: list[Line], begin: int, end: int) -> dict[int, str]:
    """The lines from `begin` to `end` that read as item titles, by index: a title alone on its
    line, or the first cell of a table row whose other cells are the item's text."""
    candidates = []
    rows: dict[int, str] = {}
    for index in range(begin, end):
        text = lines[index].text
        if "\t" in text:
            cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
            # (A row of headings, "Item | Discussion | Owner", is the table's head.)
            if (
                len(cells) > 1
                and _title_shaped(cells[0])
                and not all(_title_shaped(cell) for cell in cells[1:])
            ):
                rows[index] = cells[0]
            continue
        if not text or not _title_shaped(text):
            continue
        blank_before = index == 0 or not lines[index - 1].text
        if not blank_before and not ends_sentence(_previous_text(lines, index)):
            continue  # a paragraph's wrapped line
        following, after = _next_text(lines, index)
        if not after or re.match(r"^[a-z]", after):
            continue
        candidates.append((index, following))
    if len(rows) >= 2:
        return rows  # a table of items: its rows, not the short lines between them
    found = {index for index, _ in candidates}
    titles: list[int] = []
    for index, following in candidates:
        # One of a run of short lines with no text between them is a menu, not an item.
        if following in found and _title_shaped(lines[following].text):
            continue
        if titles and _previous_text(lines, index) == lines[titles[-1]].text:
            continue
        titles.append(index)
    return {index: lines[index].text for index in titles}


def item_page(lines: list[Line], meeting: Meeting) -> tuple[int, str, str | None] | None:
    """A ModernGov item page: (index of the title line, the title, the agenda item number from
    its "Meeting:" line); the meeting's date and body are taken from that line."""
    for index, line in enumerate(lines):
        marker = ITEM_PAGE_RE.match(line.text)
        if not marker:
            continue
        title_at, title = (index, marker["title"]) if marker["title"] else _next_text(lines, index)
        if ITEM_PAGE_RE.fullmatch(title):
            continue  # the breadcrumb's "Agenda item" above the page's own
        if not title or not _title_shaped(title.rstrip(".")):
            return None
        agenda_item = None
        for following in lines[title_at + 1 : title_at + 12]:
            page = ITEM_PAGE_MEETING_RE.match(following.text)
            if page:
                meeting.date = meeting.date or parse_date(page["date"])
                meeting.body = meeting.body or page["body"].strip()
                agenda_item = page["item"]
                break
        return title_at, title.strip(), agenda_item
    return None
