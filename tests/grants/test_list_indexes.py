"""On PostgreSQL the grants registers read their rows in order from an index that leads with
the panel (or the round), so a page costs the same however many years of grants there are.

As in tests/meetings/test_search_index.py: rows made with `bulk_create` in several panels,
each panel's rows scattered through the tables, vacuumed and analysed; no planner setting is
forced."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict

from core.models import Panel
from core.tenancy import panel_scope
from grants import selectors
from grants.models import (
    Application,
    Award,
    Decision,
    DueDiligenceVisit,
    GrantRound,
    MonitoringReturn,
)
from tests.grants.factories import RoundFactory
from tests.meetings.factories import OrganisationFactory

# Committed: VACUUM cannot run inside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)

PANELS = 8
AWARDS = 300  # a panel's, each with four quarterly returns and a visit


def plan_for(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _interleaved(rows: list) -> list:
    by_panel: dict[int, list] = {}
    for row in rows:
        by_panel.setdefault(row.panel_id, []).append(row)
    return [row for turn in itertools.zip_longest(*by_panel.values()) for row in turn if row]


@pytest.fixture
def grants(panel):
    if connection.vendor != "postgresql":
        pytest.skip("index plans are checked on PostgreSQL (as .ci/run does)")
    rounds = []
    for n in range(PANELS):
        each = panel if n == 0 else Panel.objects.create(slug=f"p-{n}", name=f"P {n}")
        with panel_scope(each):
            grant_round = RoundFactory(status=GrantRound.Status.AWARDS_MADE)
            rounds.append((grant_round, OrganisationFactory()))
    applications = Application.all_panels.bulk_create(
        _interleaved(
            [
                Application(
                    panel_id=grant_round.panel_id,
                    round=grant_round,
                    reference=f"A{i}",
                    organisation=organisation,
                    project_title=f"Project {i}",
                    amount_requested=Decimal("1000"),
                    position=i,
                )
                for grant_round, organisation in rounds
                for i in range(AWARDS)
            ]
        )
    )
    decisions = {
        (grant_round.pk, month): Decision(
            panel_id=grant_round.panel_id,
            round=grant_round,
            public_reference=f"D{grant_round.pk}-{month}",
            decided_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=30 * month),
        )
        for grant_round, _ in rounds
        for month in range(AWARDS // 10)
    }
    Decision.all_panels.bulk_create(_interleaved(list(decisions.values())))
    awards = Award.all_panels.bulk_create(
        Award(
            panel_id=a.panel_id,
            application=a,
            decision=decisions[(a.round_id, a.position // 10)],
            amount=Decimal("1000"),
        )
        for a in applications
    )
    MonitoringReturn.all_panels.bulk_create(
        _interleaved(
            [
                MonitoringReturn(
                    panel_id=award.panel_id,
                    award=award,
                    period_start=start,
                    period_end=start + datetime.timedelta(days=89),
                    due_on=start + datetime.timedelta(days=104),
                    received_on=start + datetime.timedelta(days=100) if q < 3 else None,
                )
                for q in range(4)
                for award in awards
                for start in [datetime.date(2011, 1, 1) + datetime.timedelta(days=91 * q)]
            ]
        )
    )
    DueDiligenceVisit.all_panels.bulk_create(
        DueDiligenceVisit(
            panel_id=award.panel_id,
            organisation_id=award.application.organisation_id,
            award=award,
            project=f"Project {award.pk}",
            source="PCC update",
            visited_on=datetime.date(2012, 1, 1) + datetime.timedelta(days=award.pk % 700),
        )
        for award in awards
    )
    with connection.cursor() as cursor:
        for model in (Application, Decision, Award, MonitoringReturn, DueDiligenceVisit):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return rounds[0][0]


def test_staff_lists_read_their_order_from_an_index(grants):
    today = datetime.date(2011, 6, 1)
    for show in ("all", "outstanding"):
        params = QueryDict(f"show={show}")
        plan = plan_for(selectors.monitoring_calendar(today=today, params=params).returns[:26])
        # Read in due-date order from return_due_idx (or, outstanding, the partial index).
        assert "Index Scan using return_" in plan and "Sort" not in plan, plan
    visits = plan_for(selectors.visit_list()[:26])
    assert "Index Scan using visit_list_idx" in visits and "Sort" not in visits, visits
    # A round's applications (a few hundred at most) are found by application_round_idx and
    # sorted: an index in their order would save nothing.
    applications = plan_for(selectors.applications_for_round(grant_round=grants)[:51])
    assert "Seq Scan on grants_application " not in applications, applications


def test_award_register_reads_the_published_rounds_awards_by_index(grants):
    # A panel's awards are its published rounds' few thousand at most: they are reached from
    # the rounds through the indexes on their parents, and only those are sorted.
    plan = plan_for(selectors.award_register(params=QueryDict("")).awards[:26])
    for table in ("grants_award", "grants_application", "grants_decision"):
        assert f"Seq Scan on {table} " not in plan, plan
