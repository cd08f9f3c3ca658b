"""The public page of a meeting: attendance, declarations, questions, minutes status, papers
and the tracker's published answers."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Attendance, Declaration, Meeting, Resolution
from scrutiny import services as tracker
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    MeetingFactory,
    PersonFactory,
    PublicQuestionFactory,
)

pytestmark = pytest.mark.django_db


# --- Attendance, declarations, questions, minutes status ---------------------------------


def test_meeting_page_shows_attendance_by_capacity(client_as, public_meeting):
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Mrs D. Taylor CC"),
        in_the_chair=True,
    )
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Simon Whelband"),
        status=Attendance.Status.APOLOGIES,
    )
    AttendanceFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Rupert Matthews"),
        capacity=Attendance.Capacity.IN_ATTENDANCE,
        role_text="Police and Crime Commissioner",
    )
    DeclarationFactory(
        meeting=public_meeting,
        person=PersonFactory(display_name="Keith Culverwell"),
        kind=Declaration.Kind.STANDING,
        text="Two family members were in the Police Force.",
    )
    PublicQuestionFactory(meeting=public_meeting, asker="A resident")
    content = (
        client_as(None)
        .get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
        .content.decode()
    )
    assert "Mrs D. Taylor CC (in the Chair)" in content
    assert "<strong>Apologies:</strong> Simon Whelband" in content
    assert "In attendance" in content
    assert "Rupert Matthews – Police and Crime Commissioner" in content
    assert "Two family members were in the Police Force." in content
    assert "Question from A resident" in content


def test_draft_minutes_are_marked_draft(client_as, public_meeting):
    content = client_as(None).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert b"DRAFT minutes" in content.content
    assert b"(iv)" in content.content
    assert b"RESOLVED:" in content.content
    assert b"(c)" in content.content


def test_confirmed_minutes_show_the_date(client_as, public_meeting):
    later = MeetingFactory(
        body=public_meeting.body, date=datetime.date(2024, 12, 2), published=True
    )
    public_meeting.status = Meeting.Status.MINUTES_CONFIRMED
    public_meeting.minutes_confirmed_on = later.date
    public_meeting.minutes_confirmed_at = later
    public_meeting.save()
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[public_meeting.pk]))
    assert b"Confirmed on 2 December 2024" in response.content
    assert b"DRAFT minutes" not in response.content


def test_agenda_shows_page_ranges(client_as):
    meeting = MeetingFactory(published=True)
    AgendaItemFactory(
        meeting=meeting,
        number="1",
        title="Minutes of the meeting held on 28 October 2024.",
        kind=AgendaItem.Kind.MINUTES,
        page_start=3,
        page_end=8,
    )
    response = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert b"Pages 3 - 8" in response.content


def test_published_responses_show_on_the_public_pages(client_as, users, public_meeting):
    resolution = Resolution.objects.get(minute__meeting=public_meeting)
    MeetingFactory(body=public_meeting.body, date=public_meeting.date + datetime.timedelta(days=35))
    item = tracker.item_create(
        actor=users["democratic"],
        resolution=resolution,
        title="",
        text=resolution.text,
        addressee="pcc",
        due_kind="next_meeting",
    )
    draft = tracker.response_save_draft(
        actor=users["opcc"], item=item, body="The PCC's *written* response."
    )
    meeting_url = reverse("meetings:meeting-detail", args=[public_meeting.pk])
    decision_url = reverse("meetings:decision-detail", args=[resolution.pk])
    page = client_as(None).get(meeting_url).content.decode()
    assert item.reference in page and "written</em> response" not in page  # a draft
    tracker.response_submit(actor=users["opcc"], response=draft)
    for url in (meeting_url, decision_url):
        page = client_as(None).get(url).content.decode()
        assert item.reference in page
        assert "The PCC's <em>written</em> response." in page
