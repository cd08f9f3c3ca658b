from __future__ import annotations

import datetime
from collections import Counter

from celery import shared_task

from core.panels import in_each_panel
from scrutiny.services import daily_jobs_run, items_series_advance


@shared_task(acks_late=True)
def daily_reminders() -> dict[str, int]:
    """Reminders, overdue notices and the Monday digest, for every panel."""
    total: Counter[str] = Counter()
    for sent in in_each_panel(daily_jobs_run):
        total.update(sent)  # update keeps the kinds that sent nothing, as 0
    return dict(total)


# The name is spelt out: beat schedules store it (scrutiny/schedules.py).
@shared_task(name="scrutiny.tasks.item_series_advance", acks_late=True)
def item_series_advance(today: str | None = None) -> int:
    """The next occurrence of every recurring item once the current one is closed or past its
    due date, for every panel. Safe to run twice: an occurrence is never raised twice."""
    day = datetime.date.fromisoformat(today) if today else None
    return sum(in_each_panel(lambda: items_series_advance(today=day)))
