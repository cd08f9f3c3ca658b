"""The reminder job run by a real Celery worker through the broker (Redis in .ci/run)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import Notification
from scrutiny.tasks import daily_reminders
from tests.conftest import make_user
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.worker


@pytest.mark.django_db(transaction=True)
def test_worker_sends_each_overdue_notice_once(celery_worker_process):
    officer = make_user("officer-worker", "OPCC officer")
    item = TrackedItemFactory(
        raised_on=timezone.localdate() - datetime.timedelta(days=30),
        due_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    daily_reminders.delay().get(timeout=60)
    daily_reminders.delay().get(timeout=60)
    notices = Notification.objects.filter(recipient=officer, kind="overdue")
    assert notices.count() == 1
    assert item.reference in notices.get().subject
    assert notices.get().emailed_at is not None
    assert mail.outbox == []  # sent by the worker process, not this one
