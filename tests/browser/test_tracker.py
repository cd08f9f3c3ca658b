"""The tracker's whole chain in a real browser: a resolution creates an item → the OPCC officer
drafts and submits a response → a panel member challenges it → the officer resubmits → the
member accepts → the item is closed with its whole timeline, and the public decision page shows
the published response. axe-core checks each page."""

from __future__ import annotations

import datetime

import pytest

from scrutiny.models import TrackedItem
from tests.browser.conftest import assert_accessible, login
from tests.conftest import make_user
from tests.meetings.factories import MeetingFactory, MinuteFactory, ResolutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def resolution():
    for username, role in (
        ("democratic", "Democratic services officer"),
        ("opcc", "OPCC officer"),
        ("member", "Panel member"),
    ):
        make_user(username, role)
    meeting = MeetingFactory(
        date=datetime.date(2024, 10, 28),
        published=True,
        status="minutes_draft",
        minutes_published_at=datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC),
    )
    MeetingFactory(body=meeting.body, date=datetime.date(2099, 12, 2))
    minute = MinuteFactory(meeting=meeting, number=29, title="Draft Police and Crime Plan")
    return ResolutionFactory(
        minute=minute,
        label="(c)",
        text="That the PCC be requested to submit a written response addressing the comments "
        "made by the Panel relating to the draft Police and Crime Plan for 2025 to 2029.",
    )


def sign_in_as(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_resolution_to_closed_item(page, resolution):
    sign_in_as(page, "democratic")
    page.goto(f"/actions/new/?resolution={resolution.pk}")
    assert_accessible(page)
    page.get_by_label("Addressed to").select_option("pcc")
    page.get_by_label("By the next meeting").check()
    page.get_by_role("button", name="Raise item").click()
    page.get_by_text("Tracked item PCP/2024-10-28/29(c) raised").wait_for()
    item = TrackedItem.objects.get()
    assert item.due_date == datetime.date(2099, 12, 2)
    item_url = f"/actions/{item.pk}/"
    assert_accessible(page)

    sign_in_as(page, "opcc")
    page.goto(item_url)
    page.get_by_role("link", name="Draft a response").click()
    assert_accessible(page)
    page.get_by_label("Response", exact=True).fill("The Plan will be **amended**.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved.").wait_for()
    page.get_by_role("button", name="Submit the response").click()
    page.get_by_text("Response submitted.").wait_for()

    sign_in_as(page, "member")
    page.goto("/actions/?status=open")
    assert_accessible(page)
    page.get_by_role("link", name="PCP/2024-10-28/29(c)").click()
    page.get_by_label("Challenge it (reopens the item)").check()
    page.get_by_label("Reason for challenging").fill("Say how younger people will be reached.")
    page.get_by_label("New due date").fill("2099-12-31")
    page.get_by_role("button", name="Record the panel's review").click()
    page.get_by_text("Response challenged.").wait_for()
    assert_accessible(page)

    sign_in_as(page, "opcc")
    page.goto("/actions/assigned/")
    assert_accessible(page)
    page.goto(item_url)
    page.get_by_role("link", name="Draft a response").click()
    page.get_by_label("Response", exact=True).fill("Youth engagement sessions run in spring.")
    page.get_by_role("button", name="Submit the response").click()
    page.get_by_text("Response submitted.").wait_for()

    sign_in_as(page, "member")
    page.goto(item_url)
    page.get_by_label("Accept the response (closes the item)").check()
    page.get_by_role("button", name="Record the panel's review").click()
    page.get_by_text("Response accepted; item closed.").wait_for()
    assert page.locator(".govuk-tag", has_text="Closed").count() == 1
    timeline = page.locator(".app-timeline").inner_text()
    for verb in ("Raised", "Response submitted", "Reopened", "Closed"):
        assert verb in timeline
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"/decisions/{resolution.pk}/")
    page.get_by_text("Youth engagement sessions run in spring.").wait_for()
    assert "PCP/2024-10-28/29(c)" in page.content()
    assert_accessible(page)


def test_dashboard_filters_update_in_place(page, resolution):
    sign_in_as(page, "member")
    page.goto("/actions/")
    page.get_by_label("Status").select_option("closed")
    page.wait_for_url("**/actions/?*status=closed*")
    page.get_by_text("No items match these filters.").wait_for()
    assert_accessible(page)
