"""Helpers shared by the meetings services: permission, locking and status transitions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from core.permissions import ensure_allowed
from meetings.models import Meeting
from meetings.signals import meeting_published

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


def pdf_build_on_commit(meeting: Meeting, kind: str) -> None:
    """Once the publication is committed, build the public PDF in the background (a large
    agenda pack takes a while; the PDF views render on request until it is stored), and tell
    other apps the meeting is published."""
    from meetings.tasks import meeting_pdf_build

    if meeting.is_public:
        pk = meeting.pk
        transaction.on_commit(lambda: meeting_pdf_build.delay(pk, kind))
        transaction.on_commit(lambda: meeting_published.send(sender=Meeting, meeting=meeting))


def date_long(day: object) -> str:
    """'28 October 2024', as the papers print dates."""
    return f"{day.day} {day:%B %Y}"  # type: ignore[attr-defined]


__all__ = [
    "Actor",
    "date_long",
    "ensure_allowed",
    "meeting_locked",
    "meeting_move_to",
    "pdf_build_on_commit",
]
