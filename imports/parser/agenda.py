"""The agenda at the front of a pack: its items, who reports, and the pages each report is on."""

from __future__ import annotations

import re

from imports.parser.document import WARN_AGENDA_GAP, Agenda, AgendaItem, Meeting
from imports.parser.header import apply_label
from imports.parser.patterns import END_RE, PAGES_RE
from imports.parser.tokens import Line, squash


def read_agenda(lines: list[Line], end: int, warnings: list[str]) -> Agenda | None:
    """The agenda before line index `end` (where the minutes start), if the pack has one."""
    begin = None
    for index in range(end):
        if re.fullmatch(r"agenda", lines[index].text.strip(" :"), re.I):
            begin = index
            break
    if begin is None:
        return None
    agenda = Agenda(meeting=_agenda_meeting(lines[:begin]), line=lines[begin].no)
    current: AgendaItem | None = None
    for line in lines[begin + 1 : end]:
        text = line.text
        if not text or re.fullmatch(r"(?:item\s+)?\d+[a-z]?", text, re.I):
            continue
        if END_RE.match(text) and current is not None:
            break
        if re.match(r"^item\s*\t", text, re.I) or re.fullmatch(
            r"item\s+report\s+by", text.replace("\t", " "), re.I
        ):
            continue
        match = re.match(r"^(?P<num>\d{1,3}[a-z]?)\.?\s+(?P<title>[A-Za-z'‘’\"“(].*)$", text)
        expected = str(int(re.sub(r"\D", "", current.number)) + 1) if current else None
        if match and (current is None or match["num"] == expected):
            current = _agenda_item(match["num"], match["title"], line.no)
            agenda.items.append(current)
            continue
        if match and current is not None and match["num"].isdigit():
            number = int(match["num"])
            previous = int(re.sub(r"\D", "", current.number) or 0)
            if previous + 1 < number <= previous + 3 and len(match["title"]) < 150:
                warnings.append(
                    WARN_AGENDA_GAP.format(line=line.no, number=number, previous=previous)
                )
                current = _agenda_item(match["num"], match["title"], line.no)
                agenda.items.append(current)
                continue
        if current is not None:
            report_by = re.match(
                r"^(?:report\s+(?:of|by)|presented\s+by|lead\s+officer)\s*:?\s+(?P<who>.+)$",
                text,
                re.I,
            )
            if report_by and not current.report_by:
                current.report_by = report_by["who"].strip(" .")
            current.description = squash(f"{current.description} {text}")
    return agenda if agenda.items else None


def _agenda_meeting(lines: list[Line]) -> Meeting:
    """The meeting the agenda's front page names ("Meeting of …", "Date:", "Venue:")."""
    meeting = Meeting()
    for line in lines:
        text = line.text
        labelled = re.match(
            r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location|meeting)"
            r"\s*:\s*(?P<value>.+)$",
            text,
            re.I,
        )
        if labelled:
            apply_label(meeting, labelled["key"].lower(), labelled["value"])
            meeting.lines.append(line.no)
            continue
        heading = re.match(r"^meeting\s+of\s+(?:the\s+)?(?P<body>.+)$", text, re.I)
        if heading and not meeting.body:
            meeting.body = heading["body"].strip(" .")
            meeting.lines.append(line.no)
    return meeting


def _agenda_item(number: str, title: str, line: int) -> AgendaItem:
    """One agenda line: the title, and the report's author and pages in its columns."""
    columns = [c.strip() for c in title.split("\t")]
    title, report_by = columns[0], None
    page_start = page_end = None
    for column in columns[1:]:
        pages = PAGES_RE.fullmatch(column)
        if pages:
            page_start, page_end = int(pages["a"]), int(pages["b"] or pages["a"])
        elif column:
            report_by = column
    pages = PAGES_RE.search(title)
    if pages and page_start is None:
        page_start, page_end = int(pages["a"]), int(pages["b"] or pages["a"])
        title = title[: pages.start()].strip()
    # 2020 City papers fuse the page label "Item N" into the title.
    title = squash(re.sub(rf"\s*\bItem\s+{re.escape(number)}\b\s*", " ", title))
    return AgendaItem(
        number=number,
        title=title,
        line=line,
        report_by=report_by,
        page_start=page_start,
        page_end=page_end,
    )
