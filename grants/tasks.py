"""Celery wrappers for grants jobs; the work is in grants.services."""

from __future__ import annotations

import datetime

from celery import shared_task

from core.panels import in_each_panel
from grants.services import monitoring_reminders_send


# The name is spelt out: beat schedules and outbox rows store it (grants/schedules.py).
@shared_task(name="grants.tasks.monitoring_reminders", acks_late=True)
def monitoring_reminders(today: str | None = None) -> int:
    """Remind each panel's OPCC officers of returns due soon or overdue. Idempotent per day."""
    day = datetime.date.fromisoformat(today) if today else None
    return sum(in_each_panel(lambda: monitoring_reminders_send(today=day)))
