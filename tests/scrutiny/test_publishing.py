"""Publishing a meeting publishes the items raised at it, in the same service call and
transaction (scrutiny.services.publishing), each with a history row and an event; and the
publishing pages keep their addresses under /manage/meetings/."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.events import EventType
from core.models import DomainEvent
from meetings.models import Meeting
from scrutiny import services
from scrutiny.models import TrackedItem
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinuteFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


def items_of(meeting, **kwargs):
    return TrackedItemFactory(meeting=meeting, body=meeting.body, is_public=False, **kwargs)


def published_events(item):
    return DomainEvent.objects.filter(object_id=item.pk, verb=EventType.ITEM_PUBLISHED)


def test_publishing_the_minutes_publishes_the_items_with_history_and_an_event(users):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting)
    item = items_of(meeting)
    withdrawn = items_of(
        meeting,
        withdrawn_at=datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC),
        withdrawn_reason="Raised twice",
    )
    services.meeting_minutes_publish(meeting=meeting, actor=users["democratic"])
    item.refresh_from_db()
    assert item.is_public
    assert item.history.first().is_public and not item.history.last().is_public
    event = published_events(item).get()
    assert event.actor == users["democratic"] and event.is_public
    assert "28 October 2024" in event.summary
    withdrawn.refresh_from_db()
    assert not withdrawn.is_public and not published_events(withdrawn).exists()


def test_publishing_the_agenda_publishes_the_items_too(users):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    item = items_of(meeting)
    services.meeting_agenda_publish(meeting=meeting, actor=users["democratic"])
    item.refresh_from_db()
    assert item.is_public and published_events(item).count() == 1


def test_confirming_publishes_nothing_twice(users):
    body_meeting = MeetingFactory(status=Meeting.Status.HELD)
    MinuteFactory(meeting=body_meeting)
    later = MeetingFactory(
        body=body_meeting.body, date=datetime.date(2024, 12, 2), status="agenda_published"
    )
    item = items_of(body_meeting)
    services.meeting_minutes_publish(meeting=body_meeting, actor=users["democratic"])
    services.meeting_minutes_confirm(
        meeting=body_meeting, at_meeting=later, actor=users["democratic"]
    )
    assert published_events(item).count() == 1


def test_a_private_meeting_publishes_no_items(users):
    meeting = MeetingFactory(session=Meeting.Session.PRIVATE)
    AgendaItemFactory(meeting=meeting)
    item = items_of(meeting)
    services.meeting_agenda_publish(meeting=meeting, actor=users["democratic"])
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_PUBLISHED  # the agenda itself was published
    item.refresh_from_db()
    assert not item.is_public and not published_events(item).exists()


def test_a_refused_publication_publishes_no_item(users):
    meeting = MeetingFactory()  # no agenda items: the agenda may not be published
    item = items_of(meeting)
    with pytest.raises(ValidationError):
        services.meeting_agenda_publish(meeting=meeting, actor=users["democratic"])
    item.refresh_from_db()
    assert not item.is_public
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_the_publishing_pages_keep_their_addresses(client_as):
    meeting = MeetingFactory(status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting)
    item = items_of(meeting)
    url = reverse("scrutiny:manage-minutes-publish", args=[meeting.pk])
    assert url == f"/manage/meetings/{meeting.pk}/minutes/publish/"
    assert (
        reverse("scrutiny:manage-agenda-publish", args=[1]) == "/manage/meetings/1/agenda/publish/"
    )
    assert (
        reverse("scrutiny:manage-minutes-confirm", args=[1])
        == "/manage/meetings/1/minutes/confirm/"
    )
    response = client_as("democratic").post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage-meeting-detail", args=[meeting.pk])
    assert TrackedItem.objects.get(pk=item.pk).is_public
    assert client_as("democratic").get(url).status_code == 405
