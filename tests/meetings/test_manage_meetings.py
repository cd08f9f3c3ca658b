"""Democratic services screens of a meeting: schedule, edit, publish, hold, confirm, cancel."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.forms import DATE_INVALID
from meetings.models import MEETING_END_BEFORE_START, AgendaItem, Meeting
from tests.meetings.factories import AgendaItemFactory, BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

S = Meeting.Status


def meeting_data(**overrides):
    return {
        "body": BodyFactory().pk,
        "date": "2024-12-02",
        "start_time": "14:00",
        "end_time": "",
        "venue": "Sparkenhoe Committee Room, County Hall, Glenfield",
        "mode": "in_person",
        "session": "public",
        **overrides,
    }


def test_create_meeting_then_build_its_agenda(client_as) -> None:
    client = client_as("democratic")
    response = client.post(reverse("meetings:manage-meeting-create"), meeting_data())
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:manage-agenda", args=[meeting.pk])
    assert meeting.agenda_items.count() == 5


@pytest.mark.parametrize("date", ["2024-02-30", "31/02/2024", "next Tuesday"])
def test_invalid_dates_are_reported_next_to_the_field(client_as, date) -> None:
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-create"), meeting_data(date=date)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"date": [DATE_INVALID]}
    assert 'id="id_date-error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_end_before_start_is_reported_next_to_the_end_time(client_as) -> None:
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-create"), meeting_data(end_time="13:00")
    )
    assert response.context["form"].errors == {"end_time": [MEETING_END_BEFORE_START]}
    assert not Meeting.objects.exists()


def test_publish_agenda_from_the_meeting_page(client_as) -> None:
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    response = client_as("democratic").post(
        reverse("scrutiny:manage-agenda-publish", args=[meeting.pk])
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED


def test_publish_empty_agenda_shows_why(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("scrutiny:manage-agenda-publish", args=[meeting.pk])
    )
    assert response.status_code == 200
    assert response.context["action_errors"] == [services.AGENDA_EMPTY]


def test_mark_held_end_before_start_is_reported(client_as) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED)
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-held", args=[meeting.pk]),
        {"start_time": "14:00", "end_time": "13:30"},
    )
    assert response.context["held_form"].errors == {"end_time": [MEETING_END_BEFORE_START]}
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED


def test_confirm_minutes_at_the_next_meeting(client_as) -> None:
    body = BodyFactory()
    draft = MeetingFactory(body=body, date=datetime.date(2024, 10, 28), status=S.MINUTES_DRAFT)
    later = MeetingFactory(body=body, date=datetime.date(2024, 12, 2), status=S.AGENDA_PUBLISHED)
    item = AgendaItemFactory(meeting=later, kind=AgendaItem.Kind.MINUTES)
    client = client_as("democratic")
    page = client.get(reverse("meetings:manage-meeting-detail", args=[draft.pk]))
    assert page.context["confirm_form"].initial["at_meeting"] == later
    response = client.post(
        reverse("scrutiny:manage-minutes-confirm", args=[draft.pk]), {"at_meeting": later.pk}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.minutes_confirmed_on == later.date and item.minutes_of == draft
    detail = client.get(reverse("meetings:manage-meeting-detail", args=[draft.pk]))
    assert "confirmed on 2 December 2024" in detail.content.decode()


def test_cancel_needs_a_reason_on_the_page(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("meetings:manage-meeting-cancel", args=[meeting.pk]), {"reason": ""}
    )
    assert response.context["cancel_form"].errors == {
        "reason": [services.MEETING_CANCEL_REASON_REQUIRED]
    }
    meeting.refresh_from_db()
    assert meeting.status == S.SCHEDULED
