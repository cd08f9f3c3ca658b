"""What the public-pages tests share: a meeting with published minutes, and text that must
never reach the public."""

from __future__ import annotations

import datetime

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory

PUBLISHED_AT = datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC)
SECRET = "OPERATIONAL-SECRET-TEXT"


def published_minutes_meeting(**kwargs) -> Meeting:
    defaults = {
        "published": True,
        "status": Meeting.Status.MINUTES_DRAFT,
        "minutes_published_at": PUBLISHED_AT,
    }
    return MeetingFactory(**{**defaults, **kwargs})
