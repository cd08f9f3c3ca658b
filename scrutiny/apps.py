from __future__ import annotations

from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "scrutiny"

    def ready(self) -> None:
        from meetings.signals import meeting_published

        meeting_published.connect(_publish_items, dispatch_uid="scrutiny.publish_items")


def _publish_items(sender, meeting, **kwargs) -> None:
    from scrutiny.services import items_publish_for_meeting

    items_publish_for_meeting(meeting=meeting)
