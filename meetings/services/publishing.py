"""Generated papers: the agenda pack and the minutes, rendered to PDF and kept as Documents.

A large pack takes a while to render, so publication queues `meetings.tasks.meeting_pdf_build`
and the public pages serve the stored file once it exists (and render on request until then).
A new rendering supersedes the previous one, which is withdrawn rather than deleted.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.services import event_record
from meetings import pdf
from meetings.models import AgendaItem, Document, Meeting

PDF_KIND_NOT_GENERATED = "Only the agenda pack and the minutes are generated."
PDF_MEETING_NOT_PUBLIC = "Only a public meeting's published papers are generated."
PDF_MINUTES_NOT_PUBLISHED = "The minutes of this meeting have not been published."
SUPERSEDED = "Superseded by a newer rendering."

GENERATED_KINDS: dict[str, tuple[str, str]] = {
    Document.Kind.AGENDA_PACK: ("Agenda pack", "agenda-pack"),
    Document.Kind.MINUTES: ("Minutes", "minutes"),
}


def generated_document_current(*, meeting: Meeting, kind: str) -> Document | None:
    return (
        Document.objects.filter(meeting=meeting, kind=kind, agenda_item=None, withdrawn_at=None)
        .order_by("-created_at", "-pk")
        .first()
    )


def meeting_pdf_render(*, meeting: Meeting, kind: str) -> bytes:
    return _render(meeting=meeting, kind=kind).pdf


def meeting_pdf_for_download(*, meeting: Meeting, kind: str) -> Document | bytes:
    """The stored rendering when the worker has made one, else a rendering made now (a
    ValidationError if the paper is not published). PDFs are always the public version, so
    staff may download them for an unpublished meeting only once it is public."""
    stored = generated_document_current(meeting=meeting, kind=kind)
    if stored is not None and meeting.is_public:
        return stored
    return meeting_pdf_render(meeting=meeting, kind=kind)


def _render(*, meeting: Meeting, kind: str) -> pdf.AgendaPack:
    if kind not in GENERATED_KINDS:
        raise ValidationError(PDF_KIND_NOT_GENERATED)
    if not meeting.is_public:
        raise ValidationError(PDF_MEETING_NOT_PUBLIC)
    if kind == Document.Kind.MINUTES:
        if meeting.minutes_published_at is None:
            raise ValidationError(PDF_MINUTES_NOT_PUBLISHED)
        return pdf.AgendaPack(pdf=pdf.minutes_pdf(meeting), page_ranges={})
    return pdf.agenda_pack(meeting)


def _page_ranges_record(meeting: Meeting, ranges: dict[int, tuple[int, int]]) -> None:
    """The agenda shows the pages each item's papers occupy in the pack, as the pack has them."""
    for item in AgendaItem.objects.filter(meeting=meeting, pk__in=ranges):
        first, last = ranges[item.pk]
        if (item.page_start, item.page_end) != (first, last):
            item.page_start, item.page_end = first, last
            item.save(update_fields=["page_start", "page_end", "updated_at"])


def meeting_pdf_store(*, meeting: Meeting, kind: str) -> Document:
    """Render the public agenda pack or minutes of `meeting` and keep it as a Document.

    Run by the worker, so there is no actor: the event is recorded as the system's. The PDF is
    rendered before the transaction so the row lock is held briefly.
    """
    rendered = _render(meeting=meeting, kind=kind)
    content = rendered.pdf
    title, slug = GENERATED_KINDS[kind]
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _page_ranges_record(meeting, rendered.page_ranges)
        current = generated_document_current(meeting=meeting, kind=kind)
        if current is not None and current.sha256 == sha256:
            return current
        filename = f"{slug}-{meeting.date:%Y-%m-%d}.pdf"
        document = Document(
            meeting=meeting,
            title=f"{title}, {date_long(meeting.date)}",
            kind=kind,
            original_filename=filename,
            content_type="application/pdf",
            size=len(content),
            sha256=sha256,
        )
        document.file.save(f"{sha256[:12]}-{filename}", ContentFile(content), save=False)
        document.full_clean()
        document.save()
        if current is not None:
            current.withdrawn_at = timezone.now()
            current.withdrawn_reason = SUPERSEDED
            current.save(update_fields=["withdrawn_at", "withdrawn_reason", "updated_at"])
        event_record(
            subject=meeting,
            verb=EventType(f"{kind}.generated"),
            actor=None,
            summary=f"{title} PDF generated.",
            data={"document": document.pk},
            is_public=True,
        )
    return document
