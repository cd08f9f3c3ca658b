"""On PostgreSQL the public search and the registers are answered from their indexes: each text
search from its GIN index with the panel in the same index (btree_gin), the lists from the
indexes in their order, so that neither grows with the country's twenty years of minutes.

The rows are made with `bulk_create` in several panels (as `seed_scale` does), their search
documents rebuilt with `search_documents_rebuild`, and the tables vacuumed and analysed: with
one panel's rows a small fraction of each table, scattered through it, and fresh statistics
(a GIN index never vacuumed looks far dearer to the planner than it is), the planner weighs
the indexes as it would in production. No planner setting is forced."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.http import QueryDict

from core.models import Panel
from core.tenancy import panel_scope
from meetings.models import (
    AgendaItem,
    Body,
    Document,
    Meeting,
    Minute,
    MinutePoint,
    Resolution,
    municipal_year_of,
)
from meetings.search import SEARCH_INDEXES, search_documents_rebuild
from meetings.selectors import decision_list_public, meeting_list_public

# Committed, not rolled back: VACUUM (which fills in the GIN indexes' statistics, as autovacuum
# does in production) cannot run inside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)

PANELS = 8
MEETINGS = 100  # a panel's; each with ITEMS agenda items and a paper to each, a minute to the
ITEMS = 15  # first MINUTES items, and 3 points and 3 resolutions to each minute
MINUTES = 6
RARE = "reserves"  # in a few rows of each kind, in every panel


def plan_for(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _text(n: int, words: int) -> str:
    return " ".join(f"w{(n * 7919 + i * 104729) % 5000}" for i in range(words))


def _interleaved(rows: list) -> list:
    """The rows taken from each panel in turn, as a deployment writes them: every panel's
    clerks at work at once, so that a panel's rows lie scattered through the table."""
    by_panel: dict[int, list] = {}
    for row in rows:
        by_panel.setdefault(row.panel_id, []).append(row)
    return [row for turn in itertools.zip_longest(*by_panel.values()) for row in turn if row]


def _rows(panels: list[Panel]) -> None:
    """Each panel's meetings with their items, papers, minutes, points and resolutions."""
    bodies = {
        p.pk: Body.all_panels.create(panel=p, name=f"Panel {n}", slug=f"pcp-{n}", kind="panel")
        for n, p in enumerate(panels)
    }
    published = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    meetings = Meeting.all_panels.bulk_create(
        Meeting(
            panel=p,
            body=bodies[p.pk],
            date=datetime.date(2005, 1, 3) + datetime.timedelta(days=30 * i),
            session=Meeting.Session.PUBLIC,
            status=Meeting.Status.MINUTES_CONFIRMED,
            agenda_published_at=published,
            minutes_published_at=published,
        )
        for i in range(MEETINGS)
        for p in panels
    )
    # The meetings whose items, papers and minutes use the rare word: three in each panel.
    rare = {m.pk for m in meetings[: 3 * len(panels)]}
    items = AgendaItem.all_panels.bulk_create(
        _interleaved(
            [
                AgendaItem(
                    panel_id=meeting.panel_id,
                    meeting=meeting,
                    position=k,
                    number=str(k),
                    title=(f"{RARE} " if meeting.pk in rare and k == 1 else "")
                    + _text(n * 9 + k, 5),
                    description=_text(n * 9 + k + 1, 20),
                    exempt=k == MINUTES,
                    exempt_reason="Paragraph 3" if k == MINUTES else "",
                )
                for n, meeting in enumerate(meetings)
                for k in range(1, ITEMS + 1)
            ]
        )
    )
    Document.all_panels.bulk_create(
        _interleaved(
            [
                Document(
                    panel_id=item.panel_id,
                    meeting=item.meeting,
                    agenda_item=item,
                    title=(f"{RARE} " if item.title.startswith(RARE) else "") + f"Report {item.pk}",
                    original_filename="report.pdf",
                    content_type="application/pdf",
                    size=1,
                    sha256="0" * 64,
                )
                for item in items
            ]
        )
    )
    minutes = Minute.all_panels.bulk_create(
        _interleaved(
            [
                Minute(
                    panel_id=item.panel_id,
                    meeting=item.meeting,
                    agenda_item=item,
                    body=item.meeting.body,
                    municipal_year=municipal_year_of(item.meeting.date),
                    number=item.pk,
                    title=item.title,
                    preamble=_text(item.pk, 30),
                )
                for item in items
                if item.position <= MINUTES
            ]
        )
    )
    for model in (MinutePoint, Resolution):
        model.all_panels.bulk_create(
            _interleaved(
                [
                    model(
                        panel_id=minute.panel_id,
                        minute=minute,
                        position=j,
                        text=(f"The {RARE} " if minute.title.startswith(RARE) else "")
                        + _text(minute.number + j, 25),
                    )
                    for minute in minutes
                    for j in range(1, 4)
                ]
            )
        )


