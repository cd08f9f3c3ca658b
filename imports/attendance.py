"""Who attended an imported meeting: each name read from the minutes matched to a person of
the panel.

The rules, in order; the first that finds anyone decides:

1. **exact**: the name as printed is a person's display name, full name or one of their aliases;
2. **normalised**: the same after dropping titles and honorifics (Cllr, Councillor, County
   Councillor, Mr, Mrs, Dr, Sir, Dame …), post-nominals (OBE, MBE, JP, CC …), a role in
   brackets, case, accents and punctuation;
3. **initials**: initials and surname, or the surname alone ("Cllr. J Smith" is "Councillor
   John Smith");
4. **fuzzy**: a near spelling (`difflib` ratio of at least 0.85 on the normalised names), only
   when exactly one person comes that close.

When a rule finds more than one person, those who held a membership of the meeting's body on
the meeting date are preferred; if that still leaves more than one, the name is not matched
and the people it could be are listed for the officer to choose from. Matching is pure
(`match_attendee`); the people are read in one query (`candidates_load`).
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from core.models import Panel
from imports.models import ImportJob
from imports.parser import Attendee
from imports.results import date_from_iso, reviewed_attendees
from meetings.models import Attendance, Body, Membership, Person

EXACT = "exact"
NORMALISED = "normalised"
INITIALS = "initials"
FUZZY = "fuzzy"
NONE = "none"
KIND_LABELS = {
    EXACT: "exact name",
    NORMALISED: "same name without titles",
    INITIALS: "initials and surname",
    FUZZY: "close spelling",
    NONE: "not matched",
}
FUZZY_THRESHOLD = 0.85

# What the officer chose at review for a name (stored on the job's result as "choice"): a
# person's primary key, a new person, or leaving the name out. "" (a choice posted empty) is
# undecided, and the commit refuses it; None (no choice stored) means the automatic match
# stands, and a name matched to no one is left out and listed as such.
CHOICE_NEW = "new"
CHOICE_OMIT = "omit"
CHOICE_UNDECIDED = ""

# The parser's capacities and what the Attendance model records for them (status, capacity):
# a PRESENT section lists the members, "in attendance" the Commissioner and officers.
ATTENDANCE_FOR_CAPACITY: dict[str, tuple[str, str]] = {
    "present": (Attendance.Status.PRESENT, Attendance.Capacity.MEMBER),
    "in attendance": (Attendance.Status.PRESENT, Attendance.Capacity.IN_ATTENDANCE),
    "apologies": (Attendance.Status.APOLOGIES, Attendance.Capacity.MEMBER),
}
CAPACITY_LABELS = {"present": "Present", "in attendance": "In attendance", "apologies": "Apologies"}

TITLES = frozenset(
    {
        "cllr",
        "councillor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "prof",
        "professor",
        "rev",
        "revd",
        "canon",
        "supt",
        "insp",
        "dcc",
        "acc",
    }
)
# "County Councillor", "City Councillor": the council's kind comes before the title.
COUNCIL_KINDS = frozenset({"county", "city", "borough", "district", "town", "parish"})
POST_NOMINALS = frozenset({"obe", "mbe", "cbe", "jp", "cc", "dl", "qpm", "kpm", "mp"})
_BRACKETS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ROLE_AFTER_DASH_RE = re.compile(r"\s+[–—-]\s+.*$")
_APOSTROPHES_RE = re.compile(r"['’`]")
_NOT_WORD_RE = re.compile(r"[^a-z0-9]+")


# --- Names ------------------------------------------------------------------------------------


def _bare(name: str) -> str:
    """The name without a role in brackets or after a dash."""
    return _ROLE_AFTER_DASH_RE.sub("", _BRACKETS_RE.sub(" ", name))


def _folded(text: str) -> str:
    """Accents off ("Zoë" is "Zoe"), as minutes typed in a hurry often print them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_titles(tokens: list[str]) -> list[str]:
    """Leading titles and trailing post-nominals off lower-cased tokens (never every token)."""
    while len(tokens) > 1:
        if tokens[0] in TITLES:
            tokens = tokens[1:]
        elif tokens[0] in COUNCIL_KINDS and tokens[1] in {"councillor", "cllr"} and len(tokens) > 2:
            tokens = tokens[2:]
        else:
            break
    while len(tokens) > 1 and tokens[-1] in POST_NOMINALS:
        tokens = tokens[:-1]
    return tokens


