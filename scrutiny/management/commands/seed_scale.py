"""Generate national-scale data: every panel of the register in one database, each with its own
bodies, twenty years of meetings with published minutes, resolutions, tracked items in every
state and responses (`make bench`; `--items 1000000` for the national figure).

For benchmarks only. Each panel's rows are made inside `panel_scope(panel)` and bulk-inserted in
batches, a transaction per chunk of meetings, so memory stays bounded whatever the size.
bulk_create calls no save() and sends no signals: django-simple-history writes no history rows
and no domain events are recorded, which is fine for scale data (the pages read the live rows).

It fills a tracker once: run again over its own data, it refuses rather than add a second set.
"""

from __future__ import annotations

import datetime
import itertools
import math
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from core.models import Panel
from core.services import panels_register_load
from core.tenancy import panel_scope
from meetings.models import Body, Meeting, Minute, Resolution, municipal_year_of
from scrutiny.models import Response, TrackedItem

YEARS = 20
RESOLUTIONS_PER_MEETING = 10
RESOLUTIONS_PER_MINUTE = 3
# A body meets at most monthly; a panel with more meetings than that has more bodies.
MEETINGS_PER_BODY_YEAR = 12
# Panels that record almost nothing: a thousandth of the busiest panel's share each.
QUIET_PANELS = 3
MEETINGS_PER_TRANSACTION = 1000
BATCH = 1000
SCALE_SLUG = "scale-"
NOON = datetime.time(12, 0)
WORDS = [
    "budget",
    "precept",
    "policing",
    "neighbourhood",
    "anti-social",
    "behaviour",
    "knife",
    "crime",
    "victims",
    "domestic",
    "abuse",
    "reserves",
    "recruitment",
    "vacancies",
    "complaints",
    "estates",
    "fleet",
    "custody",
    "response",
    "times",
    "drones",
    "cctv",
    "e-scooters",
    "rural",
    "retail",
    "wellbeing",
    "training",
]
T = TypeVar("T")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, NOON, tzinfo=datetime.UTC)


def _chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def shares(panels: Sequence[Panel], total: int, rng: random.Random) -> dict[int, int]:
    """Tracked items per panel, by pk: uneven (a long tail, shuffled), a few almost empty, and
    summing to `total` exactly (largest remainders)."""
    order = list(panels)
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(order))]
    for rank in range(max(0, len(order) - QUIET_PANELS), len(order)):
        weights[rank] = weights[0] / 1000
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(order)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return {panel.pk: count for panel, count in zip(order, counts, strict=True)}


@dataclass
class Plan:
    """One meeting to make: its body, date and how many resolutions (= tracked items)."""

    body: Body
    date: datetime.date
    items: int


