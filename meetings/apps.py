from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        # calendars connects the receivers that keep the iCalendar feeds rendered.
        from meetings import calendars  # noqa: F401
