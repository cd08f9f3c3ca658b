"""Agenda packs and minutes as PDF, rendered by WeasyPrint from the same templates as the pages.

The agenda pack is the front sheet (agenda with page ranges, page numbers in the footer through
the `@page` counter) followed by the public papers in agenda order. Only what the public may see
goes in: exempt items keep their title, their papers are left out.
https://doc.courtbouillon.org/weasyprint/stable/
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from meetings.models import Document, Meeting
from meetings.selectors import (
    agenda_items_public,
    attendance_public,
    declarations_for_meeting,
    minutes_public,
    public_questions_for_meeting,
)

logger = logging.getLogger(__name__)
# WeasyPrint reports each rendering step at INFO; keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which the web pages don't need

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _context(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "panel_name": settings.PANEL_NAME,
        "agenda_items": agenda_items_public(meeting=meeting, internal=False),
    }


def agenda_front_sheet_html(meeting: Meeting) -> str:
    return render_to_string("meetings/pdf_agenda.html", _context(meeting))


def minutes_html(meeting: Meeting) -> str:
    context = _context(meeting)
    context.update(
        attendance=attendance_public(meeting=meeting),
        declarations=declarations_for_meeting(meeting=meeting),
        public_questions=public_questions_for_meeting(meeting=meeting),
        minutes=minutes_public(meeting=meeting, internal=False),
    )
    return render_to_string("meetings/pdf_minutes.html", context)


def _append_pdf(writer: PdfWriter, document: Document) -> None:
    try:
        with document.file.open("rb") as handle:
            writer.append(PdfReader(io.BytesIO(handle.read())))
    except Exception:  # a damaged or missing file must not stop the rest of the pack
        logger.exception("Could not add %s to the agenda pack", document)


def agenda_pack_pdf(meeting: Meeting) -> bytes:
    """The front sheet, then each public PDF paper in agenda order."""
    front = html_to_pdf(agenda_front_sheet_html(meeting))
    papers = [
        document
        for item in agenda_items_public(meeting=meeting, internal=False)
        for document in item.visible_documents
        if document.content_type == "application/pdf"
    ]
    if not papers:
        return front
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    for document in papers:
        _append_pdf(writer, document)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def minutes_pdf(meeting: Meeting) -> bytes:
    return html_to_pdf(minutes_html(meeting))
