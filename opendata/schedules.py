"""The bulk download's periodic jobs, installed into django-celery-beat by `install_schedules`."""

from __future__ import annotations

SCHEDULES: list[tuple[str, str, dict[str, str]]] = [
    # Notices any change to the public records within five minutes (opendata/services.py).
    ("Rebuild changed open data", "opendata.tasks.exports_refresh", {"minute": "*/5"}),
    (
        "Rebuild all open data",
        "opendata.tasks.exports_rebuild_nightly",
        {"minute": "40", "hour": "2"},
    ),
]
