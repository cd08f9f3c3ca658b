"""Pagination without a total count, for lists that grow to millions of rows.

`Paginator` counts every matching row on each page view; this asks for one row more than a
page holds, which is all "Next" needs, and lets the database stop at the index. Every list
page uses it: none counts all its rows to show a page of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from core.params import MAX_PAGE, query_int


@dataclass
class SeekPage:
    object_list: list[Any]
    number: int
    has_next: bool
    # The rows before this page.
    offset: int = 0
    # The pagination partial shows "of N" only when it knows N.
    paginator: None = None

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    def start_index(self) -> int:
        """The position of the page's first row in the whole list (1-based), 0 when empty."""
        return self.offset + 1 if self.object_list else 0

    def end_index(self) -> int:
        return self.offset + len(self.object_list)

    @property
    def count(self) -> int | None:
        """How many rows the whole list has: known on its last page only, None before it."""
        return None if self.has_next else self.end_index()


def seek_page(queryset: QuerySet[Any], number: Any, per_page: int) -> SeekPage:
    # Anything but a page number in range is the first page: a 30-digit page would make an
    # OFFSET that no database can hold, and a page past the last has nothing to show (finding
    # the last page would need the count this avoids; one more query, only then).
    number = query_int(number, maximum=MAX_PAGE) or 1
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    if not rows and number > 1:
        return seek_page(queryset, "1", per_page)
    return SeekPage(
        object_list=rows[:per_page], number=number, has_next=len(rows) > per_page, offset=offset
    )
