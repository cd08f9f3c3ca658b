"""The Corporate Governance Board: requests to the Force, outcomes carried forward, the public
report, the accountability chain, and redacted content that never leaves the OPCC."""

from __future__ import annotations

import datetime
import io
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Body, Document, Meeting
from scrutiny import services
from scrutiny.models import TrackedItem
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, PersonFactory

pytestmark = pytest.mark.django_db
SECRET = "Operation Kestrel surveillance detail"


@pytest.fixture
def board():
    body = Body.objects.create(
        slug="cgb", name="Corporate Governance Board", kind="board", reference_prefix="CGB"
    )
    first = MeetingFactory(body=body, date=datetime.date(2024, 9, 18), session="private")
    second = MeetingFactory(body=body, date=datetime.date(2024, 11, 21), session="private")
    summary = AgendaItemFactory(
        meeting=first,
        number="3",
        title="Operational Summary",
        redacted=True,
        redaction_reason="Operationally sensitive.",
        force_update=SECRET,
    )
    review = AgendaItemFactory(
        meeting=first,
        number="4b",
        title="Update on Recommendations from East Leicester Disorder Review",
        overview="Following the disorder the Chief Constable commissioned a review.",
    )
    return {"first": first, "second": second, "summary": summary, "review": review}


def request_for(users, board, **kwargs):
    fields = {
        "actor": users["opcc"],
        "agenda_item": board["review"],
        "text": "Return to the next CGB with an update, to the PCC's brief.",
        "addressee": "force",
    }
    return services.cgb_request_create(**(fields | kwargs))


def test_request_is_due_at_the_next_board_and_addressed_to_the_force(users, board):
    item = request_for(users, board)
    assert item.reference == "CGB/2024-09-18/4b-1"
    assert item.due_meeting == board["second"] and item.due_date == board["second"].date
    assert item.source == TrackedItem.Source.CGB_REQUEST
    assert item.requested_by == TrackedItem.RequestedBy.PCC_AT_CGB
    assert not item.is_public
    with pytest.raises(PermissionDenied):
        request_for(users, board, actor=users["member"])
    with pytest.raises(ValidationError, match="Choose the officer"):
        request_for(users, board, addressee="officer")


def test_not_an_update_reopens_and_carries_forward_once(users, board):
    item = request_for(users, board, due_date=datetime.date(2024, 9, 18))
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="A year-old report is not an update.",
        meeting=board["first"],
        accepted=False,
    )
    item.refresh_from_db()
    assert item.is_open and item.due_meeting == board["second"]
    carried = board["second"].agenda_items.get()
    assert carried.title == board["review"].title
    assert item.reference in carried.description
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="Still not an update.",
        meeting=board["first"],
        accepted=False,
    )
    assert board["second"].agenda_items.count() == 1  # not carried twice
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="The implementation plan was presented.",
        meeting=board["second"],
        accepted=True,
    )
    item.refresh_from_db()
    assert item.closed_at is not None and item.outcome_meeting == board["second"]


def test_outcome_bad_input(users, board):
    item = request_for(users, board)
    with pytest.raises(ValidationError, match="Record what"):
        services.item_outcome_record(
            actor=users["opcc"], item=item, outcome=" ", meeting=board["second"], accepted=True
        )
    panel_meeting = MeetingFactory(date=datetime.date(2024, 12, 2))
    with pytest.raises(ValidationError, match="body that made the request"):
        services.item_outcome_record(
            actor=users["opcc"], item=item, outcome="x", meeting=panel_meeting, accepted=True
        )
    item.refresh_from_db()
    assert item.outcome == "" and item.is_open


