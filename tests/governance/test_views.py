"""The board's pages: redacted content only for the OPCC, who may open what, recording a
request and its outcome, the public report on the panel's agenda, and the accountability chain."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from governance import services
from meetings.models import Document
from scrutiny.models import TrackedItem
from tests.governance.conftest import SECRET
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db


def request_for(users, board, **kwargs):
    fields = {
        "actor": users["opcc"],
        "agenda_item": board["review"],
        "text": "Return to the next CGB with an update, to the PCC's brief.",
        "addressee": "force",
    }
    return services.cgb_request_create(**(fields | kwargs))


def test_redacted_content_only_for_opcc_and_admin(client_as, board):
    url = reverse("governance:cgb-meeting", args=[board["first"].pk])
    assert SECRET in client_as("opcc").get(url).content.decode()
    assert SECRET in client_as("admin").get(url).content.decode()
    member_page = client_as("member").get(url).content.decode()
    assert SECRET not in member_page and "Operationally sensitive." in member_page
    assert client_as(None).get(url).status_code == 302
    report = client_as("opcc").get(reverse("governance:cgb-report", args=[board["first"].pk]))
    assert report.status_code == 200
    assert "Operational Summary" in report.content.decode()  # the item is reported, by title
    assert SECRET not in report.content.decode()
    pdf = client_as("opcc").get(reverse("governance:cgb-report-pdf", args=[board["first"].pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Operational Summary" in text and "redacted" in text
    assert SECRET not in text


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("governance:cgb-dashboard", ["opcc", "admin"], ["member", "democratic"]),
        ("governance:cgb-meeting-create", ["opcc", "admin"], ["member", "democratic"]),
    ],
)
def test_board_pages_permissions(client_as, board, name, allowed, refused):
    url = reverse(name)
    assert client_as(None).get(url).status_code == 302
    for role in allowed:
        assert client_as(role).get(url).status_code == 200
    for role in refused:
        assert client_as(role).get(url).status_code == 403


def test_record_a_request_and_its_outcome_through_the_pages(client_as, users, board):
    officer = client_as("opcc")
    url = reverse("governance:cgb-request-create", args=[board["review"].pk])
    assert client_as("member").get(url).status_code == 403
    refused = officer.post(url, {"text": "", "addressee": "force"})
    assert "Write the request." in refused.content.decode()
    nixon = PersonFactory(display_name="Mr Rob Nixon")
    officer.post(url, {"text": "Return with an update.", "addressee": "officer",
                       "addressee_person": nixon.pk})  # fmt: skip
    item = TrackedItem.objects.get()
    assert item.addressee_person == nixon
    outcome_url = reverse("governance:cgb-outcome", args=[item.pk])
    assert client_as("member").get(outcome_url).status_code == 403
    officer.post(outcome_url, {"meeting": board["second"].pk, "outcome": "Presented.",
                               "accepted": "yes"})  # fmt: skip
    item.refresh_from_db()
    assert item.closed_at is not None


def test_report_attached_to_a_panel_agenda_item(client_as, users, board):
    panel = MeetingFactory(date=datetime.date(2024, 12, 2), published=True)
    item = AgendaItemFactory(meeting=panel, number="7", title="Corporate Governance Board.")
    url = reverse("governance:cgb-report", args=[board["first"].pk])
    assert client_as("member").post(url, {"agenda_item": item.pk}).status_code == 403
    client_as("opcc").post(url, {"agenda_item": item.pk})
    document = item.documents.get()
    assert document.kind == Document.Kind.CGB_REPORT and not document.exempt
    text = " ".join(p.extract_text() for p in PdfReader(document.file.open("rb")).pages)
    assert "Operational Summary" in text and SECRET not in text


def test_dashboard_query_count_does_not_grow(
    client_as, users, board, django_assert_max_num_queries
):
    client = client_as("opcc")
    request_for(users, board)
    client.get(reverse("governance:cgb-dashboard"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("governance:cgb-dashboard"))
    for n in range(15):
        request_for(users, board, text=f"Request {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("governance:cgb-dashboard")).content.decode()
    assert page.count("CGB/2024-09-18/4b-") >= 16


def test_chain_page(client_as, users, board):
    panel_item = TrackedItem.objects.create(
        reference="PCP/2024-10-28/32(b)",
        source="manual",
        source_document="Minutes of 28 October 2024",
        body=MeetingFactory().body,
        title="Assurance from the Chief Constable",
        text="Seek assurance from the Chief Constable on arrest criteria.",
        addressee="pcc",
        raised_on=datetime.date(2024, 10, 28),
        due_date=datetime.date(2024, 11, 29),
    )
    request = request_for(users, board, parent=panel_item)
    page = client_as("member").get(reverse("scrutiny:item-chain", args=[request.pk]))
    text = page.content.decode().split("<main", 1)[1]
    assert text.index("PCP/2024-10-28/32(b)") < text.index(request.reference)
    assert client_as(None).get(reverse("scrutiny:item-chain", args=[request.pk])).status_code == 302


def test_the_meetings_page_of_a_board_meeting_shows_the_sections_the_reader_may_read(
    client_as, board
):
    url = reverse("meetings:meeting-detail", args=[board["first"].pk])
    officer = client_as("opcc").get(url).content.decode()
    member = client_as("member").get(url).content.decode()
    assert SECRET in officer and SECRET not in member
    assert "Redacted: not suitable for the public domain." in member
    assert "commissioned a review" in officer and "commissioned a review" in member
