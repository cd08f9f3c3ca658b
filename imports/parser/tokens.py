"""The text as numbered, cleaned lines, and the small readings of words the other modules share:
dates, clock times, whether a sentence has ended."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from imports.parser.document import WARN_CONTROL_CHARS
from imports.parser.patterns import (
    CLOCK,
    DANGLING_RE,
    DATE_RE,
    GLUE_RE,
    MERIDIEM,
    MID_RESOLVED_RE,
    MONTHS,
    NOISE_RE,
    NUMERIC_DATE_RE,
    TIME_24_RE,
    TIME_RANGE_RE,
    TIME_RE,
    WELSH_HINT_RE,
    WELSH_MARKER_RE,
    WELSH_WORDS,
)

OCR_NUMBER_RE = re.compile(r"^(?=[0-9lIO]*\d)[0-9lIO]{2,4}(?=[.:]?\s)")
OCR_DIGITS = str.maketrans("lIO", "110")
OCR_CONFUSED = frozenset("0123456789lIO")
# "Reso lved", "RESOL VED": the word broken by OCR (a space inside it, never the whole word).
OCR_RESOLVED_RE = re.compile(r"^r ?e ?s ?o ?l ?v ?e ?d(?=\W|$)(?<! )", re.I)
# Cheap test for what NOISE_RE removes.
NOISE_HINT_RE = re.compile(r"pdf|<|\*\*|\\hfill|[□☐]", re.I)


@dataclass
class Line:
    """One cleaned line and its number in the source (1-based, as `cat -n` prints it)."""

    no: int
    text: str


SPACES_RE = re.compile(r"[ \f\v\r]+")
ODD_CHARACTERS = str.maketrans({"\u00a0": " ", "\u200b": "", "\ufeff": ""})


def clean_line(text: str, *, bilingual: bool = False) -> str:
    """Strip markup and web-page noise; keep the words as printed. (Each step runs only on a
    line that may need it: the parser reads thousands of lines a second.)"""
    if not text.isascii():
        text = text.translate(ODD_CHARACTERS).replace("\ufb01", "fi").replace("\ufb02", "fl")
    if NOISE_HINT_RE.search(text):
        for pattern in NOISE_RE:
            text = pattern.sub(" ", text)
    if "hat" in text:
        text = GLUE_RE.sub(r"\1 \2", text)
    text = SPACES_RE.sub(" ", text).strip(" \t")
    broken = OCR_RESOLVED_RE.match(text) if text[:1] in "Rr" else None
    if broken and " " in broken.group():
        text = "RESOLVED" + text[broken.end() :]
    if text[:1] in OCR_CONFUSED:
        # OCR reads a heading's "10." as "1O." or "l0.": a number's letters read back as digits.
        text = OCR_NUMBER_RE.sub(lambda m: m.group().translate(OCR_DIGITS), text)
    return WELSH_MARKER_RE.sub("", text) if bilingual else text


def lines_of(text: str, warnings: list[str]) -> list[Line]:
    """The text as cleaned lines, each keeping its source line number."""
    if re.search(r"[\x00-\x08\x0e-\x1b]", text):
        warnings.append(WARN_CONTROL_CHARS)
        text = re.sub(r"[\x00-\x08\x0e-\x1b]", " ", text)
    lines: list[Line] = []
    bilingual = len(WELSH_HINT_RE.findall(text, 0, 200_000)) >= 5
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = clean_line(raw, bilingual=bilingual)
        if bilingual:
            # "Welsh / English" keeps its English; a Welsh line alone has its English nearby.
            first, _, rest = cleaned.partition(" / ")
            if rest and welsh(first) and not welsh(rest.split(" / ")[0]):
                cleaned = rest
            elif welsh(cleaned):
                cleaned = ""
        # PDF text glues a RESOLVED heading onto the line before it.
        parts = (
            MID_RESOLVED_RE.split(cleaned)
            if "RESOLVED" in cleaned or "Decision" in cleaned or "AGREED" in cleaned
            else [cleaned]
        )
        for part in parts:
            lines.append(Line(number, part.strip()))
    return lines


def welsh(text: str) -> bool:
    """Whether `text` is mostly Welsh (a half of "Welsh / English" is judged on its own)."""
    if " / " in text:
        return all(welsh(half) for half in text.split(" / "))
    words = re.findall(r"[a-zâêîôûŵŷ'’-]+", text.lower())
    if not words:
        return False
    hits = sum(word.replace("’", "'") in WELSH_WORDS for word in words)
    return (
        hits >= 2 and hits * 4 >= len(words) or hits >= 1 and len(words) <= 2 and hits == len(words)
    )


def squash(text: str) -> str:
    """Runs of white space (new lines included) as one space."""
    return " ".join(text.split())


def parse_date(text: str) -> datetime.date | None:
    for match in DATE_RE.finditer(text):
        try:
            return datetime.date(
                int(match["year"]), MONTHS[match["month"].lower()], int(match["day"])
            )
        except (ValueError, KeyError):
            continue
    for match in NUMERIC_DATE_RE.finditer(text):
        try:
            return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None


def clock(value: str, meridiem: str | None) -> datetime.time | None:
    parts = re.split(r"[.:]", value)
    try:
        hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return None
    mer = (meridiem or "").lower().replace(".", "")
    if mer == "pm" and hour < 12:
        hour += 12
    elif mer == "am" and hour == 12:
        hour = 0
    elif mer == "noon":
        hour, minute = 12, 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return datetime.time(hour, minute)


def clock_only(text: str) -> datetime.time | None:
    match = re.match(rf"({CLOCK})\s*({MERIDIEM})?", text.strip(), re.I)
    return clock(match.group(1), match.group(2)) if match else None


def parse_time(text: str) -> datetime.time | None:
    """The first clock time in `text`: "2.00 pm", "1:00pm", "2pm", "16:58"."""
    match = TIME_RE.search(text)
    if match:
        return clock(match["clock"], match["mer"])
    match = TIME_24_RE.search(text)
    if match:
        return clock(f"{match['h']}:{match['m']}", None)
    return None


def parse_time_range(text: str) -> tuple[datetime.time, datetime.time] | None:
    """ "2.00 - 2.57 pm" → (14:00, 14:57); the start takes the end's am/pm unless it would
    come after the end ("11.00 - 1.30 pm" starts in the morning)."""
    match = TIME_RANGE_RE.match(text)
    if not match:
        return None
    end = clock(match["end"], match["emer"])
    start = clock(match["start"], match["smer"] or match["emer"])
    if start and end and start > end and not match["smer"]:
        start = clock(match["start"], "am")
    if start is None or end is None:
        return None
    return start, end


def ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:;!?)”\"']\s*$", text))


def dangling(text: str) -> bool:
    """A paragraph cut off mid-sentence by a page break: "… working with"."""
    return bool(DANGLING_RE.search(text.rstrip()[-16:]))  # the last word decides
