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


def classify_resolution(text: str) -> tuple[str, str, str | None, bool]:
    """(kind, category, addressee, trackable) of one RESOLVED clause."""
    low = squash(text).lower()
    low = re.sub(r"^(?:\(?[a-z0-9.]{1,8}\)\s*|\d+(?:\.\d+)*\.?\s*)", "", low)
    ends_noted = bool(re.search(r"\bbe\s+noted[.,;]?\s*$", low))
    requests = bool(
        re.search(
            r"\b(?:be\s+requested|be\s+asked|be\s+invited|requests?|asks?|asked|to\s+ask|invites?|"
            r"to\s+invite|calls?\s+on|urges?|provide|share|be\s+shared|"
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
    elif requests or _party_acts(low):
        kind = REQUEST_INFORMATION
    elif re.search(r"\barrangements?\s+be\s+made\b|\bvisit\b|\bbe\s+invited\b", low):
        kind = OTHER
    elif re.search(
        r"\b(?:approved?|approves|agreed|agrees|adopted|adopts|accepted|accepts|ratified)\b", low
    ):
        kind = APPROVE
    elif re.search(r"\b(?:endorsed?|endorses|supported|supports?|welcomed?|welcomes)\b", low):
        kind = ENDORSE
    elif re.search(r"\bnot(?:ed|es?)\b|\breceived\b|\breceives\b", low):
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
    asked = re.search(
        r"(?P<who>[\w\s']{0,80}?)\s+be\s+(?:requested|asked|invited|recommended)\b", low
    )
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


def recurrence_of(text: str) -> str | None:
    """How often a standing request falls due: "at each meeting", "quarterly", "annually"."""
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
