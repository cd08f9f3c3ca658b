"""Demo data for the board: its items' sections, the requests the PCC made of the Force at the
board of 18 September 2024 with what became of them, and that board's public report on the
panel's agenda of 2 December 2024.

The sections are read from the board's meeting files, which the meetings demo loaded first
(`meetings/demo_data/meeting_cgb_*.toml`); the requests from `demo_data/cgb_requests.toml`,
replayed through the board's services after the panel's items (one of them answers a panel
request). Whatever exists is skipped, so loading twice changes nothing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.models import User

from governance import selectors, services
from governance.models import BoardItem
from meetings.demo import meeting_files
from meetings.models import AgendaItem, Document, Meeting, Person
from scrutiny.demo import DEMO_USERNAMES, demo_time, events_backdate
from scrutiny.models import TrackedItem

REQUESTS = Path(__file__).resolve().parent / "demo_data" / "cgb_requests.toml"
SECTIONS = ("overview", "force_update", "pcc_response", "redacted", "redaction_reason")


def _text(value: Any) -> Any:
    """Multi-line strings start with a newline; strip it as the meetings demo does."""
    return value.strip() if isinstance(value, str) else value


def sections_load() -> int:
    created = 0
    for path in meeting_files():
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        if data["meeting"]["body"] != selectors.BOARD_SLUG:
            continue
        for row in data.get("agenda_item", []):
            sections = {name: _text(row[name]) for name in SECTIONS if name in row}
            if not sections:
                continue
            item = AgendaItem.objects.get(
                meeting__body__slug=selectors.BOARD_SLUG,
                meeting__date=data["meeting"]["date"],
                number=row["number"],
            )
            _, was_created = BoardItem.objects.get_or_create(agenda_item=item, defaults=sections)
            created += was_created
    return created


def requests_load(users: dict[str, User]) -> int:
    with REQUESTS.open("rb") as handle:
        rows = tomllib.load(handle)["request"]
    officer, created = users["opcc"], 0
    for row in rows:
        agenda_item = selectors.board_agenda_items().get(
            meeting__date=row["item"]["meeting"], number=row["item"]["number"]
        )
        if TrackedItem.objects.filter(agenda_item=agenda_item, title=row["title"]).exists():
            continue
        item = services.cgb_request_create(
            actor=officer,
            agenda_item=agenda_item,
            title=row["title"],
            text=row["text"],
            addressee=row["addressee"],
            addressee_person=Person.objects.filter(slug=row.get("person", "")).first(),
            raised_on=row.get("raised_on"),
            due_date=row.get("due_date"),
            parent=TrackedItem.objects.filter(reference=row.get("parent", "")).first(),
        )
        events_backdate(item, item.raised_on)
        for step in row.get("steps", []):
            meeting = selectors.board_meetings().get(date=step["meeting"])
            services.item_outcome_record(
                actor=officer,
                item=item,
                outcome=step["text"],
                meeting=meeting,
                accepted=step["accepted"],
            )
            if step["accepted"]:
                TrackedItem.objects.filter(pk=item.pk).update(closed_at=demo_time(meeting.date))
            events_backdate(item, meeting.date)
            item.refresh_from_db()
        created += 1
    return created


def report_attach(officer: User) -> None:
    """The report of the board of 18 September 2024 is item 7 of the Panel's agenda of
    2 December 2024 ("Corporate Governance Board. (Pages 35 - 58)", F3:42)."""
    item = AgendaItem.objects.get(meeting__body__slug="pcp", meeting__date="2024-12-02", number="7")
    if item.documents.filter(kind=Document.Kind.CGB_REPORT).exists():
        return
    board = Meeting.objects.get(body__slug=selectors.BOARD_SLUG, date="2024-09-18")
    services.cgb_report_attach(actor=officer, cgb_meeting=board, agenda_item=item)


def load(*, stdout: TextIO) -> None:
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    sections = sections_load()
    requests = requests_load(users)
    report_attach(users["opcc"])
    stdout.write(f"Board: {sections} items' sections and {requests} requests created.\n")
