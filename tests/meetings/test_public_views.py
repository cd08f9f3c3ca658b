"""The public meetings pages: who may see what, and exempt, withdrawn and redacted content."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import Meeting, Resolution
from tests.governance.factories import BoardItemFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
)
from tests.meetings.portal import SECRET

pytestmark = pytest.mark.django_db


# --- Who may see what ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "member", "democratic"])
def test_meeting_list_open_to_everyone(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:meeting-list"))
    assert response.status_code == 200
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )


def test_meeting_list_hides_private_and_unpublished(
    client_as, private_meeting, unpublished_meeting, public_meeting
):
    response = client_as(None).get(reverse("meetings:meeting-list"))
    assert response.status_code == 200
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    for meeting in (private_meeting, unpublished_meeting):
        assert reverse("meetings:meeting-detail", args=[meeting.pk]).encode() not in (
            response.content
        )


@pytest.mark.parametrize("role", [None, "member", "opcc"])
def test_public_meeting_page_open_to_everyone(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert response.status_code == 200
    assert b"e-scooters" in response.content


@pytest.mark.parametrize("fixture", ["private_meeting", "unpublished_meeting"])
def test_private_or_unpublished_meeting_is_404_for_the_public(client_as, request, fixture):
    meeting = request.getfixturevalue(fixture)
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["member", "opcc", "democratic", "admin"])
@pytest.mark.parametrize("fixture", ["private_meeting", "unpublished_meeting"])
def test_staff_can_read_private_and_unpublished_meetings(client_as, request, fixture, role):
    meeting = request.getfixturevalue(fixture)
    response = client_as(role).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert b"Not public" in response.content


def test_unpublished_minutes_are_not_shown_to_the_public(client_as):
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting, number=5, preamble=f"Draft not yet out: {SECRET}")
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    assert SECRET.encode() not in client_as(None).get(url).content
    assert b"have not been published yet" in client_as(None).get(url).content
    assert SECRET.encode() in client_as("democratic").get(url).content


# --- Exempt, withdrawn and redacted content ----------------------------------------------


def test_exempt_item_shows_title_and_exempt_only(client_as, exempt_meeting):
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    content = response.content.decode()
    assert "Operational Summary" in content
    assert "Exempt" in content
    assert SECRET not in content
    assert "Paragraph 7" not in content
    assert "Exempt appendix" not in content
    assert "Finance report" in content


def test_withdrawn_item_is_marked(client_as, exempt_meeting):
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    assert b"Withdrawn" in response.content
    assert b"Deferred to February" in response.content


def test_staff_see_exempt_content(client_as, exempt_meeting):
    response = client_as("member").get(reverse("meetings:meeting-detail", args=[exempt_meeting.pk]))
    assert SECRET.encode() in response.content


def test_exempt_paper_cannot_be_downloaded_by_the_public(client_as, exempt_meeting):
    exempt_docs = exempt_meeting.documents.filter(title__contains="xempt") | (
        exempt_meeting.documents.filter(agenda_item__exempt=True)
    )
    for document in exempt_docs:
        url = reverse("meetings:document-download", args=[exempt_meeting.pk, document.pk])
        assert client_as(None).get(url).status_code == 404
        assert client_as("member").get(url).status_code == 200
    public_doc = exempt_meeting.documents.get(title="Finance report")
    url = reverse("meetings:document-download", args=[exempt_meeting.pk, public_doc.pk])
    response = client_as(None).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_paper_of_private_meeting_is_404(client_as, private_meeting):
    document = DocumentFactory(meeting=private_meeting)
    url = reverse("meetings:document-download", args=[private_meeting.pk, document.pk])
    assert client_as(None).get(url).status_code == 404


def test_redacted_sections_are_hidden_from_the_public(client_as):
    meeting = MeetingFactory(published=True)
    BoardItemFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="Operational Summary (Redacted)"),
        overview=f"Overview {SECRET}",
        pcc_response="PCC response text",
        redacted=True,
        redaction_reason="Operational",
    )
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert SECRET.encode() not in response.content
    assert b"Redacted" in response.content


def test_exempt_minutes_never_match_search_or_decisions(client_as, exempt_meeting, public_meeting):
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": SECRET})
    assert response.status_code == 200
    assert b"0 meetings found" in response.content
    assert reverse("meetings:meeting-detail", args=[exempt_meeting.pk]).encode() not in (
        response.content
    )
    response = client_as(None).get(reverse("meetings:decision-list"))
    assert response.status_code == 200
    assert b"submit a written response" in response.content  # the public decision is listed
    assert SECRET.encode() not in response.content
    resolution = Resolution.objects.get(text__contains=SECRET)
    url = reverse("meetings:decision-detail", args=[resolution.pk])
    assert client_as(None).get(url).status_code == 404