def name_tokens(name: str) -> list[str]:
    """ "County Councillor Mrs J. Smith" → ["j", "smith"]."""
    text = _APOSTROPHES_RE.sub("", _folded(_bare(name)).lower())
    return _strip_titles([t for t in _NOT_WORD_RE.split(text) if t])


def normalise_name(name: str) -> str:
    """ "Mr. Colin Dean (Independent Member)" → "colin dean"."""
    return " ".join(name_tokens(name))


def _collapse(name: str) -> str:
    return " ".join(name.split())


def initials_fit(given: Sequence[str], known: Sequence[str]) -> bool:
    """Do the parsed given names (initials or words) fit a person's given names, in order?
    No given names at all (the surname alone) fits anyone; full words alone are not initials
    (that is the normalised rule's business)."""
    if not given:
        return True
    if len(given) > len(known) or all(len(g) > 1 for g in given):
        return False
    return all(
        (len(g) == 1 and k.startswith(g)) or g == k for g, k in zip(given, known, strict=False)
    )


# --- Candidates and matches -------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A person as the rules compare them: every spelling they are known by."""

    person: Person
    names: frozenset[str]
    normalised: frozenset[str]
    given: tuple[str, ...]
    family: tuple[str, ...]
    member: bool = False


def candidate_of(person: Person, *, member: bool = False) -> Candidate:
    full = _collapse(f"{person.given_name} {person.family_name}")
    spellings = {
        _collapse(s)
        for s in (
            person.display_name,
            full,
            f"{person.honorific} {full}",
            *(a for a in (person.aliases or []) if isinstance(a, str)),
        )
        if _collapse(s)
    }
    family = tuple(name_tokens(person.family_name)) if person.family_name.strip() else ()
    if family:
        given = tuple(name_tokens(person.given_name)) if person.given_name.strip() else ()
    else:
        tokens = name_tokens(person.display_name)
        family, given = tuple(tokens[-1:]), tuple(tokens[:-1])
    return Candidate(
        person=person,
        names=frozenset(spellings),
        normalised=frozenset(n for n in map(normalise_name, spellings) if n),
        given=given,
        family=family,
        member=member,
    )


@dataclass(frozen=True)
class AttendeeMatch:
    """A name as read, how it was matched (`kind`), and to whom; an unmatched name that could
    be several people lists them in `candidates`."""

    attendee: Attendee
    kind: str
    person: Person | None = None
    candidates: tuple[Person, ...] = ()
    member: bool = False

    @property
    def matched(self) -> bool:
        return self.person is not None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _decide(attendee: Attendee, kind: str, found: list[Candidate]) -> AttendeeMatch | None:
    """One rule's finds: one person, or the one member among them, or an ambiguity (between
    the members it could be, if any are members)."""
    if not found:
        return None
    members = [c for c in found if c.member]
    if len(found) > 1 and members:
        found = members
    if len(found) == 1:
        return AttendeeMatch(attendee, kind, found[0].person, member=found[0].member)
    return AttendeeMatch(attendee, NONE, None, tuple(c.person for c in found))


def match_attendee(attendee: Attendee, candidates: Sequence[Candidate]) -> AttendeeMatch:
    """Match one name by the rules above (pure: no queries)."""
    printed = _collapse(attendee.name)
    tokens = name_tokens(attendee.name)
    normalised = " ".join(tokens)
    rules: list[tuple[str, list[Candidate]]] = [
        (EXACT, [c for c in candidates if printed in c.names]),
        (NORMALISED, [c for c in candidates if normalised and normalised in c.normalised]),
        (
            INITIALS,
            [
                c
                for c in candidates
                if c.family
                and len(tokens) >= len(c.family)
                and tuple(tokens[len(tokens) - len(c.family) :]) == c.family
                and initials_fit(tokens[: len(tokens) - len(c.family)], c.given)
            ],
        ),
    ]
    for kind, found in rules:
        decided = _decide(attendee, kind, found)
        if decided is not None:
            return decided
    close = [
        c
        for c in candidates
        if normalised
        and max(
            (difflib.SequenceMatcher(None, normalised, n).ratio() for n in c.normalised),
            default=0.0,
        )
        >= FUZZY_THRESHOLD
    ]
    if len(close) == 1:
        return AttendeeMatch(attendee, FUZZY, close[0].person, member=close[0].member)
    return AttendeeMatch(attendee, NONE, None, tuple(c.person for c in close))


