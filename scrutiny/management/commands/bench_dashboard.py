"""Time the dashboard against the bare SQL that returns the same rows (`make bench`).

Each figure is the median of several runs after a warm-up, measured in the same process and
run, so the ratio is fair whatever the machine. It runs inside one panel (the one with the most
tracked items unless `--panel` names another), reached on that panel's own host as a browser
would, with every other panel's rows in the same tables.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from core.models import Panel, PanelHost, PanelRole
from core.permissions import PANEL_MEMBER
from core.register import DEV_HOST_SUFFIX
from core.tenancy import panel_scope
from scrutiny.filters import ItemFilter
from scrutiny.models import TrackedItem
from scrutiny.selectors import items_base
from scrutiny.views import PAGE_SIZE

CASES = (
    ("First page of open items", "status=open"),
    ("Filtered and searched", "status=open&addressee=force&q=reserves&sort=-due"),
)


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _get(
    client: Client, url: str, headers: Mapping[str, str] | None = None
) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.status_code
        return response

    return run


def _bare_sql(sql: str, params: tuple[Any, ...]) -> Callable[[], object]:
    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


class Command(BaseCommand):
    help = "Report the dashboard's server time next to the bare SQL time, at the current volume."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--repeat", type=int, default=9)
        parser.add_argument("--panel", help="The panel's slug (default: the most items).")

    def handle(self, *args: Any, **options: Any) -> None:
        # Plain static storage: the benchmark measures the page, not a collectstatic manifest.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        panel = self._panel(options["panel"])
        host = self._host(panel)
        with override_settings(STORAGES=storages, ALLOWED_HOSTS=[host]), panel_scope(panel):
            self._bench(panel, host, options["repeat"])

    def _panel(self, slug: str | None) -> Panel:
        if slug:
            panel = Panel.objects.filter(slug=slug).first()
            if panel is None:
                raise CommandError(f"No panel has the slug {slug!r}.")
            return panel
        busiest = (
            TrackedItem.all_panels.values("panel")
            .annotate(items=Count("pk"))
            .order_by("-items", "panel")
            .first()
        )
        if busiest is None:
            raise CommandError("No tracked items to time: run seed_scale first.")
        return Panel.objects.get(pk=busiest["panel"])

    def _host(self, panel: Panel) -> str:
        """The panel's own host; a panel without one is given its development host."""
        first = panel.hosts.order_by("position", "id").first()
        if first is None:
            first = PanelHost.objects.create(panel=panel, name=f"{panel.slug}{DEV_HOST_SUFFIX}")
        return first.name

    def _bench(self, panel: Panel, host: str, repeat: int) -> None:
        user, _ = User.objects.get_or_create(username="bench-member")
        PanelRole.objects.get_or_create(user=user, role=PANEL_MEMBER)
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        self.stdout.write(
            f"{TrackedItem.objects.count()} tracked items in {panel.name} "
            f"({TrackedItem.all_panels.count()} in {Panel.objects.count()} panels); "
            f"{connection.vendor}; Python {platform.python_version()}; {platform.machine()}"
        )
        for label, query in CASES:
            url = f"/actions/?{query}"
            queryset = ItemFilter(QueryDict(query), queryset=items_base()).qs[: PAGE_SIZE + 1]
            bare = _median_ms(_bare_sql(*queryset.query.sql_with_params()), repeat)
            page = _median_ms(_get(client, url), repeat)
            partial = _median_ms(_get(client, url, {"HX-Request": "true"}), repeat)
            with CaptureQueriesContext(connection) as queries:
                _get(client, url)()
            self.stdout.write(
                f"{label:<26} page {page:6.1f} ms ({page / bare:5.1f}x)   "
                f"htmx update {partial:6.1f} ms ({partial / bare:5.1f}x)   "
                f"bare SQL {bare:5.2f} ms   queries {len(queries)}"
            )
