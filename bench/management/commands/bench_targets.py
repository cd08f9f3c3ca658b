"""`manage.py bench_targets`: what the load test aims at, as JSON (host, meeting, database)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bench.machine import database_version
from bench.targets import NoTarget, panel_get, panel_host, public_meeting


class Command(BaseCommand):
    help = "Print the busiest panel's host and a public meeting of it, as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--panel", help="The panel's slug (default: the most items).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            panel = panel_get(options["panel"])
            meeting = public_meeting(panel)
        except NoTarget as error:
            raise CommandError(str(error)) from error
        about = {"host": panel_host(panel), "meeting": meeting, "database": database_version()}
        self.stdout.write(json.dumps(about))
