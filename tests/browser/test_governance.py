"""The Corporate Governance Board in a real browser: an OPCC officer records a board item with a
request to the Force, records the outcome at the next board, generates the public report and
attaches it to a panel agenda; a panel member follows the chain from the panel's request.
axe-core checks each page."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Body, Document
from scrutiny.models import TrackedItem
from tests.browser.conftest import assert_accessible, login
from tests.conftest import make_user
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting():
    make_user("opcc", "OPCC officer")
    make_user("member", "Panel member")
    body = Body.objects.create(
        slug="cgb", name="Corporate Governance Board", kind="board", reference_prefix="CGB"
    )
    first = MeetingFactory(body=body, date=datetime.date(2024, 9, 18), session="private")
    second = MeetingFactory(body=body, date=datetime.date(2024, 11, 21), session="private")
    panel = MeetingFactory(date=datetime.date(2024, 12, 2), published=True)
    AgendaItemFactory(meeting=panel, number="7", title="Corporate Governance Board.")
    PersonFactory(display_name="Mr David Sandall", given_name="David", family_name="Sandall")
    asked = TrackedItem.objects.create(
        reference="PCP/2024-10-28/32(b)",
        source="manual",
        source_document="Minutes of 28 October 2024",
        body=panel.body,
        title="Assurance on arrest criteria",
        text="That the PCC seek assurances from the Chief Constable on arrest criteria.",
        addressee="pcc",
        raised_on=datetime.date(2024, 10, 28),
        due_date=datetime.date(2024, 12, 2),
    )
    return {"first": first, "second": second, "panel": panel, "asked": asked}


def sign_in_as(page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username)


def test_board_request_outcome_report_and_chain(page, setting):
    sign_in_as(page, "opcc")
    page.goto("/cgb/")
    assert_accessible(page)
    page.get_by_role("link", name="18 September 2024", exact=True).click()
    page.get_by_text("Add an item").click()
    page.get_by_label("Number", exact=True).fill("4c")
    page.get_by_label("Title", exact=True).fill("Policing Elections Update")
    page.get_by_label("Force update").fill("Demand was 57% above the last general election.")
    page.get_by_role("button", name="Add item").click()
    page.get_by_text("Item 4c added.").wait_for()
    page.get_by_text("Add an item").click()
    page.get_by_label("Number", exact=True).fill("3")
    page.get_by_label("Title", exact=True).fill("Operational Summary")
    page.get_by_label("Force update").fill("Operation Kestrel surveillance detail")
    page.get_by_label("Redact from the public report").check()
    page.get_by_label("Reason for redaction").fill("Operationally sensitive.")
    page.get_by_role("button", name="Add item").click()
    page.get_by_text("Item 3 added.").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Record a request to the Force from item 4c").click()
    assert_accessible(page)
    page.get_by_label("What the PCC asked for").fill(
        "Check and feed back how many arrests ended with no further action."
    )
    page.get_by_label("Asked of").select_option("officer")
    page.get_by_label("Named officer").select_option(label="Mr David Sandall")
    page.get_by_label("Answers the panel's request").select_option(str(setting["asked"].pk))
    page.get_by_role("button", name="Record request").click()
    page.get_by_text("Request CGB/2024-09-18/4c-1 recorded.").wait_for()
    request = TrackedItem.objects.get(source="cgb_request")
    assert request.parent == setting["asked"]
    assert request.due_meeting == setting["second"]

    page.get_by_role("link", name="Record the outcome of CGB/2024-09-18/4c-1").click()
    assert_accessible(page)
    page.get_by_label("Reported at the meeting of").select_option(str(setting["second"].pk))
    page.get_by_label("What the Force reported").fill("12 of 40 arrests ended with NFA.")
    page.get_by_label("The PCC accepted it (closes the request)").check()
    page.get_by_role("button", name="Record outcome").click()
    page.get_by_text("Outcome recorded.").wait_for()
    assert_accessible(page)

    page.goto(f"/cgb/meetings/{setting['first'].pk}/report/")
    assert "Operation Kestrel" not in page.content()
    assert_accessible(page)
    page.get_by_label("Panel agenda item").select_option(index=1)
    page.get_by_role("button", name="Attach the report to the panel agenda").click()
    page.get_by_text("to the panel agenda.").wait_for()
    assert setting["panel"].documents.filter(kind=Document.Kind.CGB_REPORT).exists()

    sign_in_as(page, "member")
    page.goto(f"/actions/{request.pk}/")
    assert_accessible(page)
    assert "12 of 40 arrests ended with NFA." in page.content()
    page.get_by_role("link", name="See the accountability chain").click()
    chain = page.locator("main").inner_text()
    assert chain.index("PCP/2024-10-28/32(b)") < chain.index("CGB/2024-09-18/4c-1")
    assert "12 of 40 arrests ended with NFA." in chain
    assert_accessible(page)
    page.goto(f"/cgb/meetings/{setting['first'].pk}/")
    assert "Operation Kestrel" not in page.content()
    assert "Operationally sensitive." in page.content()
    assert_accessible(page)
