"""Periodic jobs, defined in code and installed into django-celery-beat by `install_schedules`.

Each app may add `SCHEDULES` in `<app>/schedules.py`; entries are (name, task, crontab kwargs).
"""

from __future__ import annotations

SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    ("Clear expired sessions", "core.tasks.sessions_clear_expired", {"minute": "15", "hour": "3"}),
    # Background work whose first send failed or was lost is sent again (core/outbox.py).
    ("Send pending background work", "core.tasks.outbox_sweep", {"minute": "*"}),
]
