"""What a clause asks for, and of whom: the kind, category, addressee and trackability of a
RESOLVED clause; the party a phrase or a role names; whether "RESOLVED" opens clauses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from imports.parser.document import (
    APPROVE,
    CHIEF_CONSTABLE,
    CONFIRM_MINUTES,
    DATE_NOTED,
    ELECT,
    ENDORSE,
    NOTE,
    OPCC,
    OTHER,
    PANEL,
    PCC,
    PROCEDURAL_KINDS,
    RECOMMENDATION,
    REFER_COMMENTS,
    REQUEST_INFORMATION,
    REQUEST_RESPONSE,
    SCHEDULE_UPDATE,
    WRITE_LETTER,
    Resolution,
)
from imports.parser.patterns import ASKS_RE, PARTY_PATTERNS, RECURRENCE_PATTERNS, SUBJECT_RE
from imports.parser.tokens import squash


def party_of(text: str) -> str | None:
    for party, pattern in PARTY_PATTERNS:
        if pattern.search(text):
            return party
    return None


def first_party(text: str, exclude: Iterable[str] = ()) -> str | None:
    """The party named earliest in `text`."""
    best: tuple[int, str] | None = None
    for party, pattern in PARTY_PATTERNS:
        if party in exclude:
            continue
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), party)
    return best[1] if best else None


def party_of_role(role: str | None) -> str | None:
    if not role:
        return None
    if re.search(r"\bchief\s+constable\b|\bpolice\b(?!\s+and\s+crime)", role, re.I):
        return CHIEF_CONSTABLE
    if re.search(r"^police\s+and\s+crime\s+commissioner$", role.strip(), re.I):
        return PCC
    if re.search(r"\bopcc\b|commissioner", role, re.I):
        return OPCC
    return None


# What a clause's (lower-cased) words say of its kind, compiled once: a clause is read in
# microseconds, thousands to a file.
LEADING_LABEL_RE = re.compile(r"^(?:\(?[a-z0-9.]{1,8}\)\s*|\d+(?:\.\d+)*\.?\s*)")
ENDS_NOTED_RE = re.compile(r"\bbe\s+noted[.,;]?\s*$")
REQUESTS_RE = re.compile(
    r"\b(?:be\s+requested|be\s+asked|be\s+invited|requests?|asks?|asked|to\s+ask|invites?|"
    r"to\s+invite|calls?\s+on|urges?|provide|share|be\s+shared|"
    r"be\s+circulated|circulate|explore|investigate|submit|supply|report\s+back|"
    r"seek|respond|be\s+provided|bring\s+back|be\s+brought\s+back|recommend(?:s|ed)?)\b"
)
MINUTES_OF_RE = re.compile(r"minutes\s+of\s+the\b.*\bmeeting\b|^(?:that\s+)?the\s+minutes\b")
MINUTES_AGREED_RE = re.compile(
    r"\b(?:confirmed|approved|signed|agreed|accurate|correct\s+record|taken\s+as\s+read)\b"
)
ELECTED_RE = re.compile(r"\b(?:be\s+)?(?:elected|appointed|re-elected)\b")
OFFICE_RE = re.compile(r"\b(?:chair|chairman|vice|deputy|member|municipal\s+year)")
NEXT_MEETING_RE = re.compile(r"\bnext\s+meeting\b")
UPDATE_WORDS_RE = re.compile(r"\b(?:update|report|information|response)\b")
ASKED_PASSIVE_RE = re.compile(r"\b(?:be\s+requested|be\s+asked|be\s+invited)\b")
UPDATE_BACK_RE = re.compile(
    r"\b(?:update|report|progress\s+report|briefing)\b.*\b(?:be\s+)?(?:provided|brought|"
    r"submitted|presented|considered|made)\s+(?:back\s+)?(?:to|at)\s+(?:the\s+|a\s+)?"
    r"(?:next|future|later|subsequent|panel)"
)
REPORT_BACK_RE = re.compile(r"\b(?:be\s+)?(?:brought\s+back|report\s+back)\s+to\s+the\s+panel\b")
LETTER_RE = re.compile(
    r"\bletter\b.*\b(?:be\s+)?(?:written|sent)\b|\bwrite\s+(?:a\s+letter\s+)?to\b"
)
COMMENTS_RE = re.compile(
    r"\bpass\s+on\b.*\bcomments\b|\bcomments\b.*\bbe\s+(?:sent|passed|forwarded|fed\s+back|"
    r"referred)\b|\bsummary\s+of\s+the\s+comments\b|\bfeed\s+back\b.*\bcomments\b"
)
RECOMMEND_RE = re.compile(r"\brecommend")
RESPONSE_RE = re.compile(
    r"\bwritten\s+response\b|\brespond\b|\bresponse\b.*\bbe\s+(?:submitted|provided)|"
    r"\bconfirmation\b.*\bin\s+writing\b|\bin\s+writing\b"
)
ARRANGEMENTS_RE = re.compile(r"\barrangements?\s+be\s+made\b|\bvisit\b|\bbe\s+invited\b")
APPROVE_RE = re.compile(
    r"\b(?:approved?|approves|agreed|agrees|adopted|adopts|accepted|accepts|ratified)\b"
)
ENDORSE_RE = re.compile(r"\b(?:endorsed?|endorses|supported|supports?|welcomed?|welcomes)\b")
NOTE_RE = re.compile(r"\bnot(?:ed|es?)\b|\breceived\b|\breceives\b")
TRACKABLE_OTHER_RE = re.compile(
    r"\barrangements?\s+be\s+made\b|\bvisit\b|\bbe\s+requested\b|\bbe\s+asked\b"
)


def classify_resolution(text: str) -> tuple[str, str, str | None, bool]:
    """(kind, category, addressee, trackable) of one RESOLVED clause."""
    low = squash(text).lower()
    low = LEADING_LABEL_RE.sub("", low)
    ends_noted = bool(ENDS_NOTED_RE.search(low))
    requests = bool(REQUESTS_RE.search(low))
    kind = OTHER
    if MINUTES_OF_RE.search(low) and MINUTES_AGREED_RE.search(low):
        kind = CONFIRM_MINUTES
    elif ELECTED_RE.search(low) and OFFICE_RE.search(low):
        kind = ELECT
    elif NEXT_MEETING_RE.search(low) and not requests and not UPDATE_WORDS_RE.search(low):
        kind = DATE_NOTED
    elif ends_noted and not ASKED_PASSIVE_RE.search(low):
        kind = NOTE
    elif UPDATE_BACK_RE.search(low) or REPORT_BACK_RE.search(low):
        kind = SCHEDULE_UPDATE
    elif LETTER_RE.search(low):
        kind = WRITE_LETTER
    elif COMMENTS_RE.search(low):
        kind = REFER_COMMENTS
    elif RECOMMEND_RE.search(low):
        kind = RECOMMENDATION
    elif RESPONSE_RE.search(low):
        kind = REQUEST_RESPONSE
    elif requests or _party_acts(low):
        kind = REQUEST_INFORMATION
    elif ARRANGEMENTS_RE.search(low):
        kind = OTHER
    elif APPROVE_RE.search(low):
        kind = APPROVE
    elif ENDORSE_RE.search(low):
        kind = ENDORSE
    elif NOTE_RE.search(low):
        kind = NOTE

    if kind in PROCEDURAL_KINDS:
        return kind, "procedural", None, False
    trackable = kind != OTHER or bool(TRACKABLE_OTHER_RE.search(low))
    addressee = _clause_addressee(low, kind)
    if not trackable:
        return kind, "internal", None, False
    category = "internal" if addressee == PANEL else "request"
    return kind, category, addressee, True


def _party_acts(low: str) -> bool:
    """ "That the Commissioner report to each meeting …", "That the OPCC provide …": the clause
    has another party do something (the subjunctive of a request)."""
    subject = SUBJECT_RE.match(low)
    if subject is None or re.match(
        r"(?:be|is|are|should|will|shall|would)\b", low[subject.end("subject") :].strip()
    ):
        return False
    party = first_party(subject["subject"])
    return party in (PCC, OPCC, CHIEF_CONSTABLE)


BE_ASKED_RE = re.compile(r"\s+be\s+(?:requested|asked|invited|recommended)\b")
ASKED_WHO_RE = re.compile(
    r"(?P<who>[\w\s']{0,80}?)\s+be\s+(?:requested|asked|invited|recommended)\b"
)


def _clause_addressee(low: str, kind: str) -> str | None:
    """Who must act: the party asked ("That the PCC be requested …", "Asks the Commissioner
    to …"), else the subject."""
    asks = ASKS_RE.search(low)
    if asks:
        party = first_party(asks["who"])
        if party:
            return party
    if kind == RECOMMENDATION:
        to = re.search(r"\brecommends?\s+(?:to\s+)?(?:that\s+)?(?P<rest>.{0,80})", low)
        party = first_party(to["rest"], exclude=(PANEL,)) if to else None
        if party:
            return party
    # Found by its verb first: the words before it are read only where it is.
    passive = BE_ASKED_RE.search(low)
    asked = passive and ASKED_WHO_RE.search(low[max(0, passive.start() - 81) : passive.end()])
    if asked:
        party = party_of(asked["who"].split(" that ")[-1])
        if party:
            return party
    subject = SUBJECT_RE.match(low)
    if subject:
        party = first_party(subject["subject"])
        if party:
            return party
    if kind in (WRITE_LETTER, REFER_COMMENTS) or re.search(
        r"\barrangements?\s+be\s+made\b|\bvisit\b", low
    ):
        return PANEL
    return None


def classify(clause: Resolution) -> None:
    """Set the clause's kind, category, addressee, trackability and (for a standing request)
    recurrence from its text."""
    kind, category, addressee, trackable = classify_resolution(clause.text)
    clause.kind, clause.category = kind, category
    clause.addressee, clause.trackable = addressee, trackable
    clause.recurrence = recurrence_of(clause.text) if trackable else None


# Every form RECURRENCE_PATTERNS reads has one of these words.
RECURRENCE_WORDS = ("meeting", "quarter", "annual", "year", "standing", "month")


def recurrence_of(text: str) -> str | None:
    """How often a standing request falls due: "at each meeting", "quarterly", "annually"."""
    low = text.lower()
    if not any(word in low for word in RECURRENCE_WORDS):
        return None
    for recurrence, pattern in RECURRENCE_PATTERNS:
        if pattern.search(text):
            return recurrence
    return None


def is_resolved(match: re.Match[str]) -> bool:
    """Whether a RESOLVED_RE match opens clauses ("RESOLVED:", "Resolved – that …") rather than
    being prose ("agreed with the Chair")."""
    lead, sep, rest = match["lead"], match["sep"].strip(), match["rest"].strip()
    found = re.search(r"(resolved|agreed|decided|decisions?)", lead, re.I)  # the lead has one
    word = found.group(1) if found else ""
    if word.lower().startswith("decision"):
        return sep == ":"  # "Decision:" heads a council's record of what was resolved
    if word.lower() != "resolved" and not word.isupper():
        return sep == ":"  # "Agreed: That …" heads clauses; "agreed with the Chair" does not
    if word.isupper() or sep in (":", "–", "—", "-"):
        return True
    return not rest or bool(re.match(r"^(?:that\b|to\b|\(?[a-z0-9]{1,3}[.)])", rest, re.I))


def is_paragraph_number(label: str, item_number: str | None) -> bool:
    """ "3.1", "3.2.1" in minute 3 number paragraphs; they are not points or clauses."""
    number = re.match(r"\d+", item_number or "")
    return bool(number and re.fullmatch(rf"{number.group()}(?:\.\d+)+\.?", label))
