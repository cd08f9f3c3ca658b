"""The public visitor's journey in a real browser: the meetings list, a search, the meeting of
28 October 2024 from the demo data, and one of its decisions. axe-core checks every page."""

from __future__ import annotations

import io

import pytest

from meetings import demo
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_meetings() -> None:
    demo.load(stdout=io.StringIO())


def test_anonymous_visitor_finds_a_meeting_and_a_decision(page, demo_meetings):
    page.goto("/meetings/")
    assert page.get_by_role("heading", name="Meetings", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_label("Search agendas and minutes").fill("e-scooters")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 meeting found").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="28 October 2024").click()
    page.wait_for_url("**/meetings/*/")
    page.get_by_role("heading", name="Minutes", exact=True).wait_for()
    assert page.get_by_text("DRAFT minutes: not yet confirmed").is_visible()
    assert page.get_by_text("29. Presentation of a New Draft Police and Crime Plan.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Decision 29(c)").click()
    page.wait_for_url("**/decisions/*/")
    assert page.get_by_text(
        "That the PCC be requested to submit a written response addressing the comments"
    ).first.is_visible()
    assert_accessible(page)


def test_decision_register_filters_without_javascript_errors(page, demo_meetings):
    page.goto("/decisions/")
    assert_accessible(page)
    page.get_by_label("Kind of decision").select_option("request_response")
    page.get_by_role("button", name="Filter decisions").click()
    # 29(c) and 32(b) of 28 October 2024 ask for a response.
    page.get_by_text("2 decisions.").wait_for()
    page.wait_for_url("**/decisions/?*kind=request_response*")
    assert page.get_by_text("submit a written response").first.is_visible()
    assert_accessible(page)
