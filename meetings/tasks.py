"""Background jobs for the meetings app: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task
from django.core.exceptions import ValidationError

from core.models import Panel
from core.tenancy import panel_scope
from meetings import calendars
from meetings.models import Meeting
from meetings.services.paper_text import document_text_read as paper_text_read
from meetings.services.publishing import meeting_pdf_store


@shared_task(acks_late=True)
def meeting_pdf_build(meeting_id: int, kind: str) -> int | None:
    """Render and store a public agenda pack or minutes PDF; returns the Document id.

    Queued through the outbox by `meetings.services._common.pdf_build_on_commit`, in the
    publishing transaction. Safe to run twice (a resent or redelivered message): an identical
    rendering is not stored again.
    """
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return None
    try:
        return meeting_pdf_store(meeting=meeting, kind=kind).pk
    except ValidationError:
        # Not (or no longer) public: nothing to publish, and retrying would not change that.
        return None


@shared_task(acks_late=True)
def document_text_read(document_id: int) -> int | None:
    """Read a paper's text for the search (queued through the outbox by `document_attach`).
    Safe to run twice: a paper already read is left as it is."""
    document = paper_text_read(document_id=document_id)
    return document.pk if document is not None else None


@shared_task(acks_late=True)
def calendars_keep(panel_id: int) -> int:
    """Render the panel's calendars for its own site (sent after a meeting or body changes, by
    `meetings.calendars.calendars_changed`). Safe to run twice: what is current is kept."""
    panel = Panel.objects.filter(pk=panel_id).first()
    if panel is None:
        return 0
    with panel_scope(panel):
        return calendars.calendars_keep(panel)
