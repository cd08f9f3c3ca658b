"""The matters-arising report attached to a meeting's agenda."""

from __future__ import annotations

from core.dates import date_long
from core.permissions import can_create_tracked_items, ensure_allowed
from core.types import Actor
from meetings.models import Document, Meeting
from meetings.services.documents import document_attach
from scrutiny.pdf import action_log_pdf

# --- The matters-arising report on the agenda ---------------------------------------------------


def action_log_attach(*, actor: Actor, meeting: Meeting, base_url: str = "/") -> Document:
    """Attach the report, as a PDF, to the meeting's matters-arising item (or to the meeting)."""
    ensure_allowed(can_create_tracked_items, actor)
    item = (
        meeting.agenda_items.filter(withdrawn_at__isnull=True, title__icontains="action log")
        .order_by("position")
        .first()
        or meeting.agenda_items.filter(
            withdrawn_at__isnull=True, title__icontains="matters arising"
        ).first()
    )
    return document_attach(
        meeting=meeting,
        agenda_item=item,
        actor=actor,
        title=f"Matters arising / action log for {date_long(meeting.date)}",
        kind=Document.Kind.ACTION_LOG,
        filename=f"action-log-{meeting.date.isoformat()}.pdf",
        content=action_log_pdf(meeting=meeting, base_url=base_url),
        content_type="application/pdf",
    )
