"""The one CSV writer for exports: text that a spreadsheet would run as a formula is written
as text.

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
LibreOffice, so a recipient named `=HYPERLINK(...)` would become a live link in whoever opens
the download. Such text gets a leading single quote, as OWASP's "CSV Injection" page advises
(https://owasp.org/www-community/attacks/CSV_Injection). Numbers are not text and are written
as they are, so a negative amount stays a number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeWriter:
    """`csv.writer`'s `writerow`/`writerows`, with every cell passed through `safe_cell`."""

    def __init__(self, buffer: Any, **options: Any) -> None:
        self._writer = csv.writer(buffer, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(buffer: Any, **options: Any) -> SafeWriter:
    return SafeWriter(buffer, **options)
