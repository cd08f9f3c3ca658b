"""Who was there: the PRESENT / IN ATTENDANCE / APOLOGIES sections, names run together on one
line, apologies recorded inside a minute, and the party each person's role speaks for."""

from __future__ import annotations

import re

from imports.parser.classification import party_of_role
from imports.parser.document import Attendee, MinuteItem
from imports.parser.patterns import (
    APOLOGIES_RE,
    DASH_SPLIT_RE,
    HONORIFIC_RE,
    HONORIFIC_SPLIT_RE,
    ROLE_IN_BRACKETS_RE,
    SECTION_RE,
    SENTENCE_SPLIT_RE,
)
from imports.parser.tokens import Line


def read_attendees(lines: list[Line]) -> list[Attendee]:
    """The attendance sections in `lines` (from the heading to the first minute)."""
    attendees: list[Attendee] = []
    capacity: str | None = None
    for line in lines:
        text = line.text
        if not text:
            continue
        section = SECTION_RE.match(text)
        if section:
            capacity = _capacity_of(section["head"])
            text = section["rest"].strip()
            if not text:
                continue
        if capacity is None:
            continue
        pieces = _apology_names(text) if capacity == "apologies" else split_people(text)
        for piece in pieces:
            attendee = attendee_from(piece, capacity, line.no)
            if attendee is not None:
                attendees.append(attendee)
    return attendees


def people_of(attendees: list[Attendee]) -> dict[str, str | None]:
    """Each attendee's name (and surname) and the party their role speaks for, to tell who
    gave an undertaking."""
    people = {a.name: party_of_role(a.role) for a in attendees}
    for a in attendees:
        # "Grace Strong – Performance Manager, OPCC" is also "Grace Strong" in actions.
        surname = a.name.split()[-1] if a.name.split() else ""
        people.setdefault(surname, party_of_role(a.role))
    return people


def apologies_in(item: MinuteItem, body: list[Line]) -> list[Attendee]:
    """Apologies recorded in a minute's text ("Apologies were received from …")."""
    found = []
    for text in [item.preamble, *item.narrative, *(p.text for p in item.points)]:
        for sentence in SENTENCE_SPLIT_RE.split(text):
            apologies = APOLOGIES_RE.search(sentence)
            if not apologies or re.search(r"\bno\s+apologies\b", sentence, re.I):
                continue
            line = next((b.no for b in body if sentence[:30] in b.text), item.line)
            for name in _apology_names(apologies["names"]):
                found.append(Attendee(name, "apologies", None, line))
    return found


def split_people(text: str) -> list[str]:
    """Names run together on one line: split before honorifics, on tabs, and on 'Name – Role'
    pairs where the role runs into the next name."""
    pieces: list[str] = []
    for column in re.split(r"\t+|\s{3,}", text):
        column = column.strip()
        if not column:
            continue
        dashes = DASH_SPLIT_RE.split(column)
        if len(dashes) > 2:
            pieces.extend(_split_name_role_chain(dashes))
            continue
        if len(dashes) == 2:
            pieces.append(column)
            continue
        pieces.extend(p.strip() for p in HONORIFIC_SPLIT_RE.split(column) if p.strip())
    return pieces


def _split_name_role_chain(parts: list[str]) -> list[str]:
    """["Lord Bach", "PCC Kirk Master", "Deputy PCC Simon Cole", "Chief Constable"] →
    ["Lord Bach – PCC", "Kirk Master – Deputy PCC", "Simon Cole – Chief Constable"]."""
    people = []
    name = parts[0].strip()
    for middle in parts[1:-1]:
        tokens = middle.split()
        take = 2 if len(tokens) > 2 else max(len(tokens) - 1, 1)
        if len(tokens) > take and HONORIFIC_RE.match(tokens[-take - 1]):
            take += 1
        role, next_name = " ".join(tokens[:-take]), " ".join(tokens[-take:])
        people.append(f"{name} – {role}")
        name = next_name
    people.append(f"{name} – {parts[-1].strip()}")
    return people


def attendee_from(piece: str, capacity: str, line: int) -> Attendee | None:
    piece = piece.strip(" ,;.")
    if not piece or len(piece) > 200:
        return None
    role: str | None = None
    dash = DASH_SPLIT_RE.split(piece, maxsplit=1)
    if len(dash) == 2:
        piece, role = dash[0].strip(), dash[1].strip()
    bracket = ROLE_IN_BRACKETS_RE.search(piece)
    if bracket:
        role = bracket["role"].strip()
        piece = piece[: bracket.start()].strip()
        if re.fullmatch(r"in\s+the\s+chair", role, re.I):
            role = "Chair"
    if not piece or not re.search(r"[A-Za-z]", piece):
        return None
    return Attendee(name=piece, capacity=capacity, role=role or None, line=line)


def _capacity_of(head: str) -> str:
    head = head.lower()
    if head.startswith("apolog"):
        return "apologies"
    if "attendance" in head or head.startswith("also") or head.startswith("officers"):
        return "in attendance"
    return "present"


def _apology_names(text: str) -> list[str]:
    names = re.split(r",\s*|\s+and\s+|;\s*", text)
    return [n.strip(" .") for n in names if n.strip(" .") and len(n) < 80]
