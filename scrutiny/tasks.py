from __future__ import annotations

from celery import shared_task

from scrutiny.services import daily_jobs_run


@shared_task(acks_late=True)
def daily_reminders() -> dict[str, int]:
    """Reminders, overdue notices, the Monday digest and grant monitoring reminders."""
    return daily_jobs_run()
