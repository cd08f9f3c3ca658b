"""Recompute the dashboard's counts from the items: after a bulk load that wrote items without
the services, or to repair the table (`--check` only reports whether it is right)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.models import Panel
from core.tenancy import panel_scope
from scrutiny.services import item_counts_rebuild
from scrutiny.services.counts import item_counts_computed, item_counts_stored


class Command(BaseCommand):
    help = "Recompute the tracker's counts (ItemCount) from the items, for one panel or all."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--panel", help="The panel's slug (every panel if left out).")
        parser.add_argument(
            "--check", action="store_true", help="Only say which panels' counts are wrong."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        panels = Panel.objects.order_by("slug")
        if options["panel"]:
            panels = panels.filter(slug=options["panel"])
            if not panels.exists():
                raise CommandError(f"No panel {options['panel']!r}.")
        if options["check"]:
            wrong = [panel.slug for panel in panels if not _counts_right(panel)]
            if wrong:
                raise CommandError(f"The counts are wrong for: {', '.join(wrong)}.")
            self.stdout.write("The counts match the items.")
            return
        rows = item_counts_rebuild(panels=None if options["panel"] is None else list(panels))
        self.stdout.write(f"Rebuilt the item counts: {rows} rows.")


def _counts_right(panel: Panel) -> bool:
    with panel_scope(panel):
        return item_counts_stored() == item_counts_computed()
