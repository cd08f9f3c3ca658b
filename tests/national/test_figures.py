"""The national figures against a hand count of three panels of different shapes."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.panels import panel_for_host
from core.tenancy import panel_scope
from national.selectors import (
    NOT_ENOUGH_DATA,
    DaysBetween,
    _medians_by_window,
    _panel_requests,
    national_figures,
)
from tests.conftest import panel_make
from tests.meetings.factories import BodyFactory
from tests.national.conftest import TODAY, answered, held, request

pytestmark = pytest.mark.django_db


def by_slug(**kwargs):
    return {row.panel.slug: row for row in national_figures(today=TODAY, **kwargs)}


def figures(row):
    return {
        "meetings_held": row.meetings_held,
        "meetings_last_year": row.meetings_last_year,
        "requests": row.requests,
        "answered": row.answered,
        "on_time": row.on_time,
        "late": row.late,
        "overdue": row.overdue,
        "rate_base": row.rate_base,
        "on_time_text": row.on_time_text,
        "median_days_text": row.median_days_text,
        "little_recorded": row.little_recorded,
    }


def test_a_full_record_counts_only_what_the_public_may_read(shapes):
    llr = by_slug()["llr"]
    assert figures(llr) == {
        # Five public panel meetings recorded as held, four of them since 1 March 2024; the
        # meeting past its date but not marked held, the cancelled, private and unpublished
        # ones and the board's meeting are not counted.
        "meetings_held": 5,
        "meetings_last_year": 4,
        # 4 on time + 2 late + 2 overdue + 1 not yet due; private, withdrawn, board, advisory,
        # report-commitment and grant items are left out.
        "requests": 9,
        "answered": 6,
        "on_time": 4,
        "late": 2,
        "overdue": 2,
        "rate_base": 8,
        "on_time_text": "50%",
        # 13, 23, 31, 35, 43, 69 days: the middle two are 31 and 35.
        "median_days_text": "33",
        "little_recorded": False,
    }
    assert llr.completeness_text == "Complete"


def test_a_just_complete_panel_in_another_panel(shapes):
    northshire = by_slug()["northshire"]
    assert figures(northshire) == {
        # Its task group's meeting counts; the meeting of 1 March 2024 is a year old to the day.
        "meetings_held": 4,
        "meetings_last_year": 3,
        "requests": 5,
        "answered": 5,
        "on_time": 4,
        "late": 1,
        "overdue": 0,
        "rate_base": 5,
        "on_time_text": "80%",
        "median_days_text": "14",  # 7, 10, 14, 30, 50
        "little_recorded": False,
    }


def test_a_panel_with_almost_nothing_recorded_is_flagged_not_perfect(shapes):
    tiny = by_slug()["tinyshire"]
    assert (tiny.requests, tiny.answered, tiny.on_time, tiny.late) == (1, 1, 1, 0)
    assert tiny.little_recorded
    assert tiny.on_time_percent is None
    assert tiny.on_time_text == NOT_ENOUGH_DATA
    assert tiny.median_days_text == NOT_ENOUGH_DATA
    assert tiny.gaps == (
        "fewer than 3 meetings held in the last 12 months",
        "fewer than 5 recommendations and requests",
    )


def test_a_panel_with_nothing_at_all_is_listed_and_flagged(shapes):
    panel_make({**BLANK, "slug": "blankshire"}, ["blankshire.testserver"])
    blank = by_slug()["blankshire"]
    assert (blank.meetings_held, blank.requests, blank.answered, blank.overdue) == (0, 0, 0, 0)
    assert blank.little_recorded and blank.on_time_text == NOT_ENOUGH_DATA


def test_a_complete_panel_needs_enough_answers_due_for_a_rate(panel):
    author = User.objects.create_user("few-due")
    body = BodyFactory()
    for month in (5, 8, 11):
        held(body, datetime.date(2024, month, 1))
    later = datetime.date(2025, 6, 1)
    for _ in range(4):
        answered(body, author, datetime.date(2024, 11, 1), due_date=later)
    request(body, due_date=later)  # the fifth request: not yet due, not yet answered
    llr = by_slug()["llr"]
    assert not llr.little_recorded and (llr.requests, llr.on_time, llr.rate_base) == (5, 4, 4)
    assert llr.on_time_text == NOT_ENOUGH_DATA  # complete, but four answers are too few
    answered(body, author, datetime.date(2024, 11, 1), due_date=later)
    assert by_slug()["llr"].on_time_text == "100%"
    answered(body, author, datetime.date(2024, 12, 20))  # late
    assert by_slug()["llr"].on_time_text == "83%"  # 5 of 6, rounded


def test_the_window_median_agrees_with_a_hand_count(shapes):
    """The fallback without `percentile_cont`, run on every database so that PostgreSQL
    checks it too."""
    medians = _medians_by_window(_panel_requests())
    assert medians == {shapes.llr.pk: 33, shapes.northshire.pk: 14, shapes.tiny.pk: 4}


def test_days_between_dates(panel):
    with panel_scope(panel):
        author = User.objects.create_user("days")
        answered(BodyFactory(), author, datetime.date(2025, 1, 1))
    days = _panel_requests().annotate(n=DaysBetween("due_date", "raised_on")).get().n
    assert days == 35


BLANK = {
    "name": "Blankshire Police and Crime Panel",
    "short_name": "Blankshire PCP",
    "police_area": "Blankshire",
    "host_authority": "Blankshire Council",
}


def _panels(count: int) -> None:
    author = User.objects.create_user(f"author-{count}")
    for n in range(count):
        made = panel_make(
            {**BLANK, "slug": f"shire-{count}-{n}", "name": f"Shire {count} {n}"},
            [f"shire-{count}-{n}.testserver"],
        )
        with panel_scope(made):
            body = BodyFactory()
            held(body, datetime.date(2024, 12, 2))
            answered(body, author, datetime.date(2024, 11, 1))
            answered(body, author, datetime.date(2025, 1, 1))


@pytest.mark.parametrize("count", [3, 8])
def test_the_query_count_does_not_grow_with_the_panels(count, client):
    _panels(count)
    panel_for_host("testserver")  # the host map, loaded before the counted request
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/national/")
    assert page.content.decode().count("Shire ") >= count
    # Panels, meetings and requests grouped by panel (and on SQLite the medians); the links to
    # each panel's site come from the host map.
    expected = 3 if connection.vendor == "postgresql" else 4
    assert len(queries) == expected, [q["sql"] for q in queries]
