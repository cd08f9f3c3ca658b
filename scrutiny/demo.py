"""Demo tracked items from the 28 October 2024 minutes, replayed through the tracker's services.

Read from `demo_data/items.toml`; an invented panel's few items from `demo_data/invented/<panel
slug>.toml`, in the same format (`load_invented`). An item whose source is tracked is skipped,
so loading twice changes nothing. Each step is dated as the fixture says (the services stamp
"now"; the demo moves those stamps back to the step's date so that timelines and overdue states
are realistic).
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

from core.models import DomainEvent, Panel
from meetings.models import Minute, MinutePoint, Resolution
from scrutiny import services
from scrutiny.models import Response, Review, TrackedItem

DEMO_USERNAMES = ("member", "opcc", "democratic", "admin")
DATA = Path(__file__).resolve().parent / "demo_data" / "items.toml"
INVENTED_DIR = DATA.parent / "invented"


def demo_time(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _source(row: dict[str, Any]) -> Resolution | MinutePoint:
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
        return minute.resolutions.get(label=row["label"])
    return minute.points.get(label=row["label"])


def events_backdate(item: TrackedItem, day: datetime.date) -> None:
    """Move the events just written for `item` (those not yet dated) to `day`."""
    DomainEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(TrackedItem),
        object_id=item.pk,
        occurred_at__gt=demo_time(day),
    ).update(occurred_at=demo_time(day))


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
        Response.objects.filter(pk=response.pk).update(submitted_at=demo_time(day))
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
        Review.objects.filter(response=response).update(created_at=demo_time(day))
        if action == "accept":
            TrackedItem.objects.filter(pk=item.pk).update(closed_at=demo_time(day))
    elif action == "implementation":
        services.item_implementation_update(
            actor=actor, item=item, status=step["status"], progress=step.get("progress")
        )
    elif action == "chase":
        services.items_chase(actor=actor, items=[item])
        TrackedItem.objects.filter(pk=item.pk).update(last_chased_at=demo_time(day))
    else:
        raise CommandError(f"Unknown demo step {action!r}")
    events_backdate(item, day)


def items_load(rows: list[dict[str, Any]], users: dict[str, User], raised_by: User) -> int:
    """Raise each item from its source and replay its steps; returns how many were created."""
    created = 0
    for row in rows:
        origin = _source(row)
        if origin.tracked_items.exists():
            continue
        item = services.item_create(
            actor=raised_by,
            title=row["title"],
            text=origin.text,
            addressee=row["addressee"],
            requested_by=row.get("requested_by", "panel"),
            response_wanted=row["response_wanted"],
            due_kind=row["due_kind"],
            due_date=row.get("due_date"),
            resolution=origin if isinstance(origin, Resolution) else None,
            minute_point=origin if isinstance(origin, MinutePoint) else None,
        )
        events_backdate(item, item.raised_on)
        for step in row.get("steps", []):
            _step(item, step, users)
            item.refresh_from_db()
        created += 1
    return created


def load(*, stdout: TextIO) -> None:
    with DATA.open("rb") as handle:
        rows = tomllib.load(handle)["item"]
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    created = items_load(rows, users, users["democratic"])
    total = TrackedItem.objects.count()
    stdout.write(f"Tracker: {created} items created ({total} in all).\n")


def load_invented(panel: Panel, *, stdout: TextIO) -> None:
    """An invented panel's items, raised by its democratic services officer (`raised_by`) and
    answered by its own logins (core/demo_data/panels.toml)."""
    path = INVENTED_DIR / f"{panel.slug}.toml"
    if not path.exists():
        return
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    names = {data["raised_by"]} | {
        step["by"] for row in data["item"] for step in row.get("steps", [])
    }
    users = {user.username: user for user in User.objects.filter(username__in=names)}
    created = items_load(data["item"], users, users[data["raised_by"]])
    stdout.write(f"{panel.short_name} tracker: {created} items created.\n")
