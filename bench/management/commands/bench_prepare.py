"""`manage.py bench_prepare --items N`: the benchmark's database, migrated and holding at least
N tracked items of scale data (`make bench`, `make loadtest`).

On PostgreSQL the database is created when absent, and made afresh when it holds fewer items
than asked (scale data are seeded once). On SQLite a file with too few is refused: delete it.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.database import database_ensure
from bench.seed.directory import SCALE_SLUG
from meetings.models import Body
from scrutiny.models import TrackedItem


class Command(BaseCommand):
    help = "Create, migrate and seed the benchmark database, unless it already holds N items."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--items", type=int, default=1_000_000)

    def handle(self, *args: Any, **options: Any) -> None:
        items = options["items"]
        postgres = connection.vendor == "postgresql"
        if postgres and database_ensure():
            self.stdout.write(f"Created the database {connection.settings_dict['NAME']}.")
        call_command("migrate", interactive=False, verbosity=0)
        have = TrackedItem.all_panels.count()
        if have >= items:
            self.stdout.write(f"The benchmark database holds {have} tracked items already.")
            return
        if Body.all_panels.filter(slug__startswith=SCALE_SLUG).exists():
            if not postgres:
                raise CommandError(
                    f"{connection.settings_dict['NAME']} holds {have} tracked items, fewer "
                    f"than {items}: delete it and run again."
                )
            self.stdout.write(f"{have} tracked items, fewer than {items}: starting afresh.")
            database_ensure(fresh=True)
            call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_scale", items=items, stdout=self.stdout)
