"""Publishing answers at once when the broker is down; the PDF job waits in the outbox."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from config.celery import app
from core.models import OutboxMessage
from core.outbox import outbox_sweep
from meetings.models import Document, Meeting
from scrutiny.publishing_views import PDF_FOLLOWS
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinuteFactory

pytestmark = pytest.mark.django_db


def test_publishing_minutes_with_the_broker_down_redirects_and_keeps_the_job(
    client_as, broker_down, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("democratic").post(
            reverse("scrutiny:manage-minutes-publish", args=[meeting.pk]), follow=True
        )
    assert time.monotonic() - started < 5
    assert response.redirect_chain[0][1] == 302
    assert f"Draft minutes published. {PDF_FOLLOWS}" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_DRAFT
    message = OutboxMessage.objects.get()
    assert message.task == "meetings.tasks.meeting_pdf_build"
    assert message.args == [meeting.pk, Document.Kind.MINUTES]
    assert message.done_at is None and message.dispatched_at is None
    assert message.attempts == 1 and "Connection refused" in message.last_error
    assert not Document.objects.filter(meeting=meeting, kind=Document.Kind.MINUTES).exists()

    # The broker is back (eager here): the sweep sends the job and the PDF is stored, once.
    broker_down.undo()
    assert outbox_sweep() == 1
    assert outbox_sweep() == 0
    message.refresh_from_db()
    assert message.done_at is not None and message.last_error == ""
    assert Document.objects.filter(meeting=meeting, kind=Document.Kind.MINUTES).count() == 1


def test_publishing_without_a_broker_builds_the_pdf_and_says_nothing_of_later(
    client_as, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("democratic").post(
            reverse("scrutiny:manage-agenda-publish", args=[meeting.pk]), follow=True
        )
    page = response.content.decode()
    assert "Agenda published." in page and PDF_FOLLOWS not in page
    assert Document.objects.filter(meeting=meeting, kind=Document.Kind.AGENDA_PACK).count() == 1
    assert OutboxMessage.objects.get().done_at is not None


def test_publishing_a_private_meeting_queues_no_pdf(client_as, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    meeting = MeetingFactory(session=Meeting.Session.PRIVATE)
    AgendaItemFactory(meeting=meeting)
    response = client_as("democratic").post(
        reverse("scrutiny:manage-agenda-publish", args=[meeting.pk]), follow=True
    )
    page = response.content.decode()
    assert "Agenda published." in page and PDF_FOLLOWS not in page
    assert not OutboxMessage.objects.exists()