def candidates_load(
    *, panel_id: int | None, body: Body | None = None, on: datetime.date | None = None
) -> list[Candidate]:
    """The panel's people in one query, each marked if they held a membership of `body` on
    `on` (an `Exists` in the same query, not a query per person)."""
    if panel_id is None:
        return []
    people = Person.objects.filter(panel_id=panel_id)
    if body is not None and on is not None:
        held = Membership.objects.filter(
            person=OuterRef("pk"), body=body, start_date__lte=on
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        people = people.annotate(is_member=Exists(held))
    return [candidate_of(p, member=bool(getattr(p, "is_member", False))) for p in people]


def attendee_matches(
    panel: Panel,
    attendees: Iterable[Attendee],
    *,
    body: Body | None = None,
    on: datetime.date | None = None,
) -> list[AttendeeMatch]:
    """Each of `attendees` matched to `panel`'s people, preferring members of `body` on `on`
    (the meeting's body and date). One query, whatever the number of names."""
    candidates = candidates_load(panel_id=panel.pk, body=body, on=on)
    return [match_attendee(a, candidates) for a in attendees]


# --- The review -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One name on the review screen: its automatic match and the officer's stored choice."""

    index: int
    match: AttendeeMatch
    choice: str | None

    @property
    def capacity_label(self) -> str:
        return CAPACITY_LABELS.get(self.match.attendee.capacity, self.match.attendee.capacity)


@dataclass(frozen=True)
class AttendanceReview:
    """What the review screen offers for the attendance: each name and everyone to choose."""

    rows: list[ReviewRow] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)
    others: list[Person] = field(default_factory=list)
    body_name: str = ""


def attendee_review(*, job: ImportJob) -> AttendanceReview:
    """The attendance part of a job's review, in one query (none for a job not under review)."""
    if job.status != ImportJob.Status.PARSED or not job.result.get("attendees"):
        return AttendanceReview()
    attendees = reviewed_attendees(job.result)
    on = date_from_iso(job.result.get("meeting", {}).get("date"))
    candidates = candidates_load(panel_id=job.panel_id, body=job.body, on=on)
    rows = [
        ReviewRow(index=i, match=match_attendee(a, candidates), choice=a.choice)
        for i, a in enumerate(attendees)
    ]
    return AttendanceReview(
        rows=rows,
        members=[c.person for c in candidates if c.member],
        others=[c.person for c in candidates if not c.member],
        body_name=job.body.name,
    )


def person_label(person: Person) -> str:
    """As the choice lists a person: the printed name, and the full name if it says more."""
    full = _collapse(f"{person.given_name} {person.family_name}")
    if full and normalise_name(full) != normalise_name(person.display_name):
        return f"{person.display_name} ({full})"
    return person.display_name


# --- A new person from a printed name ---------------------------------------------------------


def person_fields(name: str) -> dict[str, str]:
    """What a printed name says of a new person: "County Councillor Mrs J. Smith OBE" →
    honorific "County Councillor Mrs", given "J.", family "Smith", post-nominals "OBE"."""
    words = _collapse(_bare(name)).split()
    honorific: list[str] = []
    post: list[str] = []

    def key(word: str) -> str:
        return _NOT_WORD_RE.sub("", _folded(word).lower())

    while len(words) > 1 and (
        key(words[0]) in TITLES
        or (key(words[0]) in COUNCIL_KINDS and len(words) > 2 and key(words[1]) in TITLES)
    ):
        honorific.append(words.pop(0).rstrip("."))
    while len(words) > 1 and key(words[-1]) in POST_NOMINALS:
        post.insert(0, words.pop())
    return {
        "display_name": _collapse(_bare(name))[:200],
        "honorific": " ".join(honorific)[:30],
        "given_name": " ".join(words[:-1])[:100],
        "family_name": (words[-1] if words else "")[:100],
        "post_nominals": " ".join(post)[:50],
    }
