"""Helpers shared by the meetings services: row locking and the PDF build on publication."""

from __future__ import annotations

from core.outbox import outbox_enqueue
from meetings import tasks  # the module: meetings.tasks imports these services in turn
from meetings.models import Meeting


def meeting_locked(meeting: Meeting) -> Meeting:
    """The meeting row, locked until the transaction ends (so two publishes cannot race)."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def pdf_build_on_commit(meeting: Meeting, kind: str) -> None:
    """Queue the public PDF build in this transaction (a large agenda pack takes a while; the
    PDF views render on request until it is stored).

    The build goes through the outbox, so it is sent after commit and sent again until done. The
    key names this publication (the meeting as just saved); building twice stores one Document,
    as an identical rendering is not stored again.
    """
    if meeting.is_public:
        outbox_enqueue(
            task=tasks.meeting_pdf_build,
            args=[meeting.pk, kind],
            key=f"meeting_pdf_build:{meeting.pk}:{kind}:{meeting.updated_at.isoformat()}",
        )


__all__ = [
    "meeting_locked",
    "pdf_build_on_commit",
]
