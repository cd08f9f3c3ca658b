"""Reads of recurring items: where an occurrence stands in its series, and the series' items."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from scrutiny.models import TrackedItem


@dataclass(frozen=True)
class SeriesPlace:
    """What the item page says of a recurring item: the series (its first item), this item's
    occurrence and how many have been raised, and the occurrences either side."""

    first: TrackedItem
    occurrence: int
    raised: int
    previous: TrackedItem | None
    next: TrackedItem | None

    @property
    def stopped(self) -> bool:
        return self.first.series_status == TrackedItem.SeriesStatus.STOPPED


def series_q(first_id: int) -> Q:
    """The items of the series whose first item is `first_id`, the first among them."""
    return Q(pk=first_id) | Q(series_id=first_id)


def item_series_place(*, item: TrackedItem) -> SeriesPlace | None:
    """None for an item that does not recur; otherwise one query for the series' occurrences
    (only their numbers and references, which is all the page links with)."""
    if not item.is_recurring:
        return None
    first_id = item.series_root_id
    assert first_id is not None  # a saved item
    rows = {
        row.occurrence: row
        for row in TrackedItem.objects.filter(series_q(first_id)).only(
            "reference", "occurrence", "series_status", "series_stopped_reason", "recurrence"
        )
    }
    first = item if item.series_id is None else (rows.get(1) or item.series)
    assert first is not None  # an occurrence names its series
    return SeriesPlace(
        first=first,
        occurrence=item.occurrence,
        raised=max(rows, default=item.occurrence),
        previous=rows.get(item.occurrence - 1),
        next=rows.get(item.occurrence + 1),
    )
