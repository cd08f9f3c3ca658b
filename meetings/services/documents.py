"""Attach a paper to a meeting or an agenda item: checked, checksummed and stored.

Other apps attach what they generate (the tracker's matters-arising report, the CGB public
report) through `document_attach`, so its signature stays as it is.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_manage_cgb, can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from core.uploads import DOCUMENT_CONTENT_MISMATCH as DOCUMENT_CONTENT_MISMATCH
from core.uploads import DOCUMENT_EMPTY as DOCUMENT_EMPTY
from core.uploads import DOCUMENT_PDF_UNREADABLE as DOCUMENT_PDF_UNREADABLE
from core.uploads import DOCUMENT_TOO_LARGE as DOCUMENT_TOO_LARGE
from core.uploads import DOCUMENT_TYPE_NOT_ALLOWED as DOCUMENT_TYPE_NOT_ALLOWED
from core.uploads import DOCX as DOCX
from core.uploads import upload_check
from meetings.models import PAPER_STATUS, AgendaItem, Body, Document, Meeting
from meetings.services._common import meeting_locked
from meetings.services.agenda import agenda_version_write
from meetings.services.paper_text import document_text_on_commit

DOCUMENT_TITLE_REQUIRED = "Enter a title for the document."
DOCUMENT_ITEM_OTHER_MEETING = "That agenda item belongs to another meeting."
DOCUMENT_MEETING_CANCELLED = "Papers cannot be attached to a cancelled meeting."


def document_file_check(*, filename: str, content: bytes) -> tuple[str, int | None]:
    """Validate an upload; return its content type and (for a PDF) its page count.

    The checks are `core.uploads.upload_check`, shared with the tracker's response attachments;
    the file-level messages are re-exported from there for the callers that name them here."""
    checked = upload_check(filename=filename, content=content)
    return checked.content_type, checked.page_count


def _may_attach(actor: Actor, meeting: Meeting, kind: str) -> bool:
    # The OPCC runs the Corporate Governance Board, so its officers attach the board's papers,
    # and its public report to the panel's agenda.
    return can_manage_meetings(actor) or (
        (meeting.body.kind == Body.Kind.BOARD or kind == Document.Kind.CGB_REPORT)
        and can_manage_cgb(actor)
    )


@transaction.atomic
def document_attach(
    *,
    meeting: Meeting,
    agenda_item: AgendaItem | None,
    actor: Actor,
    title: str,
    kind: str,
    filename: str,
    content: bytes,
    content_type: str,
    exempt: bool = False,
) -> Document:
    """Attach a PDF, DOCX or HTML file to `meeting` (and `agenda_item`, if given).

    The declared `content_type` is not trusted: the type is decided by the extension and
    confirmed by the contents. Attaching the same bytes to the same place again returns the
    document already there, so a job that runs twice attaches once. A paper added after the
    agenda is published (and before the meeting) is a supplement to it.
    """
    ensure_allowed(lambda user: _may_attach(user, meeting, kind), actor)
    meeting = meeting_locked(meeting)
    if meeting.is_cancelled:
        raise ValidationError(DOCUMENT_MEETING_CANCELLED)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": DOCUMENT_ITEM_OTHER_MEETING})
    if not title.strip():
        raise ValidationError({"title": DOCUMENT_TITLE_REQUIRED})
    stored_type, page_count = document_file_check(filename=filename, content=content)
    sha256 = hashlib.sha256(content).hexdigest()
    existing = Document.objects.filter(
        meeting=meeting, agenda_item=agenda_item, sha256=sha256, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing

    original = PurePath(filename).name[:255]
    document = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        title=title.strip(),
        kind=kind,
        original_filename=original,
        content_type=stored_type,
        size=len(content),
        sha256=sha256,
        page_count=page_count,
        exempt=exempt,
    )
    stored_name = f"{sha256[:12]}-{get_valid_filename(original)}"
    document.file.save(stored_name, ContentFile(content), save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    document_text_on_commit(document)

    is_supplement = meeting.new_papers_are_supplements
    if agenda_item is not None and agenda_item.paper_status in (
        AgendaItem.PaperStatus.NONE,
        AgendaItem.PaperStatus.AWAITED,
    ):
        paper = AgendaItem.PaperStatus.LATE if is_supplement else AgendaItem.PaperStatus.PUBLISHED
        transition(agenda_item, PAPER_STATUS, paper, actor=actor)
    if is_supplement:
        version = agenda_version_write(
            meeting=meeting, actor=actor, change_note=f"Paper added: {document.title}."
        )
        document.supplement = version
        document.save(update_fields=["supplement", "updated_at"])
    event_record(
        subject=meeting,
        verb=EventType.DOCUMENT_ATTACHED,
        actor=actor,
        summary=f"“{document.title}” attached"
        + (f" to item {agenda_item.number}." if agenda_item else "."),
        data={"document": document.pk, "sha256": sha256, "supplement": is_supplement},
        is_public=meeting.is_public and not exempt and not (agenda_item and agenda_item.exempt),
    )
    return document
