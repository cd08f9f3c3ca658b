"""Grants' periodic jobs, installed into django-celery-beat by `manage.py install_schedules`."""

from __future__ import annotations

SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    # Each morning, with the tracker's reminders (scrutiny/schedules.py).
    (
        "Grant monitoring reminders",
        "grants.tasks.monitoring_reminders",
        {"minute": "0", "hour": "7"},
    ),
]
