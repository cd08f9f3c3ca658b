"""Who may raise what (the permission table): OPCC officers raise the board's requests and grant
items; the panel's own items, from a resolution, a minute point or by hand, are raised by
democratic services and administrators."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from governance import services as board_services
from meetings.models import Body
from scrutiny import services
from scrutiny.models import TrackedItem
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db
CREATE = reverse("scrutiny:item-create")
DUE = datetime.date(2099, 12, 2)


@pytest.fixture
def resolution():
    meeting = MeetingFactory(date=datetime.date(2024, 10, 28), published=True)
    return ResolutionFactory(minute=MinuteFactory(meeting=meeting, number=29), label="(c)")


def from_resolution(actor, resolution):
    return services.item_create(
        actor=actor,
        resolution=resolution,
        title="",
        text=resolution.text,
        addressee="pcc",
        due_date=DUE,
    )


def by_hand(actor, *, source="manual"):
    return services.item_create(
        actor=actor,
        body=BodyFactory(),
        source=source,
        source_document="Agenda pack, 2 December 2024",
        title="",
        text="Report back on the estates strategy.",
        addressee="opcc",
        due_date=DUE,
    )


def test_an_opcc_officer_may_not_raise_panel_items_through_the_service(users, resolution):
    officer = users["opcc"]
    with pytest.raises(PermissionDenied):
        from_resolution(officer, resolution)
    with pytest.raises(PermissionDenied):
        services.item_create(
            actor=officer,
            minute_point=MinutePointFactory(),
            title="",
            text="Funding split",
            addressee="pcc",
            due_date=DUE,
        )
    for source in ("manual", "task_group", "advisory_panel", "report_commitment"):
        with pytest.raises(PermissionDenied):
            by_hand(officer, source=source)
    assert TrackedItem.objects.count() == 0


def test_an_opcc_officer_still_raises_grant_items_and_board_requests(users):
    officer = users["opcc"]
    grant_item = by_hand(officer, source="grant_question")
    board = Body.objects.create(slug="cgb", name="Corporate Governance Board", kind="board")
    meeting = MeetingFactory(body=board, date=datetime.date(2024, 9, 18), session="private")
    MeetingFactory(body=board, date=datetime.date(2024, 11, 21), session="private")
    request = board_services.cgb_request_create(
        actor=officer,
        agenda_item=AgendaItemFactory(meeting=meeting, number="4b"),
        text="Return to the next CGB with an update.",
        addressee="force",
    )
    assert grant_item.source == TrackedItem.Source.GRANT_QUESTION
    assert request.source == TrackedItem.Source.CGB_REQUEST
    assert TrackedItem.objects.count() == 2


@pytest.mark.parametrize("role", ["democratic", "admin"])
def test_democratic_services_and_administrators_raise_panel_items(users, resolution, role):
    item = from_resolution(users[role], resolution)
    manual = by_hand(users[role])
    assert item.reference == "PCP/2024-10-28/29(c)"
    assert manual.source == TrackedItem.Source.MANUAL


def test_the_raise_page_refuses_an_opcc_officer_a_resolution_or_a_point(client_as, resolution):
    officer = client_as("opcc")
    point = MinutePointFactory()
    form = {
        "text": "x",
        "addressee": "pcc",
        "requested_by": "panel",
        "response_wanted": "written_response",
        "due_kind": "date",
        "due_date": "2099-12-02",
    }
    assert officer.get(f"{CREATE}?resolution={resolution.pk}").status_code == 403
    assert officer.get(f"{CREATE}?point={point.pk}").status_code == 403
    assert officer.post(f"{CREATE}?resolution={resolution.pk}", form).status_code == 403
    assert officer.post(CREATE, form | {"resolution": resolution.pk}).status_code == 403
    body = resolution.minute.meeting.body_id
    manual = form | {"source": "manual", "source_document": "Paper", "body": body}
    assert officer.post(CREATE, manual).status_code == 403
    assert TrackedItem.objects.count() == 0


def test_the_raise_page_offers_an_opcc_officer_grant_items_only(client_as, resolution):
    page = client_as("opcc").get(CREATE)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<option value="grant_question" selected>Question about a grant</option>' in html
    assert "Entered by hand" not in html
    assert "Task-group recommendation" not in html
    everything = client_as("democratic").get(CREATE).content.decode()
    assert "Entered by hand" in everything and "Question about a grant" in everything


def test_an_opcc_officer_raises_a_grant_item_through_the_page(client_as, resolution):
    answer = client_as("opcc").post(
        CREATE,
        {"text": "Report back on the grant's outcomes.", "source": "grant_question",
         "source_document": "Safety Fund paper", "body": resolution.minute.meeting.body_id,
         "addressee": "opcc", "requested_by": "panel", "response_wanted": "information",
         "due_kind": "date", "due_date": "2099-12-02"},
    )  # fmt: skip
    item = TrackedItem.objects.get()
    assert answer.status_code == 302 and answer["Location"] == item.get_absolute_url()
    assert item.source == TrackedItem.Source.GRANT_QUESTION


@pytest.mark.parametrize("role", ["democratic", "admin"])
def test_democratic_services_and_administrators_raise_from_a_resolution_page(
    client_as, resolution, role
):
    client = client_as(role)
    url = f"{CREATE}?resolution={resolution.pk}"
    page = client.get(url)
    assert page.status_code == 200 and resolution.text in page.content.decode()
    answer = client.post(
        url,
        {"text": resolution.text, "addressee": "pcc", "requested_by": "panel",
         "response_wanted": "written_response", "due_kind": "date", "due_date": "2099-12-02"},
    )  # fmt: skip
    item = TrackedItem.objects.get()
    assert answer.status_code == 302 and answer["Location"] == item.get_absolute_url()
    assert item.resolution == resolution
