"""Grants' Celery task and its place in the beat schedule."""

from __future__ import annotations

import datetime

import pytest

from grants.schedules import SCHEDULES
from grants.tasks import monitoring_reminders
from tests.grants.factories import ReturnFactory

pytestmark = pytest.mark.django_db


def test_reminder_task_wraps_the_service(users) -> None:
    ReturnFactory(due_on=datetime.date(2025, 4, 1))
    assert monitoring_reminders.delay("2025-04-10").get() == 1


def test_reminders_are_scheduled_each_morning_under_their_task_name() -> None:
    assert monitoring_reminders.name == "grants.tasks.monitoring_reminders"
    assert (
        "Grant monitoring reminders",
        monitoring_reminders.name,
        {"minute": "0", "hour": "7"},
    ) in (SCHEDULES)