@pytest.fixture
def national(panel):
    """Eight panels' years of meetings, the test panel's among them."""
    if connection.vendor != "postgresql":
        pytest.skip("index plans are checked on PostgreSQL (as .ci/run does)")
    panels = [panel] + [
        Panel.objects.create(slug=f"panel-{n}", name=f"Panel {n}", short_name=f"P{n}")
        for n in range(1, PANELS)
    ]
    _rows(panels)
    for model in SEARCH_INDEXES:
        assert search_documents_rebuild(model.all_panels.all()) > 0
    with connection.cursor() as cursor:
        for model in (Meeting, *SEARCH_INDEXES):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return panel


def _index_conditions(plan: str, index: str) -> str:
    """The Index Cond line under the scan of `index`."""
    found = re.search(rf"Index Scan on {index}\s*\(.*\)\n\s*Index Cond: (.*)", plan)
    assert found, f"{index} is not read:\n{plan}"
    return found[1]


def _whole_tables_read(plan: str) -> list[str]:
    """The register's tables read whole (the bodies' few rows may be: they are few)."""
    tables = ("meetings_meeting", "meetings_minute", "meetings_resolution", "meetings_agendaitem")
    return [table for table in tables if f"Seq Scan on {table} " in plan]


def test_search_reads_every_gin_index_with_the_panel(national):
    for query in (RARE, '"the reserves" -w1'):  # a word; a phrase and an exclusion
        results = meeting_list_public(params=QueryDict(f"q={query}")).results
        plan = plan_for(results[:21])
        for index in SEARCH_INDEXES.values():
            condition = _index_conditions(plan, index)
            # The panel and the words in one index scan: only this panel's matches are read.
            assert "panel_id = " in condition and "search_document @@" in condition, plan
        # Only the meetings' own titles (a panel's hundreds of rows) are made into vectors.
        assert plan.count("to_tsvector") == 1, plan
        assert len(results[:21]) == 3


def test_lists_read_the_panels_meetings_newest_first(national):
    plan = plan_for(meeting_list_public(params=QueryDict("")).results[:21])
    assert "Index Scan Backward using meeting_order_idx" in plan, plan
    assert "Seq Scan on meetings_meeting" not in plan and "Sort" not in plan, plan
    # The register: the newest meetings first, their minutes and resolutions by their parents'
    # indexes, and only the ties of one date sorted; nothing reads or sorts the whole register.
    for query in ("", "kind=other", "date_from=2010-01-01&date_to=2012-12-31"):
        plan = plan_for(decision_list_public(params=QueryDict(query)).results[:51])
        assert "Index Scan Backward using meeting_order_idx" in plan, plan
        assert "Incremental Sort" in plan and not _whole_tables_read(plan), plan
    with panel_scope(national):
        body = Body.objects.get()
    plan = plan_for(decision_list_public(params=QueryDict(f"body={body.slug}")).results[:51])
    # (Here a panel has one body: its meetings by body or by panel are the same rows.)
    assert re.search(r"Index Scan Backward using meeting_(body_date|order)_idx", plan), plan
    assert "Incremental Sort" in plan and not _whole_tables_read(plan), plan
