"""Helpers shared by the meetings services: permission, locking and status transitions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from core.outbox import outbox_enqueue
from core.permissions import ensure_allowed
from meetings.models import Meeting
from meetings.signals import meeting_published
from meetings.tasks import meeting_pdf_build

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
    """Queue the public PDF build in this transaction (a large agenda pack takes a while; the
    PDF views render on request until it is stored), and tell other apps the meeting is
    published once it commits.

    The build goes through the outbox, so it is sent after commit and sent again until done. The
    key names this publication (the meeting as just saved); building twice stores one Document,
    as an identical rendering is not stored again.
    """
    if meeting.is_public:
        outbox_enqueue(
            task=meeting_pdf_build,
            args=[meeting.pk, kind],
            key=f"meeting_pdf_build:{meeting.pk}:{kind}:{meeting.updated_at.isoformat()}",
        )
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
