"""Publishing a meeting's agenda or minutes, and with it the items raised at the meeting.

The meetings services publish the papers (and queue their PDFs through the outbox); the tracker
sits above meetings, so it is here that the two happen together, in one transaction: a refusal
of either publishes nothing, and every item made public has its history row and its event.
"""

from __future__ import annotations

from django.db import transaction

from core.types import Actor
from meetings.models import Meeting
from meetings.services import agenda_publish, minutes_confirm, minutes_publish_draft
from scrutiny.services.items import items_publish_for_meeting


@transaction.atomic
def meeting_agenda_publish(*, meeting: Meeting, actor: Actor) -> Meeting:
    meeting = agenda_publish(meeting=meeting, actor=actor)
    items_publish_for_meeting(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_minutes_publish(*, meeting: Meeting, actor: Actor) -> Meeting:
    meeting = minutes_publish_draft(meeting=meeting, actor=actor)
    items_publish_for_meeting(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_minutes_confirm(*, meeting: Meeting, at_meeting: Meeting, actor: Actor) -> Meeting:
    meeting = minutes_confirm(meeting=meeting, at_meeting=at_meeting, actor=actor)
    items_publish_for_meeting(meeting=meeting, actor=actor)
    return meeting
