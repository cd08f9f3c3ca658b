"""Demo data for the meetings app, read from the readable fixture files in `demo_data/`: the
seed papers' panel (`load`) and, in `demo_data/invented/<panel slug>/`, each invented panel's
few records in the same format (`load_invented`).

Every record is found by its natural key before it is created, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.utils import timezone

from core.models import Panel
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minute,
    MinutePoint,
    Organisation,
    Person,
    PublicQuestion,
    Resolution,
)

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
INVENTED_DIR = DATA_DIR / "invented"


def read_fixture(name: str | Path) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def directory_load(data: dict[str, Any]) -> None:
    organisations = {}
    for row in data.get("organisation", []):
        organisations[row["slug"]], _ = Organisation.objects.get_or_create(
            slug=row["slug"],
            defaults={k: row[k] for k in ("name", "kind", "trading_as") if k in row},
        )
    bodies: dict[str, Body] = {}
    for row in data.get("body", []):
        bodies[row["slug"]], _ = Body.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "parent": bodies.get(row.get("parent", "")),
                "organisation": organisations.get(row.get("organisation", "")),
                "description": row.get("description", ""),
                "reference_prefix": row.get("reference_prefix", ""),
            },
        )
    people: dict[str, Person] = {}
    fields = (
        "display_name",
        "honorific",
        "given_name",
        "family_name",
        "post_nominals",
        "email",
        "phone",
        "aliases",
    )
    for row in data.get("person", []):
        defaults = {k: row[k] for k in fields if k in row}
        if "user" in row:
            defaults["user"] = User.objects.filter(username=row["user"]).first()
        people[row["slug"]], _ = Person.objects.get_or_create(slug=row["slug"], defaults=defaults)
    for row in data.get("membership", []):
        for slug in row.get("people", [row.get("person")]):
            Membership.objects.get_or_create(
                person=people[slug],
                body=bodies[row["body"]],
                role=row["role"],
                start_date=_date(row["start"]),
                defaults={
                    "end_date": _date(row.get("end")),
                    "title": row.get("title", ""),
                    "represents": organisations.get(row.get("represents", "")),
                },
            )


MEETING_FIELDS = (
    "title",
    "date",
    "start_time",
    "end_time",
    "venue",
    "mode",
    "webcast_url",
    "filming_notice",
    "session",
    "status",
    "cancellation_reason",
    "agenda_published_at",
    "minutes_published_at",
)
# A board item's sections (overview, force_update, pcc_response, redacted, redaction_reason) are in
# the same files but are the governance app's records: governance.demo loads them.
AGENDA_ITEM_FIELDS = (
    "title",
    "kind",
    "description",
    "report_by",
    "page_start",
    "page_end",
    "paper_status",
    "exempt",
    "exempt_reason",
)
LONDON = ZoneInfo("Europe/London")


def _value(value: Any) -> Any:
    """TOML local date-times are read as London time; text is stripped of the leading newline
    that multi-line strings start with."""
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return timezone.make_aware(value, LONDON)
    if isinstance(value, str):
        return value.strip()
    return value


def _people(row: dict[str, Any]) -> list[str]:
    people: list[str] = row.get("people", [row.get("person")])
    return people


def meeting_files() -> list[Path]:
    """Every meeting fixture, oldest first (file names carry the date)."""
    return sorted(DATA_DIR.glob("meeting_*.toml"))


def _meeting_key(body: str, day: datetime.date) -> tuple[str, datetime.date]:
    return body, day


def _upcoming_date(row: dict[str, Any], body: Body) -> None:
    """An invented panel's next meeting says `weeks_ahead` instead of a date: it is dated that
    many weeks after the demo is first loaded, with its agenda published then, so that the demo
    always has a meeting to come; a later load finds it again as the body's next meeting."""
    today = timezone.localdate()
    upcoming = (
        Meeting.objects.filter(
            body=body,
            date__gte=today,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED],
        )
        .order_by("date")
        .first()
    )
    row["date"] = (
        upcoming.date if upcoming else today + datetime.timedelta(weeks=row["weeks_ahead"])
    )
    if row.get("status") == Meeting.Status.AGENDA_PUBLISHED:
        row.setdefault("agenda_published_at", timezone.now())


