"""Demo tracked items from the 28 October 2024 minutes, replayed through the tracker's services.

Read from `demo_data/items.toml`. An item whose reference exists is skipped, so loading twice
changes nothing. Each step is dated as the fixture says (the services stamp "now"; the demo
moves those stamps back to the step's date so that timelines and overdue states are realistic).
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.utils import timezone

from core.models import DomainEvent
from meetings.models import AgendaItem, Document, Meeting, Minute, Person
from scrutiny import services
from scrutiny.models import Response, Review, TrackedItem

DEMO_USERNAMES = ("member", "opcc", "democratic", "admin")
DATA = Path(__file__).resolve().parent / "demo_data" / "items.toml"
CGB_DATA = Path(__file__).resolve().parent / "demo_data" / "cgb_requests.toml"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _source(row: dict[str, Any]) -> dict[str, Any]:
    try:
        minute = Minute.objects.get(
            meeting__body__slug=row.get("body", "pcp"),
            meeting__date=row["meeting"],
            number=row["minute"],
        )
    except Minute.DoesNotExist as exc:
        raise CommandError(
            f"Demo item needs minute {row['minute']} of {row['meeting']}: load meetings first."
        ) from exc
    if row["source"] == "resolution":
        return {"resolution": minute.resolutions.get(label=row["label"])}
    return {"minute_point": minute.points.get(label=row["label"])}


def _backdate(item: TrackedItem, day: datetime.date) -> None:
    """Move the events just written for `item` (those not yet dated) to `day`."""
    DomainEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(TrackedItem),
        object_id=item.pk,
        occurred_at__gt=_at(day),
    ).update(occurred_at=_at(day))


def _step(item: TrackedItem, step: dict[str, Any], users: dict[str, User]) -> None:
    actor, action, day = users[step["by"]], step["action"], step["on"]
    if action == "respond":
        response = services.response_save_draft(
            actor=actor,
            item=item,
            body=step["body"].strip(),
            position=step["position"],
            plan=step.get("plan", ""),
            plan_date=step.get("plan_date"),
        )
        services.response_submit(actor=actor, response=response)
        Response.objects.filter(pk=response.pk).update(submitted_at=_at(day))
    elif action in ("accept", "challenge"):
        response = item.responses.get(status=Response.Status.SUBMITTED)
        services.response_review(
            actor=actor,
            response=response,
            outcome="accepted" if action == "accept" else "challenged",
            reason=step.get("reason", ""),
            new_due_date=step.get("new_due_date"),
            today=day,
        )
        Review.objects.filter(response=response).update(created_at=_at(day))
        if action == "accept":
            TrackedItem.objects.filter(pk=item.pk).update(closed_at=_at(day))
    elif action == "implementation":
        services.item_implementation_update(
            actor=actor, item=item, status=step["status"], progress=step.get("progress")
        )
    elif action == "chase":
        services.items_chase(actor=actor, items=[item])
        TrackedItem.objects.filter(pk=item.pk).update(last_chased_at=_at(day))
    else:
        raise CommandError(f"Unknown demo step {action!r}")
    _backdate(item, day)


def load(*, stdout: TextIO) -> None:
    with DATA.open("rb") as handle:
        rows = tomllib.load(handle)["item"]
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    created = 0
    for row in rows:
        source = _source(row)
        origin = source.get("resolution") or source.get("minute_point")
        if origin.tracked_items.exists():
            continue
        item = services.item_create(
            actor=users["democratic"],
            title=row["title"],
            text=origin.text,
            addressee=row["addressee"],
            requested_by=row.get("requested_by", "panel"),
            response_wanted=row["response_wanted"],
            due_kind=row["due_kind"],
            due_date=row.get("due_date"),
            **source,
        )
        _backdate(item, item.raised_on)
        for step in row.get("steps", []):
            _step(item, step, users)
            item.refresh_from_db()
        created += 1
    created += _cgb_requests_load(users)
    _cgb_report_attach(users["opcc"])
    total = TrackedItem.objects.count()
    stdout.write(f"Tracker: {created} items created ({total} in all).\n")


def _cgb_requests_load(users: dict[str, User]) -> int:
    """The board's requests to the Force, and their outcomes, after the panel's items (one of
    them answers a panel request)."""
    with CGB_DATA.open("rb") as handle:
        rows = tomllib.load(handle)["request"]
    officer, created = users["opcc"], 0
    for row in rows:
        agenda_item = AgendaItem.objects.get(
            meeting__body__slug="cgb",
            meeting__date=row["item"]["meeting"],
            number=row["item"]["number"],
        )
        if TrackedItem.objects.filter(agenda_item=agenda_item, title=row["title"]).exists():
            continue
        count = TrackedItem.objects.filter(agenda_item=agenda_item).count()
        item = services.item_create(
            actor=officer,
            agenda_item=agenda_item,
            source=TrackedItem.Source.CGB_REQUEST,
            title=row["title"],
            text=row["text"],
            addressee=row["addressee"],
            addressee_person=Person.objects.filter(slug=row.get("person", "")).first(),
            requested_by=TrackedItem.RequestedBy.PCC_AT_CGB,
            response_wanted=TrackedItem.ResponseWanted.OUTCOME,
            raised_on=row.get("raised_on"),
            due_kind="date" if "due_date" in row else "next_meeting",
            due_date=row.get("due_date"),
            parent=TrackedItem.objects.filter(reference=row.get("parent", "")).first(),
            reference_suffix=f"{agenda_item.number}-{count + 1}",
        )
        _backdate(item, item.raised_on)
        for step in row.get("steps", []):
            meeting = Meeting.objects.get(body__slug="cgb", date=step["meeting"])
            services.item_outcome_record(
                actor=officer,
                item=item,
                outcome=step["text"],
                meeting=meeting,
                accepted=step["accepted"],
            )
            if step["accepted"]:
                TrackedItem.objects.filter(pk=item.pk).update(closed_at=_at(meeting.date))
            _backdate(item, meeting.date)
            item.refresh_from_db()
        created += 1
    return created


def _cgb_report_attach(officer: User) -> None:
    """The report of the board of 18 September 2024 is item 7 of the Panel's agenda of
    2 December 2024 ("Corporate Governance Board. (Pages 35 - 58)", F3:42)."""
    item = AgendaItem.objects.get(meeting__body__slug="pcp", meeting__date="2024-12-02", number="7")
    if item.documents.filter(kind=Document.Kind.CGB_REPORT).exists():
        return
    board = Meeting.objects.get(body__slug="cgb", date="2024-09-18")
    services.cgb_report_attach(actor=officer, cgb_meeting=board, agenda_item=item)
