"""Helpers shared by the meetings services: permission, locking and status transitions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError

from core.permissions import ensure_allowed
from meetings.models import Meeting

Actor = User | AnonymousUser

MEETING_ILLEGAL_TRANSITION = "A meeting that is “{current}” cannot become “{target}”."


def meeting_locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until the transaction ends (so two publishes cannot race)."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def meeting_move_to(meeting: Meeting, status: str) -> None:
    """Change the status through the transition table; refuse any other move."""
    if not meeting.can_move_to(status):
        raise ValidationError(
            MEETING_ILLEGAL_TRANSITION.format(
                current=meeting.get_status_display(), target=Meeting.Status(status).label
            ),
            code="illegal_transition",
        )
    meeting.status = status


def date_long(day: object) -> str:
    """'28 October 2024', as the papers print dates."""
    return f"{day.day} {day:%B %Y}"  # type: ignore[attr-defined]


__all__ = ["Actor", "ensure_allowed", "meeting_locked", "meeting_move_to", "date_long"]
