"""The democratic services journey in a real browser: create a meeting, build and publish its
agenda, record attendance, write minutes with a resolution, publish the draft and confirm it at
the next meeting. axe-core checks every page visited."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import Body, Meeting, Membership
from tests.browser.conftest import assert_accessible, login
from tests.meetings.factories import BodyFactory, MembershipFactory, PersonFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def panel_body() -> Body:
    body = BodyFactory(
        name="Leicester, Leicestershire and Rutland Police and Crime Panel", short_name="PCP"
    )
    taylor = PersonFactory(display_name="Mrs D. Taylor CC", family_name="Taylor")
    MembershipFactory(
        person=taylor,
        body=body,
        role=Membership.Role.CHAIRMAN,
        start_date=datetime.date(2024, 5, 20),
    )
    blackshaw = PersonFactory(display_name="Cllr. Liz Blackshaw", family_name="Blackshaw")
    MembershipFactory(person=blackshaw, body=body, start_date=datetime.date(2023, 5, 1))
    return body


def schedule(page, body: Body, date: str) -> None:
    page.goto("/manage/meetings/")
    page.get_by_role("link", name="Schedule a meeting").click()
    assert_accessible(page)
    page.get_by_label("Body").select_option(label=body.name)
    page.get_by_label("Date", exact=True).fill(date)
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Venue").fill("Sparkenhoe Committee Room, County Hall, Glenfield")
    page.get_by_role("button", name="Schedule meeting").click()
    page.wait_for_load_state()


def record_attendance(page, legend: str, status: str, *, chair: bool = False) -> None:
    row = page.locator("form", has=page.locator("legend", has_text=legend))
    row.get_by_label("Attendance").select_option(status)
    if chair:
        row.get_by_label("In the chair").check()
    row.get_by_role("button", name="Save").click()
    recorded = page.locator("form", has=page.locator("legend", has_text=legend))
    recorded.locator(".govuk-tag", has_text=status.capitalize()).wait_for()


def open_section(page, name: str) -> None:
    page.get_by_role("navigation", name="Sections of this meeting").get_by_role(
        "link", name=name
    ).click()
    page.wait_for_load_state()


def test_democratic_services_journey(page, users, panel_body) -> None:
    login(page, "democratic")

    # Create the meeting of 28 October 2024: the standard Panel items are already there.
    schedule(page, panel_body, "2024-10-28")
    assert page.get_by_role("heading", name="Agenda").is_visible()
    assert page.get_by_text("Public Question Time.").is_visible()
    assert_accessible(page)

    # Build the agenda: add a report, move it, attach its paper.
    page.get_by_label("Title", exact=True).fill("Police and Crime Commissioner's Update")
    page.get_by_label("First page").fill("9")
    page.get_by_label("Last page").fill("24")
    page.get_by_role("button", name="Add item").click()
    page.get_by_role("cell", name="Police and Crime Commissioner's Update").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Move up item 4").click()
    rows = page.locator("#agenda-builder tbody tr")
    expect(rows.nth(2)).to_contain_text("Police and Crime Commissioner's Update")
    page.get_by_role("link", name="Attach a paper to item 3").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Commissioner's Update Report")
    page.get_by_label("File").set_input_files(
        {"name": "update.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(16)}
    )
    page.get_by_role("button", name="Attach paper").click()
    page.wait_for_load_state()
    assert page.get_by_text("update.pdf, 16 pages").is_visible()

    # Publish the agenda.
    open_section(page, "Overview")
    assert_accessible(page)
    page.get_by_role("button", name="Publish agenda").click()
    page.wait_for_load_state()
    assert page.get_by_text("Agenda published.").is_visible()
    assert_accessible(page)

    # Record attendance and a declaration.
    open_section(page, "Attendance and declarations")
    assert_accessible(page)
    record_attendance(page, "Mrs D. Taylor CC – Chairman", "present", chair=True)
    record_attendance(page, "Cllr. Liz Blackshaw – Councillor member", "apologies")
    declarations = page.locator("#declarations")
    declarations.get_by_label("Person").select_option(label="Mrs D. Taylor CC")
    declarations.get_by_label("Kind").select_option("standing")
    declarations.get_by_label("Interest declared").fill("Member of Leicestershire County Council")
    declarations.get_by_role("button", name="Record declaration").click()
    page.get_by_role("cell", name="Member of Leicestershire County Council").wait_for()
    assert_accessible(page)

    # The meeting is held.
    open_section(page, "Overview")
    page.get_by_label("Started at").fill("14:00")
    page.get_by_label("Ended at").fill("14:57")
    page.get_by_role("button", name="Record meeting as held").click()
    page.wait_for_load_state()
    assert_accessible(page)

    # Write the minutes, with a resolution.
    open_section(page, "Minutes")
    editor = page.locator("#minutes-editor")
    assert editor.get_by_label("Minute number").input_value() == "1"
    editor.get_by_label("Heading").fill("Presentation of a New Draft Police and Crime Plan.")
    editor.get_by_label("Preamble").fill(
        "The Panel considered a report of the Police and Crime Commissioner (PCC)."
    )
    editor.get_by_role("button", name="Add minute").click()
    page.get_by_role(
        "heading", name="1. Presentation of a New Draft Police and Crime Plan."
    ).wait_for()
    assert_accessible(page)
    page.get_by_text("Add a resolution to minute 1").click()
    resolution = page.locator("details", has_text="Add a resolution to minute 1")
    resolution.get_by_label("Kind").select_option("request_response")
    resolution.get_by_label("RESOLVED: that…").fill(
        "That the PCC be requested to submit a written response."
    )
    resolution.get_by_role("button", name="Add resolution to minute 1").click()
    page.get_by_text("(a) That the PCC be requested to submit a written response.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Publish draft minutes").click()
    page.wait_for_load_state()
    assert page.get_by_text("Draft minutes published.").is_visible()
    assert_accessible(page)

    # The next meeting starts with the minutes of this one; publish its agenda.
    schedule(page, panel_body, "2024-12-02")
    assert page.get_by_text("Minutes of the meeting held on 28 October 2024.").is_visible()
    assert_accessible(page)
    open_section(page, "Overview")
    page.get_by_role("button", name="Publish agenda").click()
    page.wait_for_load_state()

    # Confirm the October minutes at the December meeting.
    earlier = Meeting.objects.get(date=datetime.date(2024, 10, 28))
    page.goto(f"/manage/meetings/{earlier.pk}/")
    assert page.get_by_label("Confirmed at the meeting of").input_value() != ""
    page.get_by_role("button", name="Confirm minutes").click()
    page.wait_for_load_state()
    assert page.get_by_text("The minutes were confirmed on 2 December 2024").is_visible()
    assert_accessible(page)
    earlier.refresh_from_db()
    assert earlier.status == Meeting.Status.MINUTES_CONFIRMED
