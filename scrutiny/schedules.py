from __future__ import annotations

SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    # Before the reminders, so that an occurrence raised today is in them.
    (
        "Recurring tracked items: next occurrences",
        "scrutiny.tasks.item_series_advance",
        {"minute": "30", "hour": "6"},
    ),
    (
        "Tracker reminders and digest",
        "scrutiny.tasks.daily_reminders",
        {"minute": "0", "hour": "7"},
    ),
]
