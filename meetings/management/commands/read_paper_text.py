"""Read the text of every paper not read yet, so that the search finds their words.

Papers attached since their text is kept are read by the worker; this reads the others (run
once after upgrading, or after restoring files). Safe to run again: read papers are skipped.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from core.panels import each_panel
from meetings.services.paper_text import documents_text_unread


class Command(BaseCommand):
    help = "Read the text of papers not read yet, for the search of meetings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="Read at most this many papers a panel."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = each_panel(lambda panel: (panel, documents_text_unread(limit=options["limit"])))
        for panel, count in counts:
            self.stdout.write(f"{panel}: {count} papers read")