class Command(BaseCommand):
    help = (
        "Bulk-insert N tracked items spread unevenly over every panel of the register, with "
        "their bodies, meetings, published minutes, resolutions and responses."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--items", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["items"]
        if total < 1:
            raise CommandError("--items must be at least 1.")
        existing = Body.all_panels.filter(slug__startswith=SCALE_SLUG).count()
        if existing:
            raise CommandError(
                f"Scale data are already here ({existing} scale bodies): seed_scale fills a "
                "tracker once. Use a fresh database (make bench uses bench.sqlite3)."
            )
        self.rng = random.Random(options["seed"])
        self.today = timezone.localdate()
        # Text drawn from pools: generating every sentence would cost more than inserting it.
        self.titles = [_sentence(self.rng, 5) for _ in range(500)]
        self.texts = [_sentence(self.rng, 12) for _ in range(2000)]
        self.answers = [_sentence(self.rng, 40) for _ in range(200)]
        self.sequence = itertools.count()
        self.author = User.objects.filter(is_active=True).order_by("pk").first() or (
            User.objects.create(username="scale-author")
        )
        panels_register_load()
        panels = list(Panel.objects.order_by("slug"))
        counts = shares(panels, total, self.rng)
        self.started = time.perf_counter()
        self.done = 0
        for number, panel in enumerate(panels, 1):
            with panel_scope(panel):
                meetings, bodies = self._seed_panel(panel, counts[panel.pk])
            self.stdout.write(
                f"[{number}/{len(panels)}] {panel.slug}: {counts[panel.pk]} items, "
                f"{meetings} meetings, {bodies} bodies; {self._progress(total)}"
            )
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner weighs the indexes as it will in service.
            seeded = (Body, Meeting, Minute, Resolution, TrackedItem, Response)
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(m._meta.db_table for m in seeded)}")
        seconds = time.perf_counter() - self.started
        self.stdout.write(
            f"Seeded {total} tracked items in {len(panels)} panels in {seconds:.1f} s "
            f"({total / seconds:.0f} items a second)."
        )

    def _progress(self, total: int) -> str:
        seconds = time.perf_counter() - self.started
        return f"{self.done}/{total} done, {self.done / max(seconds, 1e-9):.0f} items a second"

    def _seed_panel(self, panel: Panel, count: int) -> tuple[int, int]:
        meetings = math.ceil(count / RESOLUTIONS_PER_MEETING)
        bodies = self._bodies(panel, max(1, math.ceil(meetings / (YEARS * MEETINGS_PER_BODY_YEAR))))
        plans = self._plans(bodies, meetings, count)
        numbers: dict[tuple[int, int], int] = {}
        made = 0
        for chunk in _chunks(plans, MEETINGS_PER_TRANSACTION):
            with transaction.atomic():
                self._seed_meetings(chunk, numbers)
            made += sum(plan.items for plan in chunk)
            self.done += sum(plan.items for plan in chunk)
            if made < count:
                self.stdout.write(f"  {panel.slug}: {made}/{count} items")
        return meetings, len(bodies)

    def _bodies(self, panel: Panel, count: int) -> list[Body]:
        """The panel itself, then its task groups (more the more it meets). A panel that has
        its own body already (the demo's) gets a second one, marked as scale data."""
        taken = set(Body.objects.values_list("name", flat=True))
        made = [
            Body(
                slug=f"{SCALE_SLUG}panel",
                name=f"{panel.name} (scale data)" if panel.name in taken else panel.name,
                short_name="PFCP" if panel.kind == Panel.Kind.PFCP else "PCP",
                kind=Body.Kind.PANEL,
                reference_prefix="SP",
            )
        ]
        made += [
            Body(
                slug=f"{SCALE_SLUG}group-{n}",
                name=f"Scale data task group {n}",
                short_name=f"TG{n}",
                kind=Body.Kind.TASK_GROUP,
                reference_prefix=f"ST{n}",
            )
            for n in range(1, count)
        ]
        return Body.objects.bulk_create(made, batch_size=BATCH)

    def _plans(self, bodies: list[Body], meetings: int, count: int) -> list[Plan]:
        """Meetings spread evenly over twenty years to last week, the bodies taking turns (so
        each meets at most monthly), on weekdays, about ten resolutions each."""
        last = self.today - datetime.timedelta(days=7)
        first = last - datetime.timedelta(days=round(365.25 * YEARS))
        span = (last - first).days
        plans = []
        for index in range(meetings):
            day = first + datetime.timedelta(days=span * index // max(1, meetings - 1))
            day -= datetime.timedelta(days=max(0, day.weekday() - 3))  # Monday to Thursday
            items = count // meetings + (1 if index < count % meetings else 0)
            plans.append(Plan(bodies[index % len(bodies)], day, items))
        return plans

    def _seed_meetings(self, chunk: Sequence[Plan], numbers: dict[tuple[int, int], int]) -> None:
        rng, now = self.rng, timezone.now()
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    body=plan.body,
                    date=plan.date,
                    start_time=datetime.time(10, 0),
                    venue="County Hall",
                    status=Meeting.Status.MINUTES_CONFIRMED,
                    agenda_published_at=_at(plan.date - datetime.timedelta(days=7)),
                    minutes_published_at=min(_at(plan.date + datetime.timedelta(days=14)), now),
                    minutes_confirmed_on=min(plan.date + datetime.timedelta(days=42), self.today),
                )
                for plan in chunk
            ],
            batch_size=BATCH,
        )
        minutes, per_minute = [], []
        for plan, meeting in zip(chunk, meetings, strict=True):
            key = (plan.body.pk, municipal_year_of(plan.date))
            for start in range(0, plan.items, RESOLUTIONS_PER_MINUTE):
                numbers[key] = numbers.get(key, 0) + 1
                minutes.append(
                    Minute(
                        meeting=meeting,
                        body_id=plan.body.pk,
                        municipal_year=key[1],
                        number=numbers[key],
                        title=rng.choice(self.titles),
                    )
                )
                per_minute.append(min(RESOLUTIONS_PER_MINUTE, plan.items - start))
        minutes = Minute.objects.bulk_create(minutes, batch_size=BATCH)
        resolutions = Resolution.objects.bulk_create(
            [
                Resolution(
                    minute=minute,
                    position=position,
                    label=f"({chr(96 + position)})",
                    text=rng.choice(self.texts),
                    kind=Resolution.Kind.REQUEST_RESPONSE,
                )
                for minute, count in zip(minutes, per_minute, strict=True)
                for position in range(1, count + 1)
            ],
            batch_size=BATCH,
        )
        items = TrackedItem.objects.bulk_create(
            [self._item(resolution) for resolution in resolutions], batch_size=BATCH
        )
        Response.objects.bulk_create(
            [
                Response(
                    item=item,
                    author=self.author,
                    body=rng.choice(self.answers),
                    status=Response.Status.ACCEPTED
                    if item.closed_at
                    else Response.Status.SUBMITTED,
                    submitted_at=_at(item.raised_on + datetime.timedelta(days=21)),
                )
                for item in items
                if item.response_status != TrackedItem.ResponseStatus.AWAITING
            ],
            batch_size=BATCH,
        )

    def _item(self, resolution: Resolution) -> TrackedItem:
        """40% open (half of them overdue), 40% closed, 10% answered and open, 10% withdrawn."""
        rng, minute = self.rng, resolution.minute
        meeting = minute.meeting
        state = next(self.sequence) % 10
        raised = meeting.date
        due = raised + datetime.timedelta(days=rng.choice((14, 28, 42, 56)))
        if state < 2:
            due = self.today + datetime.timedelta(days=rng.randint(1, 120))
        ended = _at(min(due + datetime.timedelta(days=14), self.today))
        return TrackedItem(
            reference=f"{meeting.body.reference_prefix}/{raised}/{minute.number}{resolution.label}",
            source=TrackedItem.Source.RESOLUTION,
            resolution=resolution,
            body_id=meeting.body_id,
            meeting=meeting,
            title=resolution.text[:80],
            text=resolution.text,
            addressee=rng.choice(TrackedItem.Addressee.values),
            raised_on=raised,
            due_date=due,
            response_status=(
                TrackedItem.ResponseStatus.RECEIVED
                if state == 8
                else TrackedItem.ResponseStatus.ACCEPTED
                if 4 <= state < 8
                else TrackedItem.ResponseStatus.AWAITING
            ),
            implementation_status=rng.choice(TrackedItem.Implementation.values),
            closed_at=ended if 4 <= state < 8 else None,
            withdrawn_at=ended if state == 9 else None,
            withdrawn_reason="Duplicate" if state == 9 else "",
            is_public=True,
        )
