"""`manage.py bench_pages`: every page of bench.pages timed at the current volume, against its
floor and its bare SQL, in the panel with the most tracked items, reached on that panel's own
host as a browser would, with every other panel's rows in the same tables (`make bench`).

Each figure is the median of `--repeat` runs after a warm-up, all in the same process and run,
so the ratios are fair whatever the machine. Prints a markdown table and writes the figures
as JSON (`--output`, bench.json by default).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import override_settings

from bench.machine import machine
from bench.measure import Figures, measure
from bench.pages import PAGES
from bench.targets import NoTarget, panel_get, panel_host, public_meeting
from core.models import Panel, PanelRole
from core.tenancy import panel_scope
from meetings.models import Meeting
from scrutiny.models import TrackedItem


def _ratio(top: float | None, bottom: float | None) -> str:
    if top is None or not bottom:
        return "–"
    return f"{top / bottom:.2f}x" if top < bottom else f"{top / bottom:.1f}x"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


class Command(BaseCommand):
    help = "Time every page against its floor and its bare SQL, at the current volume."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--repeat", type=int, default=9)
        parser.add_argument("--panel", help="The panel's slug (default: the most items).")
        parser.add_argument("--output", default=str(settings.BASE_DIR / "bench.json"))
        parser.add_argument("--only", default="", help="Time only pages whose path has this.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            panel = panel_get(options["panel"])
            meeting = public_meeting(panel)
        except NoTarget as error:
            raise CommandError(str(error)) from error
        host = panel_host(panel)
        overrides = {
            # Plain static storage: the benchmark measures the page, not a collectstatic manifest.
            "STORAGES": {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
            "ALLOWED_HOSTS": [host],
            # The API's rate limits would answer the repeated requests with 429.
            "API_ANON_RATE": "1000000/minute",
            "API_USER_RATE": "1000000/minute",
        }
        with override_settings(**overrides), panel_scope(panel):
            clients = self._clients(host)
            figures = []
            for page in [page for page in PAGES if options["only"] in page.path]:
                url = page.path.format(meeting=meeting)
                figures.append(measure(clients[page.role], page.label, url, options["repeat"]))
                self.stderr.write(f"measured {url}: {figures[-1].server_ms} ms")
            data = {
                "panel": panel.slug,
                "tracked_items": TrackedItem.objects.count(),
                "tracked_items_all_panels": TrackedItem.all_panels.count(),
                "public_meetings_all_panels": Meeting.all_panels.filter(
                    session=Meeting.Session.PUBLIC, agenda_published_at__isnull=False
                ).count(),
                "panels": Panel.objects.count(),
            }
        about = machine()
        self._report(about, data, figures)
        Path(options["output"]).write_text(
            json.dumps(
                {
                    "machine": about,
                    "data": data,
                    "pages": [f.as_json() for f in figures if f.status == 200],
                    "errors": [
                        {"page": f.page, "status": f.status} for f in figures if f.status != 200
                    ],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {options['output']}.")

    def _clients(self, host: str) -> dict[str | None, Client]:
        """An anonymous client, and one signed in for each role a page asks for."""
        clients: dict[str | None, Client] = {None: Client(HTTP_HOST=host)}
        for role in {page.role for page in PAGES if page.role}:
            user, _ = User.objects.get_or_create(username=f"bench-{role.lower().replace(' ', '-')}")
            PanelRole.objects.get_or_create(user=user, role=role)
            client = Client(HTTP_HOST=host)
            client.force_login(user)
            clients[role] = client
        return clients

    def _report(self, about: dict[str, Any], data: dict[str, Any], figures: list[Figures]) -> None:
        self.stdout.write(
            f"{data['tracked_items']} tracked items in {data['panel']} "
            f"({data['tracked_items_all_panels']} in {data['panels']} panels, "
            f"{data['public_meetings_all_panels']} public meetings)\n"
            f"Machine: {about['cpu']}, {about['cores']} cores; {about['database']}; "
            f"Python {about['python']}\n"
        )
        self.stdout.write(
            "| page | server ms | uncached ms | floor ms | sql ms | queries (uncached) "
            "| server/floor | uncached/floor | server/sql |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        for f in figures:
            if f.status != 200:
                self.stdout.write(f"| {f.page} | answered {f.status} | | | | | | | |")
                continue
            self.stdout.write(
                f"| {f.page} | {_ms(f.server_ms)} | {_ms(f.uncached_ms)} | {_ms(f.floor_ms)} | "
                f"{_ms(f.sql_ms)} | {f.queries} ({f.queries_uncached}) | "
                f"{_ratio(f.server_ms, f.floor_ms)} | {_ratio(f.uncached_ms, f.floor_ms)} | "
                f"{_ratio(f.server_ms, f.sql_ms)} |"
            )
