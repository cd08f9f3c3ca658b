"""Time the dashboard against the bare SQL that returns the same rows (`make bench`).

Each figure is the median of several runs after a warm-up, measured in the same process and
run, so the ratio is fair whatever the machine.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from core.permissions import PANEL_MEMBER
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

    def handle(self, *args: Any, **options: Any) -> None:
        # Plain static storage: the benchmark measures the page, not a collectstatic manifest.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
            self._bench(options["repeat"])

    def _bench(self, repeat: int) -> None:
        user, _ = User.objects.get_or_create(username="bench-member")
        user.groups.add(Group.objects.get_or_create(name=PANEL_MEMBER)[0])
        client = Client()
        client.force_login(user)
        self.stdout.write(
            f"{TrackedItem.objects.count()} tracked items; {connection.vendor}; "
            f"Python {platform.python_version()}; {platform.machine()}"
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