def meeting_records_load(
    data: dict[str, Any], meetings: dict[tuple[str, datetime.date], Meeting]
) -> None:
    """Agenda, attendance, declarations, questions and minutes of one meeting, each found by
    its natural key first so nothing is created twice."""
    row = data["meeting"]
    meeting = meetings[_meeting_key(row["body"], row["date"])]
    people = {p.slug: p for p in Person.objects.all()}
    items: dict[str, AgendaItem] = {}
    for position, item in enumerate(data.get("agenda_item", []), start=1):
        defaults = {k: _value(item[k]) for k in AGENDA_ITEM_FIELDS if k in item}
        defaults["position"] = position
        if "minutes_of" in item:
            defaults["minutes_of"] = meetings[_meeting_key(row["body"], item["minutes_of"])]
        if "parent" in item:
            # Sub-items (4a, 4b…) name their parent item, which comes before them in the file.
            defaults["parent"] = items[item["parent"]]
        items[item["number"]], _ = AgendaItem.objects.get_or_create(
            meeting=meeting, number=item["number"], defaults=defaults
        )
    position = 0
    for attendance in data.get("attendance", []):
        for slug in _people(attendance):
            position += 1
            Attendance.objects.get_or_create(
                meeting=meeting,
                person=people[slug],
                defaults={
                    "capacity": attendance["capacity"],
                    "status": attendance.get("status", Attendance.Status.PRESENT),
                    "role_text": attendance.get("role_text", ""),
                    "in_the_chair": attendance.get("in_the_chair", False),
                    "left_at": attendance.get("left_at"),
                    "position": position,
                },
            )
    for declaration in data.get("declaration", []):
        Declaration.objects.get_or_create(
            meeting=meeting,
            person=people[declaration["person"]],
            text=declaration["text"],
            defaults={
                "kind": declaration.get("kind", Declaration.Kind.OTHER),
                "agenda_item": items.get(declaration.get("agenda_item", "")),
            },
        )
    for position, question in enumerate(data.get("public_question", []), start=1):
        PublicQuestion.objects.get_or_create(
            meeting=meeting,
            position=position,
            defaults={
                "asker": question["asker"],
                "question": _value(question["question"]),
                "answer": _value(question.get("answer", "")),
            },
        )
    for entry in data.get("minute", []):
        minute, _ = Minute.objects.get_or_create(
            meeting=meeting,
            number=entry["number"],
            defaults={
                "title": entry["title"],
                "agenda_item": items.get(entry.get("agenda_item", "")),
                "preamble": _value(entry.get("preamble", "")),
                "body_text": _value(entry.get("body_text", "")),
            },
        )
        for position, point in enumerate(entry.get("point", []), start=1):
            MinutePoint.objects.get_or_create(
                minute=minute,
                position=position,
                defaults={"label": point.get("label", ""), "text": _value(point["text"])},
            )
        for position, resolution in enumerate(entry.get("resolution", []), start=1):
            Resolution.objects.get_or_create(
                minute=minute,
                position=position,
                defaults={
                    "label": resolution.get("label", ""),
                    "kind": resolution["kind"],
                    "text": _value(resolution["text"]),
                },
            )


def meetings_load(files: list[Path]) -> None:
    """Create the meetings first (so any may refer to any other), then their records."""
    fixtures = []
    for path in files:
        with path.open("rb") as handle:
            fixtures.append(tomllib.load(handle))
    bodies = {b.slug: b for b in Body.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    people = {p.slug: p for p in Person.objects.all()}
    meetings: dict[tuple[str, datetime.date], Meeting] = {}
    created: list[tuple[Meeting, dict[str, Any]]] = []
    for data in fixtures:
        row = data["meeting"]
        if "weeks_ahead" in row:
            _upcoming_date(row, bodies[row["body"]])
        defaults = {k: _value(row[k]) for k in MEETING_FIELDS if k in row and k != "date"}
        defaults["host_authority"] = organisations.get(row.get("host_authority", ""))
        defaults["contact_officer"] = people.get(row.get("contact_officer", ""))
        meeting, was_created = Meeting.objects.get_or_create(
            body=bodies[row["body"]], date=row["date"], defaults=defaults
        )
        meetings[_meeting_key(row["body"], row["date"])] = meeting
        if was_created:
            created.append((meeting, row))
    # Links to later meetings are set only on creation, so loading again changes nothing.
    for meeting, row in created:
        if "minutes_confirmed_at" in row:
            at = meetings[_meeting_key(row["body"], row["minutes_confirmed_at"])]
            meeting.minutes_confirmed_at = at
            meeting.minutes_confirmed_on = at.date
            meeting.save(update_fields=["minutes_confirmed_at", "minutes_confirmed_on"])
    for data in fixtures:
        meeting_records_load(data, meetings)


def load(*, stdout: TextIO) -> None:
    directory_load(read_fixture("directory.toml"))
    stdout.write(
        f"Directory: {Body.objects.count()} bodies, {Person.objects.count()} people, "
        f"{Membership.objects.count()} memberships.\n"
    )
    meetings_load(meeting_files())
    stdout.write(
        f"Meetings: {Meeting.objects.count()} meetings, {AgendaItem.objects.count()} agenda "
        f"items, {Minute.objects.count()} minutes, {Resolution.objects.count()} resolutions.\n"
    )


def load_invented(panel: Panel, *, stdout: TextIO) -> None:
    """An invented panel's directory and meetings, from `demo_data/invented/<slug>/`."""
    folder = INVENTED_DIR / panel.slug
    if not folder.is_dir():
        return
    directory_load(read_fixture(folder / "directory.toml"))
    meetings_load(sorted(folder.glob("meeting_*.toml")))
    stdout.write(
        f"{panel.short_name}: {Meeting.objects.count()} meetings, "
        f"{Person.objects.count()} people, {Resolution.objects.count()} resolutions.\n"
    )
