from __future__ import annotations

from celery import shared_task

from scrutiny.services import daily_jobs_run


@shared_task(acks_late=True)
def daily_reminders() -> dict[str, int]:
    """Reminders, overdue notices and the Monday digest."""
    return daily_jobs_run()
