"""Generate a national-scale volume of meetings, minutes, resolutions and tracked items.

For benchmarks only: rows are bulk-inserted (no per-row history or events), in every state the
tracker knows, spread over twenty years of meetings of several bodies.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meetings.models import Body, Meeting, Minute, Resolution, municipal_year_of
from scrutiny.models import Response, TrackedItem

BODIES = 12
MEETINGS_PER_YEAR = 8
YEARS = 20
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


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


class Command(BaseCommand):
    help = "Bulk-insert N tracked items (with their meetings, minutes and resolutions)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--items", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["items"]
        if total < 1:
            raise CommandError("--items must be at least 1.")
        rng = random.Random(options["seed"])
        started = timezone.now()
        with transaction.atomic():
            self._seed(total, rng)
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(f"Seeded {total} tracked items in {seconds:.1f} s.")

    def _seed(self, total: int, rng: random.Random) -> None:
        author = User.objects.filter(is_active=True).order_by("pk").first() or User.objects.create(
            username="scale-author"
        )
        bodies = [
            Body.objects.get_or_create(
                slug=f"scale-panel-{n}",
                defaults={
                    "name": f"Scale Police and Crime Panel {n}",
                    "short_name": f"SP{n}",
                    "kind": Body.Kind.PANEL,
                    "reference_prefix": f"SP{n}",
                },
            )[0]
            for n in range(BODIES)
        ]
        first_year = timezone.localdate().year - YEARS + 1
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    body=body,
                    date=datetime.date(year, 1 + m * 12 // MEETINGS_PER_YEAR, 10 + n % 15),
                    start_time=datetime.time(14, 0),
                    status=Meeting.Status.MINUTES_CONFIRMED,
                    agenda_published_at=timezone.now(),
                    title=f"scale-{body.slug}",
                )
                for n, body in enumerate(bodies)
                for year in range(first_year, first_year + YEARS)
                for m in range(MEETINGS_PER_YEAR)
            ],
            batch_size=2000,
        )
        per_meeting = -(-total // len(meetings))
        minutes_per_meeting = max(1, per_meeting // 3)
        numbers: dict[tuple[int, int], int] = {}
        minutes = []
        for meeting in meetings:
            year = municipal_year_of(meeting.date)
            for _ in range(minutes_per_meeting):
                key = (meeting.body_id, year)
                numbers[key] = numbers.get(key, 1000) + 1
                minutes.append(
                    Minute(
                        meeting=meeting,
                        body_id=meeting.body_id,
                        municipal_year=year,
                        number=numbers[key],
                        title=_sentence(rng, 5),
                    )
                )
        minutes = Minute.objects.bulk_create(minutes, batch_size=2000)
        by_meeting: dict[int, list[Minute]] = {}
        for minute in minutes:
            by_meeting.setdefault(minute.meeting_id, []).append(minute)
        resolutions, sources = [], []
        for index in range(total):
            meeting = meetings[index % len(meetings)]
            minute = by_meeting[meeting.pk][(index // len(meetings)) % minutes_per_meeting]
            position = index // len(meetings) // minutes_per_meeting + 1
            label = f"({chr(96 + (position - 1) % 26 + 1)}{'' if position <= 26 else position})"
            resolutions.append(
                Resolution(
                    minute=minute,
                    position=position,
                    label=label,
                    text=_sentence(rng),
                    kind=Resolution.Kind.REQUEST_RESPONSE,
                )
            )
            sources.append((meeting, minute, label))
        resolutions = Resolution.objects.bulk_create(resolutions, batch_size=2000)
        today = timezone.localdate()
        now = timezone.now()
        addressees = TrackedItem.Addressee.values
        items = []
        for index, ((meeting, minute, label), resolution) in enumerate(
            zip(sources, resolutions, strict=True)
        ):
            state = index % 10  # 40% open (some overdue), 40% closed, 10% received, 10% withdrawn
            due = meeting.date + datetime.timedelta(days=rng.choice((14, 28, 42, 56)))
            if state < 2:
                due = today + datetime.timedelta(days=rng.randint(1, 120))
                meeting_date = min(meeting.date, today)
            else:
                meeting_date = meeting.date
            items.append(
                TrackedItem(
                    reference=f"{meeting.body.reference_prefix}/{meeting.date}/{minute.number}"
                    f"{label}",
                    source=TrackedItem.Source.RESOLUTION,
                    resolution=resolution,
                    body_id=meeting.body_id,
                    meeting=meeting,
                    title=resolution.text[:80],
                    text=resolution.text,
                    addressee=addressees[index % len(addressees)],
                    raised_on=meeting_date,
                    due_date=max(due, meeting_date),
                    response_status=(
                        TrackedItem.ResponseStatus.RECEIVED
                        if state == 8
                        else TrackedItem.ResponseStatus.ACCEPTED
                        if 4 <= state < 8
                        else TrackedItem.ResponseStatus.AWAITING
                    ),
                    implementation_status=rng.choice(TrackedItem.Implementation.values),
                    closed_at=now if 4 <= state < 8 else None,
                    withdrawn_at=now if state == 9 else None,
                    withdrawn_reason="Duplicate" if state == 9 else "",
                    is_public=True,
                )
            )
        items = TrackedItem.objects.bulk_create(items, batch_size=2000)
        Response.objects.bulk_create(
            [
                Response(
                    item=item,
                    author=author,
                    body=_sentence(rng, 40),
                    status=Response.Status.ACCEPTED
                    if item.closed_at
                    else Response.Status.SUBMITTED,
                    submitted_at=now,
                )
                for item in items
                if item.response_status != TrackedItem.ResponseStatus.AWAITING
            ],
            batch_size=2000,
        )
