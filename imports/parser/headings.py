"""What a minute heading looks like: "12. Minutes of the last meeting", "Minute 45/24 …", or a
number on its own line with the title on the next (ModernGov pages)."""

from __future__ import annotations

import re

from imports.parser.patterns import (
    BARE_NUMBER_RE,
    HEADING_RE,
    HONORIFICS,
    MONTH_START_RE,
    RESOLVED_RE,
    TIMESTAMP_EVENT_RE,
)
from imports.parser.tokens import Line, ends_sentence, squash, welsh


def heading(text: str) -> re.Match[str] | None:
    """The HEADING_RE match if `text` reads as a minute heading rather than a sentence, a date
    or a timestamped event ("2.40pm Cllr X left")."""
    match = HEADING_RE.match(text)
    if not match:
        return None
    title = match["title"].strip()
    if re.match(r"^(?:that|it\s+was)\b", title, re.I) or MONTH_START_RE.match(title):
        return None
    if re.fullmatch(r"(?:19|20)\d\d", match["num"]) and not match["slash"] and title[:1].islower():
        return None  # a date wrapped onto its own line: "2024 at 10.30 am in …"
    if len(title.split("\t")[0]) > 250 or TIMESTAMP_EVENT_RE.match(text):
        return None
    if match["open"] and (ends_sentence(title) or len(title) > 120):
        return None  # "(1) Supports the proposed precept …;" is a clause, not an item
    return match


def number_value(number: str) -> int:
    """The running number of a minute: 45 for "45" and "45/24", 15 for "PFCP/24/15"."""
    coded = re.fullmatch(r"[A-Za-z]+(?:/\d+/|\s+)(\d+)(?:\([a-z]\))?", number)
    return int(coded.group(1) if coded else re.match(r"\d+", number).group())  # type: ignore[union-attr]


def heading_at(lines: list[Line], index: int, expected: int | None) -> tuple[str, str, int] | None:
    """(number, title, index of the last heading line) if a minute heading starts here."""
    text = lines[index].text
    match = heading(text)
    if match:
        return match["num"] + (match["slash"] or ""), match["title"].strip(), index
    bare = BARE_NUMBER_RE.match(text)
    if bare and (
        expected is None or number_value(bare["num"]) == expected or bare["num"].endswith(")")
    ):
        # ModernGov pages print the number on its own line, the title on the next.
        following = index + 1
        while following < len(lines) and not lines[following].text:
            following += 1
        if following < len(lines):
            title = lines[following].text
            if (
                re.match(r"^[A-Z'‘\"“]", title)
                and len(title) < 200
                and not re.match(r"^(?:that|it\s+was)\b", title, re.I)
                and not RESOLVED_RE.match(title)
            ):
                return bare["num"] + (bare["slash"] or ""), title, following
    return None


def find_first_item(lines: list[Line], begin: int) -> int | None:
    """The index of the first minute heading from `begin` (a line of names is not one)."""
    for index in range(begin, len(lines)):
        text = lines[index].text
        if not text:
            continue
        match = heading(text)
        if match:
            title = match["title"]
            if len(title) < 200 and not _looks_like_names(title):
                return index
        elif BARE_NUMBER_RE.match(text) and heading_at(lines, index, None):
            return index
    return None


def title_of(title: str) -> str:
    """The heading's title without the tab-separated columns printed after it, and the English
    half of a bilingual one."""
    columns = [c.strip() for c in title.split("\t") if c.strip()]
    title = columns[0] if columns else title
    halves = title.split(" / ")
    if len(halves) == 2 and welsh(halves[0]) and not welsh(halves[1]):
        title = halves[1]
    return squash(title)


def strong_heading(title: str) -> bool:
    """Short, and in capitals or not a sentence: out of sequence, it earns a warning."""
    return len(title) < 80 and (title.isupper() or not ends_sentence(title.rstrip(".")))


def _looks_like_names(title: str) -> bool:
    return bool(re.match(rf"^(?:{HONORIFICS})\s", title))