def test_redacted_content_only_for_opcc_and_admin(client_as, board):
    url = reverse("scrutiny:cgb-meeting", args=[board["first"].pk])
    assert SECRET in client_as("opcc").get(url).content.decode()
    assert SECRET in client_as("admin").get(url).content.decode()
    member_page = client_as("member").get(url).content.decode()
    assert SECRET not in member_page and "Operationally sensitive." in member_page
    assert client_as(None).get(url).status_code == 302
    report = client_as("opcc").get(reverse("scrutiny:cgb-report", args=[board["first"].pk]))
    assert SECRET not in report.content.decode()
    pdf = client_as("opcc").get(reverse("scrutiny:cgb-report-pdf", args=[board["first"].pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Operational Summary" in text and "redacted" in text
    assert SECRET not in text


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("scrutiny:cgb-dashboard", ["opcc", "admin"], ["member", "democratic"]),
        ("scrutiny:cgb-meeting-create", ["opcc", "admin"], ["member", "democratic"]),
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
    url = reverse("scrutiny:cgb-request-create", args=[board["review"].pk])
    assert client_as("member").get(url).status_code == 403
    refused = officer.post(url, {"text": "", "addressee": "force"})
    assert "Write the request." in refused.content.decode()
    nixon = PersonFactory(display_name="Mr Rob Nixon")
    officer.post(url, {"text": "Return with an update.", "addressee": "officer",
                       "addressee_person": nixon.pk})  # fmt: skip
    item = TrackedItem.objects.get()
    assert item.addressee_person == nixon
    outcome_url = reverse("scrutiny:cgb-outcome", args=[item.pk])
    assert client_as("member").get(outcome_url).status_code == 403
    officer.post(outcome_url, {"meeting": board["second"].pk, "outcome": "Presented.",
                               "accepted": "yes"})  # fmt: skip
    item.refresh_from_db()
    assert item.closed_at is not None


def test_report_attached_to_a_panel_agenda_item(client_as, users, board):
    panel = MeetingFactory(date=datetime.date(2024, 12, 2), published=True)
    item = AgendaItemFactory(meeting=panel, number="7", title="Corporate Governance Board.")
    url = reverse("scrutiny:cgb-report", args=[board["first"].pk])
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
    client.get(reverse("scrutiny:cgb-dashboard"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("scrutiny:cgb-dashboard"))
    for n in range(15):
        request_for(users, board, text=f"Request {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("scrutiny:cgb-dashboard")).content.decode()
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


def public_text(client: Client, url: str) -> str:
    """The page, or the text of the PDF, that the public gets at `url`."""
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return content.decode()


def test_demo_board_of_18_september_2024():
    call_command("load_demo", "--force", stdout=StringIO())
    board = Meeting.objects.get(body__slug="cgb", date=datetime.date(2024, 9, 18))
    summary = board.agenda_items.get(title="Operational Summary")
    secret = "Neighbourhood Link"  # in the redacted item's content only
    assert summary.redacted and secret in summary.pcc_response
    member, officer, public = Client(), Client(), Client()
    member.login(username="member", password="demo")
    officer.login(username="opcc", password="demo")
    board_url = reverse("scrutiny:cgb-meeting", args=[board.pk])
    assert secret in officer.get(board_url).content.decode()
    assert secret not in member.get(board_url).content.decode()
    panel = Meeting.objects.get(body__slug="pcp", date=datetime.date(2024, 12, 2))
    report = panel.documents.get(kind=Document.Kind.CGB_REPORT)
    assert report.agenda_item.number == "7"
    report_url = reverse("meetings:document-download", args=[panel.pk, report.pk])
    assert "Operational Summary" in public_text(public, report_url)
    for url in (
        reverse("meetings:meeting-detail", args=[panel.pk]),
        report_url,
        reverse("meetings:agenda-pdf", args=[panel.pk]),
        "/meetings/feed.atom",
    ):
        assert secret not in public_text(public, url), url
    assert "0 meetings found" in public_text(public, f"/meetings/?q={secret}")
    requests = TrackedItem.objects.filter(body__slug="cgb", agenda_item__meeting=board)
    to_force = requests.filter(addressee="force")
    assert to_force.count() >= 3
    assert set(to_force.values_list("addressee_person__slug", flat=True)) >= {
        "rob-nixon",
        "david-sandall",
        "alistair-kelly",
    }
    tracker = member.get("/actions/?status=open&body=cgb").content.decode()
    assert "CGB/2024-09-18/4c-1" in tracker
