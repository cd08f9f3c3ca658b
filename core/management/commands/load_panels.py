"""Load the national register of panels (core/data/panels.csv). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from core.services import panels_register_load


class Command(BaseCommand):
    help = (
        "Create or update the 41 Police and Crime Panels of England and Wales from the register, "
        "matched by slug (idempotent)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dev-hosts",
            action="store_true",
            help="Also give each panel the host <slug>.localhost (for development).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        load = panels_register_load(dev_hosts=options["dev_hosts"])
        self.stdout.write(
            f"Panels: {load.created} created, {load.updated} updated; "
            f"{load.hosts_added} development hosts added."
        )
        for host in load.hosts_taken:
            self.stderr.write(f"{host} is already another panel's host; left as it is.")
