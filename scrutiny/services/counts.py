"""The dashboard's counts (`ItemCount`): how many items share a body, an addressee, a response
status and a state. Every service that raises an item or moves it between these shifts the
counts in its own transaction (`item_counts_shift`); `item_counts_rebuild` recomputes them from
the items, for loaders that bulk-insert items (no service runs) and to repair the table.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q

from core.models import Panel
from scrutiny.models import ItemCount, TrackedItem

logger = logging.getLogger(__name__)


class CountKey(NamedTuple):
    """The row of `ItemCount` an item is counted in."""

    panel_id: int
    body_id: int
    addressee: str
    response_status: str
    closed: bool
    withdrawn: bool


def item_count_key(item: TrackedItem) -> CountKey:
    assert item.panel_id is not None  # a saved item is always in a panel
    return CountKey(
        panel_id=item.panel_id,
        body_id=item.body_id,
        addressee=item.addressee,
        response_status=item.response_status,
        closed=item.closed_at is not None,
        withdrawn=item.withdrawn_at is not None,
    )


def item_counts_shift(*, before: CountKey | None, after: CountKey | None) -> None:
    """Count one item under `after` instead of `before` (None: not counted before, as for an
    item just raised). Call it in the transaction that saves the item, with `before` read from
    the locked row."""
    if before == after:
        return
    # The rows are always changed in the same order, so that two items moving in opposite
    # directions at once (one answered, one whose answer is withdrawn) cannot deadlock.
    changes = sorted((key, delta) for key, delta in ((before, -1), (after, 1)) if key is not None)
    for key, delta in changes:
        _count_add(key, delta)


def _count_add(key: CountKey, delta: int) -> None:
    rows = ItemCount.all_panels.filter(**key._asdict())
    # An UPDATE that adds to the row's own value: concurrent changes queue on the row lock and
    # none is lost.
    if rows.filter(count__gte=-delta).update(count=F("count") + delta):
        return
    if delta < 0:
        # Nothing to take from: items were written without the services (a bulk load) and the
        # table not rebuilt since. The service goes on; item_counts_rebuild repairs the counts.
        logger.warning("Item counts are behind the items (%s); run item_counts_rebuild.", key)
        return
    try:
        with transaction.atomic():
            ItemCount.all_panels.create(**key._asdict(), count=delta)
    except IntegrityError:
        # Another transaction made the row first (PostgreSQL made this one wait for it to
        # commit): add to that row instead.
        rows.update(count=F("count") + delta)


def _item_keys() -> dict[str, ExpressionWrapper[Q]]:
    return {
        "closed": ExpressionWrapper(Q(closed_at__isnull=False), output_field=BooleanField()),
        "withdrawn": ExpressionWrapper(Q(withdrawn_at__isnull=False), output_field=BooleanField()),
    }


@transaction.atomic
def item_counts_rebuild(*, panels: Iterable[Panel] | None = None) -> int:
    """Recompute the counts from the items, of `panels` or of every panel; returns how many
    rows the table now holds for them."""
    if connection.vendor == "postgresql":
        # Holds off every service's count change until the new counts are in (they wait, then
        # add to the rebuilt rows); the items are read once the lock is held, so none is missed.
        with connection.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{ItemCount._meta.db_table}" IN SHARE ROW EXCLUSIVE MODE')
    items = TrackedItem.all_panels.all()
    counts = ItemCount.all_panels.all()
    if panels is not None:
        ids = [panel.pk for panel in panels]
        items, counts = items.filter(panel_id__in=ids), counts.filter(panel_id__in=ids)
    groups = (
        items.annotate(**_item_keys()).values(*CountKey._fields).annotate(n=Count("pk")).order_by()
    )
    fresh = [
        ItemCount(**{name: row[name] for name in CountKey._fields}, count=row["n"])
        for row in groups
    ]
    # Counts are derived rows, not records: replaced, not kept.
    counts.delete()
    return len(ItemCount.all_panels.bulk_create(fresh, batch_size=1000))


def item_counts_computed() -> dict[CountKey, int]:
    """The counts of the current panel as the items give them (for checks and tests)."""
    groups = (
        TrackedItem.objects.annotate(**_item_keys())
        .values(*CountKey._fields)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {CountKey(**{name: row[name] for name in CountKey._fields}): row["n"] for row in groups}


def item_counts_stored() -> dict[CountKey, int]:
    """The counts of the current panel as the table holds them (rows at 0 left out)."""
    rows = ItemCount.objects.filter(count__gt=0).values(*CountKey._fields, "count")
    return {
        CountKey(**{name: row[name] for name in CountKey._fields}): row["count"] for row in rows
    }
