"""National-scale data (`manage.py seed_scale`, `make bench`): every panel of the register, each
with its own bodies and twenty years of meetings with published agendas, papers and minutes,
about ten resolutions a meeting, each a tracked item in one of every state with the responses
and reviews that state implies, the board's meetings and requests, and the commissioner's
grants. Tracked items are spread unevenly over the panels, a few recording almost nothing.

Rows go in through `writer.Writer` (COPY on PostgreSQL), a transaction per chunk of meetings,
so memory stays bounded whatever the size. It fills a database once: run again over its own
data, it refuses rather than add a second set.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from collections.abc import Callable, Sequence

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from core.models import Panel
from core.services import panels_register_load
from meetings.models import AgendaItem, Body, Document, Minute, MinutePoint, Resolution
from meetings.search import search_documents_rebuild
from scrutiny.services import item_counts_rebuild

from .directory import SCALE_SLUG, directory_seed
from .governance import board_rows
from .grants import grants_rows
from .meetings import Context, Plan, meetings_rows
from .text import Pools, shares, spread
from .writer import Writer

RESOLUTIONS_PER_MEETING = 10
# A body meets at most monthly; a panel with more meetings than that has more task groups.
MEETINGS_PER_BODY_YEAR = 12
BOARD_MEETINGS_PER_YEAR = 6
# A twentieth of a panel's items are requests made at the board.
BOARD_SHARE = 20
UPCOMING = (10, 40, 70)  # days ahead: two with their agenda out, one still scheduled
MEETINGS_PER_TRANSACTION = 1000


class AlreadySeeded(Exception):
    pass


class Seeder:
    def __init__(self, *, total: int, years: int, seed: int, say: Callable[[str], None]) -> None:
        self.total, self.years, self.say = total, years, say
        self.rng = random.Random(seed)
        self.pools = Pools(self.rng)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.last = self.today - datetime.timedelta(days=7)
        self.first = self.last - datetime.timedelta(days=round(365.25 * years))
        self.writer = Writer(self.now)
        self.done = 0
        self.panels = 0

    def run(self) -> float:
        existing = Body.all_panels.filter(slug__startswith=SCALE_SLUG).count()
        if existing:
            raise AlreadySeeded(
                f"Scale data are already here ({existing} scale bodies): seed_scale fills a "
                "database once. Use a fresh database (make bench makes its own)."
            )
        started = time.perf_counter()
        author = User.objects.get_or_create(username="scale-author")[0].pk
        panels_register_load()
        panels = list(Panel.objects.order_by("slug"))
        self.panels = len(panels)
        counts = shares([panel.pk for panel in panels], self.total, self.rng)
        for number, panel in enumerate(panels, 1):
            context = Context(self.writer, panel.pk, self.pools, author, self.today, self.now)
            meetings = self._panel(context, panel, counts[panel.pk])
            seconds = time.perf_counter() - started
            self.say(
                f"[{number}/{len(panels)}] {panel.slug}: {counts[panel.pk]} items, {meetings} "
                f"meetings; {self.done}/{self.total} done, {self.done / seconds:.0f} items a second"
            )
        self.writer.finish()
        self._derived_rebuild()
        return time.perf_counter() - started

    def _panel(self, context: Context, panel: Panel, count: int) -> int:
        requests = count // BOARD_SHARE if count >= 10 * BOARD_SHARE else 0
        resolutions = count - requests
        held = math.ceil(resolutions / RESOLUTIONS_PER_MEETING)
        groups = math.ceil(held / (self.years * MEETINGS_PER_BODY_YEAR)) - 1
        with transaction.atomic():
            directory = directory_seed(self.writer, panel, max(0, groups), self.first)
            grants = grants_rows(
                context, directory, range(self.today.year - self.years + 1, self.today.year + 1)
            )
            grants.insert(self.writer)
        plans = [
            Plan(directory.bodies[index % len(directory.bodies)], day, items)
            for index, (day, items) in enumerate(
                zip(spread(self.first, self.last, held), _split(resolutions, held), strict=True)
            )
        ]
        panel_body = directory.bodies[0]
        plans += [
            Plan(panel_body, self.today + datetime.timedelta(days=days), 9, upcoming=True)
            for days in UPCOMING
        ]
        for start in range(0, len(plans), MEETINGS_PER_TRANSACTION):
            with transaction.atomic():
                chunk = meetings_rows(context, plans[start : start + MEETINGS_PER_TRANSACTION])
                self.done += chunk.insert(self.writer)
        board = min(self.years * BOARD_MEETINGS_PER_YEAR, max(1, requests))
        with transaction.atomic():
            days = spread(self.first, self.last, board)
            self.done += board_rows(context, directory.board, days, requests).insert(self.writer)
        return len(plans) + board

    def _derived_rebuild(self) -> None:
        """Tables derived from the rows above, which bulk inserts do not keep up to date."""
        for model in (AgendaItem, Document, Minute, MinutePoint, Resolution):
            search_documents_rebuild(model.all_panels.all())
        item_counts_rebuild()
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility map, as autovacuum leaves a table in service: the
            # planner weighs the indexes rightly and counts read the index alone. VACUUM cannot
            # run inside a caller's transaction (a test's): there, statistics only.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def _split(total: int, parts: int) -> Sequence[int]:
    """`total` in `parts` as equal as can be, the larger first."""
    if parts == 0:
        return []
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]
