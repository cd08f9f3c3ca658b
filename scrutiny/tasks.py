from __future__ import annotations

from collections import Counter

from celery import shared_task

from core.panels import in_each_panel
from scrutiny.services import daily_jobs_run


@shared_task(acks_late=True)
def daily_reminders() -> dict[str, int]:
    """Reminders, overdue notices and the Monday digest, for every panel."""
    total: Counter[str] = Counter()
    for sent in in_each_panel(daily_jobs_run):
        total.update(sent)  # update keeps the kinds that sent nothing, as 0
    return dict(total)
