"""`manage.py seed_scale --items N`: national-scale data over every panel of the register
(bench.seed; `make bench` seeds its database once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bench.seed import AlreadySeeded, Seeder


class Command(BaseCommand):
    help = (
        "Insert N tracked items spread unevenly over every panel of the register, with their "
        "bodies, meetings, published agendas, papers and minutes, resolutions, responses, the "
        "board's meetings and requests, and grants."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--items", type=int, default=10_000)
        parser.add_argument("--years", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args: Any, **options: Any) -> None:
        total = options["items"]
        if total < 1:
            raise CommandError("--items must be at least 1.")
        seeder = Seeder(
            total=total, years=options["years"], seed=options["seed"], say=self.stdout.write
        )
        try:
            seconds = seeder.run()
        except AlreadySeeded as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Seeded {total} tracked items in {seeder.panels} panels in {seconds:.1f} s "
            f"({total / seconds:.0f} items a second)."
        )
