"""A real Celery worker process executes a task through the real broker (Redis in .ci/run)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.tasks import sessions_clear_expired

pytestmark = pytest.mark.worker


@pytest.mark.django_db(transaction=True)
def test_worker_clears_expired_sessions_through_the_broker(celery_worker_process):
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    live = SessionStore()
    live.create()

    result = sessions_clear_expired.delay()
    result.get(timeout=60)

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
