from __future__ import annotations

SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    (
        "Tracker reminders and digest",
        "scrutiny.tasks.daily_reminders",
        {"minute": "0", "hour": "7"},
    ),
]
