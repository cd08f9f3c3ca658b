"""The minutes cut into numbered items: each heading accepted in sequence (with a warning for a
gap or a heading out of order), the end of the minutes, and checks on the clause labels."""

from __future__ import annotations

import re

from imports.parser.attendees import apologies_in, people_of
from imports.parser.document import (
    WARN_LABEL_GAP,
    WARN_LABEL_REPEATED,
    WARN_NUMBER_GAP,
    WARN_OUT_OF_SEQUENCE,
    Attendee,
    Meeting,
    MinuteItem,
)
from imports.parser.headings import heading_at, number_value, strong_heading, title_of
from imports.parser.item_body import read_item_body
from imports.parser.patterns import (
    CLOSED_RE,
    DOCUMENTS_RE,
    END_RE,
    HEADING_AGENDA_RE,
    MINUTES_MARKER_RE,
)
from imports.parser.tokens import (
    Line,
    clock_only,
    ends_sentence,
    parse_time,
    parse_time_range,
    squash,
)


def read_items(
    lines: list[Line],
    first: int,
    meeting: Meeting,
    attendees: list[Attendee],
    warnings: list[str],
    titles: dict[int, str] | None = None,
) -> list[MinuteItem]:
    """The items from line index `first` to the end of the minutes, each with its body read:
    at each numbered heading, or (`titles`) at each of those lines, with no number.
    Apologies recorded inside an item are added to `attendees`; the end time to `meeting`."""
    people = people_of(attendees)
    items: list[MinuteItem] = []
    bodies: list[list[Line]] = []
    index = first
    previous: int | None = None
    in_documents = False
    while index < len(lines):
        line = lines[index]
        text = line.text
        # A web page lists an item's papers ("Additional documents:") before its "Minutes:".
        if DOCUMENTS_RE.match(text):
            in_documents = True
        elif in_documents and MINUTES_MARKER_RE.match(text):
            in_documents = False
        if text and items and not in_documents and _end_of_minutes(text, meeting):
            break
        if titles is not None:
            if index in titles:
                items.append(_item(None, titles[index], line.no))
                bodies.append([Line(line.no, cell) for cell in _cells(text)[1:]])
                in_documents = False
                index += 1
                continue
            found = None
        else:
            expected = previous + 1 if previous is not None else None
            found = heading_at(lines, index, expected) if text else None
        if found is not None:
            number, title, last = found
            value = number_value(number)
            # A sub-item ("6(a)") follows its item (or another sub-item) of the same number.
            sub_item = number.endswith(")") and value == previous
            if sub_item or _accepted(line, value, previous, title, warnings):
                items.append(_item(number, title, line.no))
                # A table row ("40/22 | Apologies | Apologies were received … | OPCC"): the
                # cells after the title are the item's text.
                bodies.append([Line(line.no, cell) for cell in _cells(title)[1:]])
                previous = value
                in_documents = False
                index = last + 1
                continue
        if bodies and not in_documents:
            if "\t" in text:
                bodies[-1].extend(Line(line.no, cell) for cell in _cells(text))
            else:
                bodies[-1].append(line)
        index += 1
    for item, body in zip(items, bodies, strict=True):
        read_item_body(item, body, people, warnings)
        attendees.extend(apologies_in(item, body))
    return items


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.split("\t") if cell.strip()]


def _accepted(
    line: Line, value: int, previous: int | None, title: str, warnings: list[str]
) -> bool:
    """Whether a heading numbered `value` starts the next item after minute `previous`: the
    next number, or a small gap (warned of); a strong heading out of order is warned of and
    read as text."""
    if previous is None or value == previous + 1:
        return True
    if (
        previous + 1 < value <= previous + 3
        and len(title) <= 120
        and not ends_sentence(title.rstrip("."))
    ):
        missing = ", ".join(str(n) for n in range(previous + 1, value))
        warnings.append(
            WARN_NUMBER_GAP.format(line=line.no, number=value, previous=previous, missing=missing)
        )
        return True
    if value <= previous and strong_heading(title):
        warnings.append(
            WARN_OUT_OF_SEQUENCE.format(
                line=line.no, text=line.text[:60], number=value, previous=previous
            )
        )
    return False


def _item(number: str | None, title: str, line: int) -> MinuteItem:
    item = MinuteItem(number=number, title=title_of(title), line=line)
    agenda_ref = HEADING_AGENDA_RE.search(item.title)
    if agenda_ref:
        item.agenda_item = agenda_ref["n"]
        item.title = squash(item.title[: agenda_ref.start()] + " " + item.title[agenda_ref.end() :])
    return item


def _end_of_minutes(text: str, meeting: Meeting) -> bool:
    """A time range ("2.00 - 2.57 pm"), the Chair's signature or "The meeting closed at …"."""
    times = parse_time_range(text)
    if times:
        meeting.start_time = meeting.start_time or times[0]
        meeting.end_time = times[1]
        return True
    if END_RE.match(text):
        return True
    closed = CLOSED_RE.search(text)
    if closed:
        meeting.end_time = parse_time(closed["time"]) or clock_only(closed["time"])
        return True
    return False


def check_labels(items: list[MinuteItem], warnings: list[str]) -> None:
    """Warn of a clause label used twice in a minute, or a gap in lettered clauses."""
    for item in items:
        labels = [r.label for r in item.resolutions if r.label]
        seen: set[str] = set()
        for label in labels:
            if label in seen:
                warnings.append(WARN_LABEL_REPEATED.format(number=item.number, label=label))
            seen.add(label)
        letters = [lab for lab in labels if re.fullmatch(r"\([a-z]\)", lab)]
        for before, after in zip(letters, letters[1:], strict=False):
            if after != before and ord(after[1]) != ord(before[1]) + 1:
                warnings.append(
                    WARN_LABEL_GAP.format(number=item.number, label=after, previous=before)
                )
