"""core's selectors: a record's timeline (the public one holds only public events), a reader's
notifications (never anyone else's), and the health status /healthz reports."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from core import selectors
from core.events import EventType
from core.models import DomainEvent, Notification
from core.services import event_record

pytestmark = pytest.mark.django_db


def test_a_timeline_is_the_subjects_events_in_order_and_the_public_one_only_public(users):
    member, officer = users["member"], users["opcc"]
    first = event_record(subject=member, verb=EventType.AUTH_SIGNED_IN, actor=member)
    public = event_record(
        subject=member, verb=EventType.AUTH_SIGNED_OUT, actor=member, is_public=True
    )
    event_record(subject=officer, verb=EventType.AUTH_SIGNED_IN, actor=officer)  # another's
    DomainEvent.objects.filter(pk=first.pk).update(
        occurred_at=timezone.now() - datetime.timedelta(hours=1)
    )
    timeline = selectors.event_timeline(subject=member)
    assert list(timeline) == [first, public]
    assert timeline[0].actor == member
    assert list(selectors.event_timeline(subject=member, public_only=True)) == [public]


def test_notifications_are_the_recipients_own_newest_first(users):
    member = users["member"]
    older = Notification.objects.create(recipient=member, kind="k", key="a", subject="Older")
    newer = Notification.objects.create(recipient=member, kind="k", key="b", subject="Newer")
    Notification.objects.create(recipient=users["opcc"], kind="k", key="a", subject="Theirs")
    Notification.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert list(selectors.notification_list(recipient=member)) == [newer, older]
    assert not selectors.notification_list(recipient=users["democratic"]).exists()


def test_health_is_ok_with_the_database_up_and_tasks_run_eagerly():
    assert selectors.health_status() == {
        "database": {"status": "ok"},
        "broker": {"status": "eager"},
        "status": "ok",
    }


@override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="memory://")
def test_health_asks_the_broker_when_tasks_are_queued():
    status = selectors.health_status()
    assert status == {"database": {"status": "ok"}, "broker": {"status": "ok"}, "status": "ok"}
