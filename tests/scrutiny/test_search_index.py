"""On PostgreSQL the dashboard's queries can be answered from their indexes: the full-text
search from the GIN index built on the same expression, the open items from the partial index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from scrutiny.filters import ItemFilter, items_search
from scrutiny.models import TrackedItem
from scrutiny.selectors import items_base
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


def plan_for(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows a sequential scan is cheapest; forbid it to see which index
        # the planner can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def items():
    if connection.vendor != "postgresql":
        pytest.skip("index plans are checked on PostgreSQL (as .ci/run does)")
    TrackedItemFactory.create_batch(3, text="The CFO to develop a picture of total reserves.")
    # Items for every addressee, most of them long closed, and fresh statistics, as a real
    # tracker has: the planner then weighs the indexes as it would in production rather than
    # on an empty table's guesses.
    for addressee in TrackedItem.Addressee.values:
        TrackedItemFactory.create_batch(2, addressee=addressee, text="Another request.")
        TrackedItemFactory.create_batch(
            20, addressee=addressee, text="A closed request.", closed_at=timezone.now()
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE scrutiny_trackeditem")


# The open items' partial indexes (all built on OPEN_ITEM). For the whole open list the planner
# may take any of them, by due date or by body, depending on the statistics; never a full scan.
OPEN_INDEXES = ("item_open_due_idx", "item_open_body_idx", "item_open_addressee_idx")


@pytest.mark.parametrize(
    ("query", "indexes"),
    [
        ("status=open", OPEN_INDEXES),
        ("status=open&addressee=force", ("item_open_addressee_idx",)),
    ],
)
def test_dashboard_pages_read_the_partial_indexes(items, query, indexes):
    page = ItemFilter(QueryDict(query), queryset=items_base()).qs[:26]
    plan = plan_for(page)
    assert any(index in plan for index in indexes), plan
    assert "item_due_idx " not in plan and "Seq Scan" not in plan


def test_search_reads_the_gin_index(items):
    # Across panels (a journalist's search of every panel), where the GIN index is the only one
    # that helps: within one panel of a small test table the planner may rather read the
    # panel's rows by a panel-leading index and filter them, which is right at that size.
    matches = items_search(TrackedItem.all_panels.order_by(), "reserves")
    assert "item_search_idx" in plan_for(matches)
    assert matches.count() == 3
