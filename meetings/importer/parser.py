"""Parse Police and Crime Panel minutes, or a whole agenda pack that contains them, from text.

Pure Python: no Django, no database. `parse(text)` returns a `ParsedDocument` whose parts keep
the line numbers (1-based, as `cat -n` prints them) they were read from, so a reviewer can check
every extracted point, clause and action against the source.

The shapes handled are described in /work/shared/domain.md §3 (the 2024 County and 2020 City
templates) and generalised to what other secretariats print: ModernGov web pages saved as text
("PDF 238 KB"), numbered paragraphs run into their text ("2.1.1That …"), "UNANIMOUSLY RESOLVED",
"RESOLVED –" or "Resolved:" inline or on its own line, resolutions with no heading, lettered
lists that are points noted rather than resolutions, and PDF text with glued words. Oddities
become `warnings`; the parser never raises on any text.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# Result types


@dataclass
class Meeting:
    body: str | None = None
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    venue: str | None = None
    lines: list[int] = field(default_factory=list)


@dataclass
class Attendee:
    name: str
    capacity: str  # "present", "in attendance" or "apologies"
    role: str | None
    line: int


@dataclass
class Point:
    label: str
    text: str
    lines: list[int]


@dataclass
class Resolution:
    label: str
    text: str
    kind: str  # one of meetings.models.Resolution.Kind values
    category: str  # "procedural", "request" or "internal"
    addressee: str | None  # ADDRESSEES or None
    trackable: bool
    lines: list[int]


@dataclass
class Action:
    """An undertaking outside the RESOLVED clauses: a suggestion for staff to confirm."""

    text: str
    addressee: str | None
    lines: list[int]
    source: str  # "action_line" ("Action: …") or "undertaking" (in a point or narrative)
    duplicates: str | None = None  # label of a resolution of the same minute it repeats


@dataclass
class MinuteItem:
    number: str
    title: str
    line: int
    agenda_item: str | None = None  # "marked 'Agenda Item 5'" → "5"
    preamble: str = ""
    points: list[Point] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)


@dataclass
class AgendaItem:
    number: str
    title: str
    line: int
    report_by: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    description: str = ""


@dataclass
class Agenda:
    meeting: Meeting
    items: list[AgendaItem] = field(default_factory=list)
    line: int = 0


@dataclass
class ParsedDocument:
    meeting: Meeting
    attendees: list[Attendee] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    agenda: Agenda | None = None
    warnings: list[str] = field(default_factory=list)
    minutes_line: int | None = None
    page_count: int = 1


PCC = "PCC"
OPCC = "OPCC"
CHIEF_CONSTABLE = "Chief Constable"
PANEL = "panel"
ADDRESSEES = (PCC, OPCC, CHIEF_CONSTABLE, PANEL)

# Resolution kinds: the values of meetings.models.Resolution.Kind (kept as strings here so the
# parser stays free of Django).
CONFIRM_MINUTES = "confirm_minutes"
NOTE = "note"
APPROVE = "approve"
ENDORSE = "endorse"
ELECT = "elect"
DATE_NOTED = "date_noted"
REQUEST_RESPONSE = "request_response"
REQUEST_INFORMATION = "request_information"
REFER_COMMENTS = "refer_comments"
WRITE_LETTER = "write_letter"
SCHEDULE_UPDATE = "schedule_update"
RECOMMENDATION = "recommendation"
OTHER = "other"

PROCEDURAL_KINDS = frozenset({CONFIRM_MINUTES, NOTE, APPROVE, ENDORSE, ELECT, DATE_NOTED})
REQUEST_KINDS = frozenset(
    {REQUEST_RESPONSE, REQUEST_INFORMATION, REFER_COMMENTS, SCHEDULE_UPDATE, RECOMMENDATION}
)

WARN_NO_MINUTES = "No numbered minute items were found: is this a set of minutes?"
WARN_NO_DATE = "The date of the meeting was not found."
WARN_NUMBER_GAP = "Line {line}: minute {number} follows minute {previous}; {missing} is missing."
WARN_OUT_OF_SEQUENCE = (
    "Line {line}: “{text}” looks like minute {number} but follows minute {previous}; read as text."
)
WARN_LABEL_REPEATED = "Minute {number}: resolution label {label} is used twice."
WARN_LABEL_GAP = "Minute {number}: resolution {label} follows {previous}."
WARN_EMPTY_RESOLVED = "Line {line}: RESOLVED is followed by no resolution in minute {number}."
WARN_NO_HEADING = "No “Minutes of …” heading was found; the whole text was read as minutes."
WARN_AGENDA_GAP = "Line {line}: agenda item {number} follows item {previous}."
WARN_CONTROL_CHARS = (
    "The text contains control characters (is it a binary file?); they were ignored."
)

# ---------------------------------------------------------------------------------------------
# Patterns

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
DATE_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s*(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b",
    re.I,
)
NUMERIC_DATE_RE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b")
_CLOCK = r"\d{1,2}(?:[.:]\d{2})?"
_MERIDIEM = r"(?:a\.?m\.?|p\.?m\.?|noon)"
TIME_RE = re.compile(rf"\b(?P<clock>{_CLOCK})\s*(?P<mer>{_MERIDIEM})(?![a-z])", re.I)
TIME_24_RE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b")
TIME_RANGE_RE = re.compile(
    rf"^\s*(?P<start>{_CLOCK})\s*(?P<smer>{_MERIDIEM})?\s*(?:-|–|—|to)\s*"
    rf"(?P<end>{_CLOCK})\s*(?P<emer>{_MERIDIEM})\.?\s*$",
    re.I,
)
CLOSED_RE = re.compile(
    rf"\b(?:meeting|panel)\s+(?:closed|ended|finished|concluded|rose)\s+at\s+"
    rf"(?P<time>{_CLOCK}\s*{_MERIDIEM}?)",
    re.I,
)
MINUTES_HEADER_RE = re.compile(
    r"^(?:draft\s+|confirmed\s+)?minutes\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?meeting\b", re.I
)
MINUTES_TITLE_ONLY_RE = re.compile(r"^(?:draft\s+)?minutes$", re.I)
HELD_RE = re.compile(r"^held\s*:?\s*(?P<rest>.+)$", re.I)
HEADING_RE = re.compile(
    r"^(?:(?:minute|min\.?)\s*(?:no\.?\s*)?)?(?P<num>\d{1,4})(?P<slash>/\d{2,4})?"
    r"(?:[.:]\s*|\s+)(?P<title>[A-Za-z'‘’\"“(].*)$",
    re.I,
)
BARE_NUMBER_RE = re.compile(
    r"^(?:(?:minute|min\.?)\s*)?(?P<num>\d{1,4})(?P<slash>/\d{2,4})?\.?$", re.I
)
MONTH_START_RE = re.compile(rf"^{_MONTH}\b\.?,?\s*\d{{2,4}}", re.I)
RESOLVED_RE = re.compile(
    r"^(?P<lead>(?:it\s+was\s+)?(?:unanimously\s+)?(?:resolved|agreed|decided)"
    r"(?:\s*\(unanimously\)|\s+unanimously)?)"
    r"(?P<sep>\s*[:\-–—.,]?)\s*(?P<rest>.*)$",
    re.I,
)
MID_RESOLVED_RE = re.compile(r"(?<=[a-z.;:,)])\s*(?=(?:UNANIMOUSLY\s+)?RESOLVED\s*[:\-–—])")
LABEL_RE = re.compile(
    r"^(?P<label>\((?:[a-zA-Z]{1,2}|[ivxlIVXL]{1,6}|\d{1,2})\)"
    r"|(?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)"
    r"|\d{1,2}(?:\.\d{1,2}){0,3}\.(?=\s|[A-Z])"
    r"|\d{1,2}(?:\.\d{1,2}){1,3}(?=\s|[A-Z])"
    r"|[a-z]\.(?=\s))"
    r"\s*(?P<rest>.*)$"
)
ACTIONS_HEADING_RE = re.compile(r"^(?:actions?(?:\s+(?:agreed|arising|points?))?)\s*:?$", re.I)
BULLET_RE = re.compile(r"^(?:[-–•▪●◦·*➤]|o(?=\s))\s+(?P<rest>.*)$")
ACTION_LINE_RE = re.compile(
    r"^(?:action(?:\s+point)?s?|actions?\s+agreed)\s*[:\-–]\s*(?P<rest>.+)$", re.I
)
AGENDA_MARKER_RE = re.compile(r"marked\s+['‘’\"“]?agenda\s+item\s+(?P<n>\d+[a-z]?)", re.I)
HEADING_AGENDA_RE = re.compile(r"\s*\(?\bagenda\s+item\s+(?P<n>\d+[a-z]?)\)?\s*", re.I)
PAGES_RE = re.compile(r"\(?\s*pages?\s+(?P<a>\d+)(?:\s*[-–]\s*(?P<b>\d+))?\s*\)?", re.I)
TIMESTAMP_EVENT_RE = re.compile(
    rf"^(?:at\s+)?{_CLOCK}\s*{_MERIDIEM}?,?\s+.*\b(?:left|joined|arrived|returned|rejoined)\b",
    re.I,
)
NOISE_RE = [
    re.compile(r"\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b", re.I),
    re.compile(r"</?(?:u|i|b|p|em|strong|sup|sub|span|div|br|ul|ol|li)\b[^>]*>", re.I),
    re.compile(r"\$\\hfill\\square\$"),
    re.compile(r"\*\*"),
    re.compile(r"[□☐]"),
]
DROP_LINE_RE = re.compile(
    r"^(?:page\s*\|?\s*\d+(?:\s+of\s+\d+)?|item\s+\d+[a-z]?|agenda\s+item\s+\d+[a-z]?|"
    r"additional\s+documents:?|minutes:|view\s+the\s+(?:background|reasons?)\b.*|"
    r"this\s+page\s+is\s+intentionally\s+left\s+blank\.?)$",
    re.I,
)
END_RE = re.compile(
    r"^(?:chairman|chair|chairperson|chair\s+of\s+the\s+panel|signed\b.*|"
    r"this\s+page\s+is\s+intentionally\s+left\s+blank\.?|minute\s+item\s+\d+|"
    r"appendix\b.*|annex\b.*)$",
    re.I,
)
GLUE_RE = re.compile(r"\b(That|that)(the|a|an|this|these|members|officers|it)\b")
POINTS_LEAD_RE = re.compile(
    r"(?:following\s+(?:points|comments|matters|issues|questions|observations)"
    r"|points\s+(?:were\s+)?(?:noted|made|raised)"
    r"|noted\s+(?:key\s+points\s+)?that|noting\s+the\s+following|included\s+the\s+following"
    r"|as\s+follows|\b(?:raised|made|noted|discussed|commented|asked|queried)\b[^.]*:$)",
    re.I,
)
HONORIFICS = (
    r"Cllr\.?|Councillor|County\s+Councillor|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Lord|Lady|Baroness|Sir|"
    r"Dame|Professor|Prof\.?|Rev\.?|Revd\.?|Canon|Chief\s+Constable|DCC|ACC|Supt\.?|Insp\.?"
)
HONORIFIC_SPLIT_RE = re.compile(rf"\s+(?=(?:{HONORIFICS})\s)")
HONORIFIC_RE = re.compile(rf"^(?:{HONORIFICS})$", re.I)
ROLE_IN_BRACKETS_RE = re.compile(r"\s*\((?P<role>[^)]*)\)\s*$")
DASH_SPLIT_RE = re.compile(r"\s+[–—-]\s+")
APOLOGIES_RE = re.compile(
    r"apologies\s+(?:for\s+absence\s+)?(?:were\s+)?(?:received|submitted|given|noted)?"
    r"\s*(?:and\s+accepted\s+)?(?:from|on\s+behalf\s+of)\s*:?\s*(?P<names>.+?)\.?$",
    re.I,
)
SECTION_RE = re.compile(
    r"^(?P<head>present|members\s+present|in\s+attendance|also\s+(?:present|in\s+attendance)|"
    r"officers\s+(?:present|in\s+attendance)|apologies(?:\s+for\s+absence)?|apologies\s+received)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.I,
)

# Parties, checked in this order (OPCC before PCC, as "Office of the PCC" contains "PCC").
PARTY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        OPCC,
        re.compile(
            r"\b(?:opcc|oppc|office\s+of\s+the\s+(?:police\s+and\s+crime\s+)?commissioner|"
            r"deputy\s+(?:police\s+and\s+crime\s+commissioner|pcc)|dpcc|officers?)\b",
            re.I,
        ),
    ),
    (
        CHIEF_CONSTABLE,
        re.compile(
            r"\b(?:chief\s+constable|the\s+force|police\s+force|constabulary|"
            r"leicestershire\s+police|chief\s+officers?|dcc|acc|supt|superintendent|"
            r"chief\s+inspector|inspector|insp|sergeant|sgt)\b",
            re.I,
        ),
    ),
    (PCC, re.compile(r"\b(?:pcc|police\s+and\s+crime\s+commissioner|commissioner)\b", re.I)),
    (
        PANEL,
        re.compile(
            r"\b(?:panel|chairman|chair|vice-chair(?:man)?|secretariat|democratic\s+services|"
            r"clerk|scrutiny\s+officer|members)\b",
            re.I,
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# Small helpers


@dataclass
class _Line:
    no: int
    text: str


def clean_line(text: str) -> str:
    """Strip markup and web-page noise; keep the words as printed."""
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    for pattern in NOISE_RE:
        text = pattern.sub(" ", text)
    text = GLUE_RE.sub(r"\1 \2", text)
    text = text.replace("\t", "\t")
    return re.sub(r"[ \f\v\r]+", " ", text).strip(" ")


def _strip(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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


def _clock(clock: str, meridiem: str | None) -> datetime.time | None:
    parts = re.split(r"[.:]", clock)
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


def parse_time(text: str) -> datetime.time | None:
    """The first clock time in `text`: "2.00 pm", "1:00pm", "2pm", "16:58"."""
    match = TIME_RE.search(text)
    if match:
        return _clock(match["clock"], match["mer"])
    match = TIME_24_RE.search(text)
    if match:
        return _clock(f"{match['h']}:{match['m']}", None)
    return None


def parse_time_range(text: str) -> tuple[datetime.time, datetime.time] | None:
    """ "2.00 - 2.57 pm" → (14:00, 14:57); the start takes the end's am/pm unless it would
    come after the end ("11.00 - 1.30 pm" starts in the morning)."""
    match = TIME_RANGE_RE.match(text)
    if not match:
        return None
    end = _clock(match["end"], match["emer"])
    start = _clock(match["start"], match["smer"] or match["emer"])
    if start and end and start > end and not match["smer"]:
        start = _clock(match["start"], "am")
    if start is None or end is None:
        return None
    return start, end


def party_of(text: str) -> str | None:
    for party, pattern in PARTY_PATTERNS:
        if pattern.search(text):
            return party
    return None


def _first_party(text: str, exclude: Iterable[str] = ()) -> str | None:
    """The party named earliest in `text`."""
    best: tuple[int, str] | None = None
    for party, pattern in PARTY_PATTERNS:
        if party in exclude:
            continue
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), party)
    return best[1] if best else None


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:;!?)”\"']\s*$", text))


# ---------------------------------------------------------------------------------------------
# Resolution classification


_SUBJECT_RE = re.compile(
    r"^(?:that\s+)?(?P<subject>.+?)\s+(?:be|is|are|should|will|shall|would|to|provide|"
    r"provides|explore|share|submit|write|seek|report|consider|review|investigate|circulate|"
    r"arrange|bring|present|respond|supply|update|ensure|undertake|continue|look|work|give)\b",
    re.I,
)


def classify_resolution(text: str) -> tuple[str, str, str | None, bool]:
    """(kind, category, addressee, trackable) of one RESOLVED clause."""
    low = _strip(text).lower()
    low = re.sub(r"^(?:\(?[a-z0-9.]{1,8}\)\s*|\d+(?:\.\d+)*\.?\s*)", "", low)
    ends_noted = bool(re.search(r"\bbe\s+noted[.,;]?\s*$", low))
    requests = bool(
        re.search(
            r"\b(?:be\s+requested|be\s+asked|be\s+invited|requests?|provide|share|be\s+shared|"
            r"be\s+circulated|circulate|explore|investigate|submit|supply|report\s+back|"
            r"seek|respond|be\s+provided|bring\s+back|be\s+brought\s+back|recommend(?:s|ed)?)\b",
            low,
        )
    )
    kind = OTHER
    if re.search(
        r"minutes\s+of\s+the\b.*\bmeeting\b|^(?:that\s+)?the\s+minutes\b", low
    ) and re.search(
        r"\b(?:confirmed|approved|signed|agreed|accurate|correct\s+record|taken\s+as\s+read)\b",
        low,
    ):
        kind = CONFIRM_MINUTES
    elif re.search(r"\b(?:be\s+)?(?:elected|appointed|re-elected)\b", low) and re.search(
        r"\b(?:chair|chairman|vice|deputy|member|municipal\s+year)", low
    ):
        kind = ELECT
    elif (
        re.search(r"\bnext\s+meeting\b", low)
        and not requests
        and not re.search(r"\b(?:update|report|information|response)\b", low)
    ):
        kind = DATE_NOTED
    elif ends_noted and not re.search(r"\b(?:be\s+requested|be\s+asked|be\s+invited)\b", low):
        kind = NOTE
    elif re.search(
        r"\b(?:update|report|progress\s+report|briefing)\b.*\b(?:be\s+)?(?:provided|brought|"
        r"submitted|presented|considered|made)\s+(?:back\s+)?(?:to|at)\s+(?:the\s+|a\s+)?"
        r"(?:next|future|later|subsequent|panel)",
        low,
    ) or re.search(r"\b(?:be\s+)?(?:brought\s+back|report\s+back)\s+to\s+the\s+panel\b", low):
        kind = SCHEDULE_UPDATE
    elif re.search(
        r"\bletter\b.*\b(?:be\s+)?(?:written|sent)\b|\bwrite\s+(?:a\s+letter\s+)?to\b", low
    ):
        kind = WRITE_LETTER
    elif re.search(
        r"\bpass\s+on\b.*\bcomments\b|\bcomments\b.*\bbe\s+(?:sent|passed|forwarded|fed\s+back|"
        r"referred)\b|\bsummary\s+of\s+the\s+comments\b|\bfeed\s+back\b.*\bcomments\b",
        low,
    ):
        kind = REFER_COMMENTS
    elif re.search(r"\brecommend", low):
        kind = RECOMMENDATION
    elif re.search(
        r"\bwritten\s+response\b|\brespond\b|\bresponse\b.*\bbe\s+(?:submitted|provided)|"
        r"\bconfirmation\b.*\bin\s+writing\b|\bin\s+writing\b",
        low,
    ):
        kind = REQUEST_RESPONSE
    elif requests:
        kind = REQUEST_INFORMATION
    elif re.search(r"\barrangements?\s+be\s+made\b|\bvisit\b|\bbe\s+invited\b", low):
        kind = OTHER
    elif re.search(r"\b(?:approved?|agreed|adopted|accepted|ratified)\b", low):
        kind = APPROVE
    elif re.search(r"\b(?:endorsed?|endorses|supported|supports?|welcomed?|welcomes)\b", low):
        kind = ENDORSE
    elif re.search(r"\bnot(?:ed|e)\b|\breceived\b", low):
        kind = NOTE

    if kind in PROCEDURAL_KINDS:
        return kind, "procedural", None, False
    trackable = kind != OTHER or bool(
        re.search(r"\barrangements?\s+be\s+made\b|\bvisit\b|\bbe\s+requested\b|\bbe\s+asked\b", low)
    )
    addressee = _clause_addressee(low, kind)
    if not trackable:
        return kind, "internal", None, False
    category = "internal" if addressee == PANEL else "request"
    return kind, category, addressee, True


def _clause_addressee(low: str, kind: str) -> str | None:
    """Who must act: the party asked ("That the PCC be requested …"), else the subject."""
    if kind == RECOMMENDATION:
        to = re.search(r"\brecommends?\s+(?:to\s+)?(?:that\s+)?(?P<rest>.{0,80})", low)
        party = _first_party(to["rest"], exclude=(PANEL,)) if to else None
        if party:
            return party
    asked = re.search(
        r"(?P<who>[\w\s']{0,80}?)\s+be\s+(?:requested|asked|invited|recommended)\b", low
    )
    if asked:
        party = party_of(asked["who"].split(" that ")[-1])
        if party:
            return party
    subject = _SUBJECT_RE.match(low)
    if subject:
        party = _first_party(subject["subject"])
        if party:
            return party
    if kind in (WRITE_LETTER, REFER_COMMENTS) or re.search(
        r"\barrangements?\s+be\s+made\b|\bvisit\b", low
    ):
        return PANEL
    return None


# ---------------------------------------------------------------------------------------------
# Undertakings in points and narrative


UNDERTAKING_RE = re.compile(
    r"\bagreed\s+to\s+(?:this|the|that)\s+request\b"
    r"|\bagreed\s+to\s+(?:provide|share|circulate|report|write|look|investigate|consider|arrange|"
    r"contact|review|bring|feed|update|seek|send|explore|lobby)\b"
    r"|\bundert(?:ook|akes?)\s+to\b"
    r"|\b(?:stated|confirmed|advised|said|assured|agreed|promised|explained)\s+(?:\w+\s+)?that\s+"
    r"(?:he|she|they|it|the\s+\w+)\s+would\s+(?:provide|report|contact|share|circulate|write|"
    r"bring|look|arrange|seek|feed|update|send|consider|review|investigate|raise|ensure)\b"
    r"|\bwould\s+be\s+(?:kept\s+updated|provided|circulated|shared|brought\s+back|reported)\b"
    r"|\b(?:chairman|chair|panel|member)\s+(?:requested|asked)\s+that\b"
    r"|\basked\s+(?:officers|the\s+\w+)\s+to\b",
    re.I,
)
_SENTENCE_SPLIT_RE = re.compile(
    r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)"
    r"(?<!\bCllr\.)\s+(?=[A-Z])"
)


def find_undertakings(text: str, lines: list[int], people: dict[str, str | None]) -> list[Action]:
    sentences = _SENTENCE_SPLIT_RE.split(_strip(text))
    actions = []
    for index, sentence in enumerate(sentences):
        if not UNDERTAKING_RE.search(sentence):
            continue
        shown = sentence
        if re.search(r"\b(?:this|the|that)\s+request\b", sentence) and index > 0:
            shown = f"{sentences[index - 1]} {sentence}"
        addressee = _undertaking_addressee(sentence, people)
        back = index - 1
        while addressee is None and back >= 0:
            addressee = _undertaking_addressee(sentences[back], people, passive=True)
            back -= 1
        if actions and shown.startswith(actions[-1].text):
            actions.pop()  # "A member requested X. The PCC agreed to this request." is one
        actions.append(Action(text=shown, addressee=addressee, lines=lines, source="undertaking"))
    return actions


def _named_party(text: str, people: dict[str, str | None]) -> str | None:
    for name, party in people.items():
        if party and name and re.search(rf"\b{re.escape(name)}\b", text):
            return party
    return None


def _undertaking_addressee(
    sentence: str, people: dict[str, str | None], *, passive: bool = False
) -> str | None:
    """Who gave the undertaking: the subject before the verb ("The PCC agreed …"), or for a
    request ("The Chairman requested that …") the party asked; the Panel itself only when it
    is the subject of an active verb."""
    requester = re.search(
        r"\b(?:chairman|chair|panel|member)\s+(?:requested|asked)\b", sentence, re.I
    )
    if requester:
        rest = sentence[requester.end() :]
        return _named_party(rest, people) or _first_party(rest, exclude=(PANEL,))
    match = UNDERTAKING_RE.search(sentence)
    if match and not passive and not match.group().lower().startswith("would be"):
        prefix = sentence[: match.start()]
        party = _named_party(prefix, people) or _first_party(prefix)
        if party:
            return party
    return _named_party(sentence, people) or _first_party(sentence, exclude=(PANEL,))


def action_from_line(text: str, lines: list[int], people: dict[str, str | None]) -> Action:
    """ "Action: Chief Constable to provide a breakdown …" """
    who = re.match(r"^(?P<who>.+?)\s+to\s+\w+", text)
    addressee = None
    if who:
        addressee = _undertaking_addressee(who["who"], people)
    return Action(text=text, addressee=addressee, lines=lines, source="action_line")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def mark_duplicates(item: MinuteItem) -> None:
    """Flag an action that repeats a resolution of the same minute (2020 papers print both)."""
    for action in item.actions:
        words = _words(action.text)
        best, best_score = None, 0.0
        for resolution in item.resolutions:
            other = _words(resolution.text)
            if not words or not other:
                continue
            score = len(words & other) / min(len(words), len(other))
            if score > best_score:
                best, best_score = resolution, score
        if best is not None and best_score >= 0.6 and best.trackable:
            action.duplicates = best.label or "(unlabelled)"


# ---------------------------------------------------------------------------------------------
# Attendees


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


# ---------------------------------------------------------------------------------------------
# The parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.warnings: list[str] = []
        self.lines = self._prepare(text)
        self.page_count = max(1, text.count("\f") + 1) if "\f" in text else 0

    # -- preparation ---------------------------------------------------------------------

    def _prepare(self, text: str) -> list[_Line]:
        if re.search(r"[\x00-\x08\x0e-\x1b]", text):
            self.warnings.append(WARN_CONTROL_CHARS)
            text = re.sub(r"[\x00-\x08\x0e-\x1b]", " ", text)
        lines: list[_Line] = []
        for number, raw in enumerate(text.split("\n"), start=1):
            cleaned = clean_line(raw)
            # PDF text glues a RESOLVED heading onto the line before it.
            parts = MID_RESOLVED_RE.split(cleaned) if "RESOLVED" in cleaned else [cleaned]
            for part in parts:
                lines.append(_Line(number, part.strip()))
        return lines

    # -- entry point ---------------------------------------------------------------------

    def parse(self) -> ParsedDocument:
        start = self._minutes_start()
        agenda = self._agenda(start if start is not None else len(self.lines))
        if start is None:
            start = 0
            if agenda is not None:
                start = len(self.lines)
        meeting, first_body = self._minutes_header(start)
        if agenda is None and start < len(self.lines):
            self._labels_before(meeting, start)
        document = ParsedDocument(
            meeting=meeting,
            agenda=agenda,
            minutes_line=self.lines[start].no if start < len(self.lines) else None,
        )
        first_item = self._find_first_item(first_body)
        attendees_end = first_item if first_item is not None else len(self.lines)
        document.attendees = self._attendees(first_body, attendees_end)
        if first_item is not None:
            document.items = self._items(first_item, meeting, document.attendees)
        if not document.items:
            self.warnings.append(WARN_NO_MINUTES)
        elif meeting.date is None:
            self.warnings.append(WARN_NO_DATE)
        self._check_labels(document.items)
        document.warnings = self.warnings
        document.page_count = self.page_count or max(1, round(len(self.lines) / 50))
        return document

    # -- finding the minutes inside a pack -------------------------------------------------

    def _minutes_start(self) -> int | None:
        for index, line in enumerate(self.lines):
            if MINUTES_HEADER_RE.match(line.text) or MINUTES_TITLE_ONLY_RE.match(line.text):
                return index
        for index, line in enumerate(self.lines):
            if SECTION_RE.match(line.text) and SECTION_RE.match(line.text)["head"].lower() in (
                "present",
                "members present",
            ):
                self.warnings.append(WARN_NO_HEADING)
                return index
        return None

    def _minutes_header(self, start: int) -> tuple[Meeting, int]:
        """The meeting's body, date, time and venue from the heading lines; returns the index
        of the first line after them."""
        meeting = Meeting()
        if start >= len(self.lines):
            return meeting, start
        index = start
        header_text = []
        # The heading and any "Held: …", "Date:", "Venue:" lines up to PRESENT or an item.
        while index < len(self.lines) and index < start + 12:
            text = self.lines[index].text
            if index > start and (SECTION_RE.match(text) or self._heading(text)):
                break
            if text:
                header_text.append((self.lines[index].no, text))
            index += 1
        if not header_text:
            return meeting, index
        for number, text in header_text:
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
                self._held(meeting, rest)
                continue
            held = HELD_RE.match(text)
            if held:
                self._held(meeting, held["rest"])
                continue
            labelled = re.match(
                r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location|meeting|body)"
                r"\s*:\s*(?P<value>.+)$",
                text,
                re.I,
            )
            if labelled:
                self._labelled(meeting, labelled["key"].lower(), labelled["value"])
                continue
            if meeting.date is None and parse_date(text):
                meeting.date = parse_date(text)
                meeting.start_time = meeting.start_time or parse_time(text)
        return meeting, index

    def _labels_before(self, meeting: Meeting, start: int) -> None:
        """A saved web page puts "Venue:" and the date and time above the minutes heading."""
        for line in self.lines[max(0, start - 15) : start]:
            labelled = re.match(
                r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location)"
                r"\s*:\s*(?P<value>.+)$",
                line.text,
                re.I,
            )
            if labelled:
                self._labelled(meeting, labelled["key"].lower(), labelled["value"])
            elif (
                meeting.start_time is None
                and parse_date(line.text) is not None
                and meeting.date in (None, parse_date(line.text))
            ):
                meeting.start_time = parse_time(line.text)

    def _held(self, meeting: Meeting, rest: str) -> None:
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

    def _labelled(self, meeting: Meeting, key: str, value: str) -> None:
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

    # -- agenda ----------------------------------------------------------------------------

    def _agenda(self, end: int) -> Agenda | None:
        begin = None
        for index in range(end):
            if re.fullmatch(r"agenda", self.lines[index].text.strip(" :"), re.I):
                begin = index
                break
        if begin is None:
            return None
        meeting = Meeting()
        for line in self.lines[:begin]:
            text = line.text
            labelled = re.match(
                r"^(?P<key>date(?:\s*(?:and|/|&)\s*time)?|time|venue|place|location|meeting)"
                r"\s*:\s*(?P<value>.+)$",
                text,
                re.I,
            )
            if labelled:
                self._labelled(meeting, labelled["key"].lower(), labelled["value"])
                meeting.lines.append(line.no)
                continue
            heading = re.match(r"^meeting\s+of\s+(?:the\s+)?(?P<body>.+)$", text, re.I)
            if heading and not meeting.body:
                meeting.body = heading["body"].strip(" .")
                meeting.lines.append(line.no)
        agenda = Agenda(meeting=meeting, line=self.lines[begin].no)
        current: AgendaItem | None = None
        for line in self.lines[begin + 1 : end]:
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
                current = self._agenda_item(match["num"], match["title"], line.no)
                agenda.items.append(current)
                continue
            if match and current is not None and match["num"].isdigit():
                number = int(match["num"])
                previous = int(re.sub(r"\D", "", current.number) or 0)
                if previous + 1 < number <= previous + 3 and len(match["title"]) < 150:
                    self.warnings.append(
                        WARN_AGENDA_GAP.format(line=line.no, number=number, previous=previous)
                    )
                    current = self._agenda_item(match["num"], match["title"], line.no)
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
                current.description = _strip(f"{current.description} {text}")
        return agenda if agenda.items else None

    def _agenda_item(self, number: str, title: str, line: int) -> AgendaItem:
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
        title = _strip(re.sub(rf"\s*\bItem\s+{re.escape(number)}\b\s*", " ", title))
        return AgendaItem(
            number=number,
            title=title,
            line=line,
            report_by=report_by,
            page_start=page_start,
            page_end=page_end,
        )

    # -- minute headings -------------------------------------------------------------------

    def _heading(self, text: str) -> re.Match[str] | None:
        match = HEADING_RE.match(text)
        if not match:
            return None
        title = match["title"].strip()
        if re.match(r"^(?:that|it\s+was)\b", title, re.I) or MONTH_START_RE.match(title):
            return None
        if len(title) > 250 or TIMESTAMP_EVENT_RE.match(text):
            return None
        return match

    def _heading_at(self, index: int, expected: int | None) -> tuple[str, str, int] | None:
        """(number, title, index of the last heading line) if a minute heading starts here."""
        text = self.lines[index].text
        match = self._heading(text)
        if match:
            return match["num"] + (match["slash"] or ""), match["title"].strip(), index
        bare = BARE_NUMBER_RE.match(text)
        if bare and (expected is None or int(bare["num"]) == expected):
            # ModernGov pages print the number on its own line, the title on the next.
            following = index + 1
            while following < len(self.lines) and not self.lines[following].text:
                following += 1
            if following < len(self.lines):
                title = self.lines[following].text
                if (
                    re.match(r"^[A-Z'‘\"“]", title)
                    and len(title) < 200
                    and not re.match(r"^(?:that|it\s+was)\b", title, re.I)
                    and not RESOLVED_RE.match(title)
                ):
                    return bare["num"] + (bare["slash"] or ""), title, following
        return None

    def _find_first_item(self, begin: int) -> int | None:
        for index in range(begin, len(self.lines)):
            text = self.lines[index].text
            if not text:
                continue
            match = self._heading(text)
            if match:
                title = match["title"]
                if len(title) < 200 and not _looks_like_names(title):
                    return index
            elif BARE_NUMBER_RE.match(text) and self._heading_at(index, None):
                return index
        return None

    # -- attendees -------------------------------------------------------------------------

    def _attendees(self, begin: int, end: int) -> list[Attendee]:
        attendees: list[Attendee] = []
        capacity: str | None = None
        for line in self.lines[begin:end]:
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

    # -- items -----------------------------------------------------------------------------

    def _items(self, first: int, meeting: Meeting, attendees: list[Attendee]) -> list[MinuteItem]:
        people = {a.name: _party_of_role(a.role) for a in attendees}
        for a in attendees:
            # "Grace Strong – Performance Manager, OPCC" is also "Grace Strong" in actions.
            surname = a.name.split()[-1] if a.name.split() else ""
            people.setdefault(surname, _party_of_role(a.role))
        items: list[MinuteItem] = []
        bodies: list[list[_Line]] = []
        index = first
        previous: int | None = None
        while index < len(self.lines):
            line = self.lines[index]
            text = line.text
            if text and items and self._end_of_minutes(text, meeting):
                break
            expected = previous + 1 if previous is not None else None
            heading = self._heading_at(index, expected) if text else None
            if heading is not None:
                number, title, last = heading
                value = int(re.match(r"\d+", number).group())  # type: ignore[union-attr]
                accepted = previous is None or value == previous + 1
                if (
                    not accepted
                    and previous is not None
                    and previous + 1 < value <= previous + 3
                    and len(title) <= 120
                    and not _ends_sentence(title.rstrip("."))
                ):
                    missing = ", ".join(str(n) for n in range(previous + 1, value))
                    self.warnings.append(
                        WARN_NUMBER_GAP.format(
                            line=line.no, number=value, previous=previous, missing=missing
                        )
                    )
                    accepted = True
                if (
                    not accepted
                    and previous is not None
                    and value <= previous
                    and _strong_heading(title)
                ):
                    self.warnings.append(
                        WARN_OUT_OF_SEQUENCE.format(
                            line=line.no, text=text[:60], number=value, previous=previous
                        )
                    )
                if accepted:
                    item = MinuteItem(number=number, title=_title(title), line=line.no)
                    agenda_ref = HEADING_AGENDA_RE.search(item.title)
                    if agenda_ref:
                        item.agenda_item = agenda_ref["n"]
                        item.title = _strip(
                            item.title[: agenda_ref.start()] + " " + item.title[agenda_ref.end() :]
                        )
                    items.append(item)
                    bodies.append([])
                    previous = value
                    index = last + 1
                    continue
            if bodies:
                bodies[-1].append(line)
            index += 1
        for item, body in zip(items, bodies, strict=True):
            self._item_body(item, body, people)
            for text in [item.preamble, *item.narrative, *(p.text for p in item.points)]:
                for sentence in _SENTENCE_SPLIT_RE.split(text):
                    apologies = APOLOGIES_RE.search(sentence)
                    if not apologies or re.search(r"\bno\s+apologies\b", sentence, re.I):
                        continue
                    line = next((b.no for b in body if sentence[:30] in b.text), item.line)
                    for name in _apology_names(apologies["names"]):
                        attendees.append(Attendee(name, "apologies", None, line))
        return items

    def _end_of_minutes(self, text: str, meeting: Meeting) -> bool:
        times = parse_time_range(text)
        if times:
            meeting.start_time = meeting.start_time or times[0]
            meeting.end_time = times[1]
            return True
        if END_RE.match(text):
            return True
        closed = CLOSED_RE.search(text)
        if closed:
            meeting.end_time = parse_time(closed["time"]) or _clock_only(closed["time"])
            return True
        return False

    # -- one item's text -------------------------------------------------------------------

    def _paragraphs(self, body: list[_Line]) -> list[tuple[str, list[int], bool]]:
        """Join wrapped lines into paragraphs: (text, line numbers, starts with a marker)."""
        paragraphs: list[tuple[str, list[int], bool]] = []
        blank_before = True
        for line in body:
            text = line.text
            if not text:
                blank_before = True
                continue
            if DROP_LINE_RE.match(text) or re.fullmatch(r"\d{1,3}", text):
                continue
            marker = bool(
                LABEL_RE.match(text)
                or BULLET_RE.match(text)
                or RESOLVED_RE.match(text)
                and _is_resolved(RESOLVED_RE.match(text))  # type: ignore[arg-type]
                or ACTION_LINE_RE.match(text)
                or ACTIONS_HEADING_RE.match(text)
                or TIMESTAMP_EVENT_RE.match(text)
            )
            if paragraphs and not marker:
                previous_text = paragraphs[-1][0]
                previous_is_marker_line = bool(
                    RESOLVED_RE.match(previous_text)
                    and _is_resolved(RESOLVED_RE.match(previous_text))  # type: ignore[arg-type]
                    and not RESOLVED_RE.match(previous_text)["rest"]  # type: ignore[index]
                )
                lead_in = previous_text.endswith(":") and POINTS_LEAD_RE.search(previous_text)
                if (
                    not previous_is_marker_line
                    and not lead_in
                    and (
                        not blank_before
                        or re.match(r"^[a-z]", text)
                        or _dangling(previous_text)
                        or (not paragraphs[-1][2] and not _ends_sentence(previous_text))
                    )
                ):
                    joined = f"{previous_text} {text}"
                    paragraphs[-1] = (joined, paragraphs[-1][1] + [line.no], paragraphs[-1][2])
                    blank_before = False
                    continue
            paragraphs.append((text, [line.no], marker))
            blank_before = False
        return paragraphs

    def _item_body(
        self, item: MinuteItem, body: list[_Line], people: dict[str, str | None]
    ) -> None:
        mode = "preamble"  # preamble → points → resolved → narrative
        point_style = None  # "labelled" or "bullet"
        preamble: list[str] = []
        resolved_lines: list[int] = []
        sublist = False
        for text, lines, _marker in self._paragraphs(body):
            if ACTIONS_HEADING_RE.match(text):
                mode = "actions"
                continue
            if mode == "actions":
                listed = BULLET_RE.match(text) or LABEL_RE.match(text)
                if listed:
                    item.actions.append(action_from_line(listed["rest"].strip(), lines, people))
                    continue
                mode = "narrative"
            action_line = ACTION_LINE_RE.match(text)
            if action_line:
                item.actions.append(action_from_line(action_line["rest"].strip(), lines, people))
                continue
            if TIMESTAMP_EVENT_RE.match(text):
                item.narrative.append(text)
                continue
            paragraph_label = LABEL_RE.match(text)
            if paragraph_label and _is_paragraph_number(paragraph_label["label"], item.number):
                inner = RESOLVED_RE.match(paragraph_label["rest"])
                if inner and _is_resolved(inner) or mode != "resolved":
                    text = paragraph_label["rest"].strip()
                    if inner and _is_resolved(inner) and inner["rest"].strip():
                        text = f"{inner['lead']}: {paragraph_label['label']} {inner['rest']}"
            resolved = RESOLVED_RE.match(text)
            if resolved and _is_resolved(resolved):
                mode = "resolved"
                rest = resolved["rest"].strip()
                rest = re.sub(r"^that\s*:\s*$", "", rest, flags=re.I)
                resolved_lines.append(lines[0])
                if rest:
                    self._clause(item, rest, lines)
                continue
            if mode == "resolved":
                if self._resolved_paragraph(item, text, lines):
                    continue
                mode = "narrative"
            label = LABEL_RE.match(text)
            bullet = BULLET_RE.match(text)
            if bullet and not label:
                inner = LABEL_RE.match(bullet["rest"])
                if inner:
                    label, bullet = inner, None
            container = item.narrative if mode == "narrative" else preamble
            if (
                bullet
                and not label
                and container
                and (
                    sublist
                    or container[-1].endswith(":")
                    and not POINTS_LEAD_RE.search(container[-1])
                )
            ):
                # A list inside a paragraph ("… in the following areas:"), not points noted.
                container[-1] = f"{container[-1]}\n- {bullet['rest'].strip()}"
                sublist = True
                continue
            sublist = False
            if label or bullet:
                if label:
                    point_text, point_label = label["rest"].strip(), _label(label["label"])
                    point_style = "labelled"
                else:
                    point_text, point_label = bullet["rest"].strip(), ""  # type: ignore[index]
                    point_style = "bullet"
                # Unheaded resolutions: "(a) That …" with no RESOLVED heading.
                if re.match(r"^that\b", point_text, re.I):
                    mode = "resolved"
                    self._clause(item, text, lines)
                    continue
                mode = "points"
                item.points.append(Point(point_label, point_text, lines))
                continue
            if mode == "preamble" and re.match(r"^that\b", text, re.I) and _ends_sentence(text):
                mode = "resolved"
                self._clause(item, text, lines)
                continue
            if mode == "points" and point_style == "labelled" and item.points:
                last = item.points[-1]
                if not POINTS_LEAD_RE.search(text):
                    last.text = f"{last.text}\n{text}"
                    last.lines.extend(lines)
                    continue
            if mode == "preamble":
                preamble.append(text)
            else:
                mode = "narrative" if mode != "points" or point_style == "bullet" else mode
                item.narrative.append(text)
        if resolved_lines and not item.resolutions:
            self.warnings.append(
                WARN_EMPTY_RESOLVED.format(line=resolved_lines[0], number=item.number)
            )
        item.preamble = "\n".join(preamble)
        marked = AGENDA_MARKER_RE.search(item.preamble)
        if marked and item.agenda_item is None:
            item.agenda_item = marked["n"]
        for point in item.points:
            item.actions.extend(find_undertakings(point.text, point.lines, people))
        for text in item.narrative + preamble:
            item.actions.extend(find_undertakings(text, [], people))
        author = re.search(
            r"\breport\s+(?:of|by|from)\s+the\s+(?P<who>[\w\s']{3,60})", item.preamble
        )
        default = _first_party(author["who"], exclude=(PANEL,)) if author else None
        for action in item.actions:
            action.addressee = action.addressee or default
        self._action_lines(item, body)
        mark_duplicates(item)

    def _action_lines(self, item: MinuteItem, body: list[_Line]) -> None:
        """Give narrative undertakings the line numbers they were read from."""
        for action in item.actions:
            if action.lines:
                continue
            probe = action.text.split(". ")[-1][:40]
            for line in body:
                if probe and probe in line.text:
                    action.lines = [line.no]
                    break

    def _resolved_paragraph(self, item: MinuteItem, text: str, lines: list[int]) -> bool:
        """A paragraph after RESOLVED: a clause, the rest of one, or (False) the end of them."""
        label = LABEL_RE.match(text)
        bullet = BULLET_RE.match(text)
        real = item.resolutions
        if label or bullet:
            self._clause(item, text, lines)
            return True
        if re.match(r"^(?:that|it\s+was|to)\b", text, re.I) and (
            not real or _ends_sentence(real[-1].text) or real[-1].text.endswith(",")
        ):
            self._clause(item, text, lines)
            return True
        if real and (not _ends_sentence(real[-1].text) or re.match(r"^[a-z]", text)):
            last = real[-1]
            last.text = _strip(f"{last.text} {text}")
            last.lines.extend(lines)
            self._classify(last)
            return True
        if not real:
            self._clause(item, text, lines)
            return True
        return False

    def _clause(self, item: MinuteItem, text: str, lines: list[int]) -> None:
        bullet = BULLET_RE.match(text)
        if bullet:
            text = bullet["rest"]
        label = LABEL_RE.match(text)
        clause_label = ""
        if label:
            clause_label, text = _label(label["label"]), label["rest"]
        clause = Resolution(clause_label, _strip(text), OTHER, "", None, False, list(lines))
        self._classify(clause)
        item.resolutions.append(clause)

    @staticmethod
    def _classify(clause: Resolution) -> None:
        kind, category, addressee, trackable = classify_resolution(clause.text)
        clause.kind, clause.category = kind, category
        clause.addressee, clause.trackable = addressee, trackable

    # -- checks ----------------------------------------------------------------------------

    def _check_labels(self, items: list[MinuteItem]) -> None:
        for item in items:
            labels = [r.label for r in item.resolutions if r.label]
            seen: set[str] = set()
            for label in labels:
                if label in seen:
                    self.warnings.append(
                        WARN_LABEL_REPEATED.format(number=item.number, label=label)
                    )
                seen.add(label)
            letters = [lab for lab in labels if re.fullmatch(r"\([a-z]\)", lab)]
            for before, after in zip(letters, letters[1:], strict=False):
                if after != before and ord(after[1]) != ord(before[1]) + 1:
                    self.warnings.append(
                        WARN_LABEL_GAP.format(number=item.number, label=after, previous=before)
                    )


def _is_resolved(match: re.Match[str]) -> bool:
    lead, sep, rest = match["lead"], match["sep"].strip(), match["rest"].strip()
    word = re.search(r"(resolved|agreed|decided)", lead, re.I).group(1)  # type: ignore[union-attr]
    if word.lower() != "resolved" and not word.isupper():
        return False
    if word.isupper() or sep in (":", "–", "—", "-"):
        return True
    return not rest or bool(re.match(r"^(?:that\b|\(?[a-z0-9]{1,3}[.)])", rest, re.I))


def _is_paragraph_number(label: str, item_number: str) -> bool:
    """ "3.1", "3.2.1" in minute 3 number paragraphs; they are not points or clauses."""
    number = re.match(r"\d+", item_number)
    return bool(number and re.fullmatch(rf"{number.group()}(?:\.\d+)+\.?", label))


def _label(label: str) -> str:
    return label.strip()


def _title(title: str) -> str:
    columns = [c.strip() for c in title.split("\t") if c.strip()]
    title = columns[0] if columns else title
    return _strip(title)


_DANGLING_RE = re.compile(
    r"(?:,|\b(?:a|an|the|and|or|of|to|in|on|for|with|by|from|at|as|that|which|who|using|"
    r"into|than|be|is|are|was|were|this|their|his|her|its))$",
    re.I,
)


def _dangling(text: str) -> bool:
    """A paragraph cut off mid-sentence by a page break: "… working with"."""
    return bool(_DANGLING_RE.search(text.rstrip()))


def _clock_only(text: str) -> datetime.time | None:
    match = re.match(rf"({_CLOCK})\s*({_MERIDIEM})?", text.strip(), re.I)
    return _clock(match.group(1), match.group(2)) if match else None


def _strong_heading(title: str) -> bool:
    return len(title) < 80 and (title.isupper() or not _ends_sentence(title.rstrip(".")))


def _looks_like_names(title: str) -> bool:
    return bool(re.match(rf"^(?:{HONORIFICS})\s", title))


def _party_of_role(role: str | None) -> str | None:
    if not role:
        return None
    if re.search(r"\bchief\s+constable\b|\bpolice\b(?!\s+and\s+crime)", role, re.I):
        return CHIEF_CONSTABLE
    if re.search(r"^police\s+and\s+crime\s+commissioner$", role.strip(), re.I):
        return PCC
    if re.search(r"\bopcc\b|commissioner", role, re.I):
        return OPCC
    return None


# ---------------------------------------------------------------------------------------------
# Public API


def parse(text: str) -> ParsedDocument:
    """Parse minutes (or an agenda pack containing them). Never raises on any str."""
    return _Parser(text).parse()


def _iso(value: datetime.date | datetime.time | None, fmt: str) -> str | None:
    return value.strftime(fmt) if value is not None else None


def as_json(document: ParsedDocument) -> dict[str, Any]:
    """The dry-run JSON shape of `import_minutes --format json`."""
    meeting = document.meeting
    return {
        "meeting": {
            "body": meeting.body,
            "date": _iso(meeting.date, "%Y-%m-%d"),
            "start_time": _iso(meeting.start_time, "%H:%M"),
            "end_time": _iso(meeting.end_time, "%H:%M"),
            "venue": meeting.venue,
        },
        "attendees": [
            {"name": a.name, "capacity": a.capacity, "role": a.role} for a in document.attendees
        ],
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "points": [p.text for p in item.points],
                "resolutions": [
                    {
                        "label": r.label or None,
                        "text": r.text,
                        "kind": r.kind,
                        "trackable": r.trackable,
                        "addressee": r.addressee,
                    }
                    for r in item.resolutions
                ],
                "actions": [{"text": a.text, "addressee": a.addressee} for a in item.actions],
            }
            for item in document.items
        ],
        "warnings": list(document.warnings),
    }


def as_dict(document: ParsedDocument) -> dict[str, Any]:
    """Everything, line numbers included (for `--format text` and debugging)."""
    return dataclasses.asdict(document)
