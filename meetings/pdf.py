"""Agenda packs and minutes as PDF, rendered by WeasyPrint from the same templates as the pages.

The agenda pack is the front sheet (agenda with page ranges, page numbers in the footer through
the `@page` counter) followed by the public papers in agenda order. Only what the public may see
goes in: exempt items keep their title, their papers are left out. The print styles are in
static/css/pdf/meetings.css (see core.pdf).
https://doc.courtbouillon.org/weasyprint/stable/
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from core import visibility
from core.pdf import pdf_from_html
from meetings.models import AgendaItem, Document, Meeting
from meetings.selectors import (
    agenda_items_public,
    attendance_public,
    declarations_for_meeting,
    minutes_public,
    public_questions_for_meeting,
)

logger = logging.getLogger(__name__)

# The print styles of the agenda and the minutes, and of the page numbers stamped on the papers.
STYLESHEET = "css/pdf/meetings.css"
PAGE_NUMBERS_STYLESHEET = "css/pdf/page-numbers.css"


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = (), css: str = "") -> bytes:
    return pdf_from_html(html, stylesheets=stylesheets, css=css, base_url=str(settings.BASE_DIR))


def _page_total_css(total_pages: int | None) -> str:
    """A front sheet numbers its pages out of the whole pack's, not out of its own."""
    if total_pages is None:
        return ""
    return f'@page {{ @bottom-center {{ content: "Page " counter(page) " of {total_pages}" }} }}'


def _context(meeting: Meeting, items: list[AgendaItem] | None = None) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "panel_name": meeting.panel.name,
        "agenda_items": (
            items
            if items is not None
            else agenda_items_public(meeting=meeting, reader=visibility.PUBLIC)
        ),
    }


def agenda_front_sheet_html(meeting: Meeting, items: list[AgendaItem] | None = None) -> str:
    return render_to_string("meetings/pdf_agenda.html", _context(meeting, items))


def _front_sheet_pdf(
    meeting: Meeting, items: list[AgendaItem], total_pages: int | None = None
) -> bytes:
    html = agenda_front_sheet_html(meeting, items)
    return html_to_pdf(html, stylesheets=(STYLESHEET,), css=_page_total_css(total_pages))


def minutes_html(meeting: Meeting) -> str:
    context = _context(meeting)
    context.update(
        attendance=attendance_public(meeting=meeting),
        declarations=declarations_for_meeting(meeting=meeting),
        public_questions=public_questions_for_meeting(meeting=meeting),
        minutes=minutes_public(meeting=meeting, reader=visibility.PUBLIC),
    )
    return render_to_string("meetings/pdf_minutes.html", context)


def _read(document: Document) -> PdfReader | None:
    try:
        with document.file.open("rb") as handle:
            return PdfReader(io.BytesIO(handle.read()))
    except Exception:  # a damaged or missing file must not stop the rest of the pack
        logger.exception("Could not add %s to the agenda pack", document)
        return None


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _number_pages(first: int, last: int, total: int) -> PdfReader:
    """Blank A4 pages carrying only "Page n of total", to stamp onto the papers."""
    pages = "".join(
        f'<div class="page"><p>Page {n} of {total}</p></div>' for n in range(first, last + 1)
    )
    return PdfReader(io.BytesIO(html_to_pdf(pages, stylesheets=(PAGE_NUMBERS_STYLESHEET,))))


@dataclass
class AgendaPack:
    pdf: bytes
    # Agenda item id → (first page, last page) of its papers within the pack.
    page_ranges: dict[int, tuple[int, int]]


def agenda_pack(meeting: Meeting) -> AgendaPack:
    """The front sheet, then each public PDF paper in agenda order, numbered as one document.

    The page ranges printed on the front sheet are those of the papers in this very pack; the
    front sheet's own length decides where the papers start, so it is laid out until stable.
    """
    items = agenda_items_public(meeting=meeting, reader=visibility.PUBLIC)
    papers = [
        (item, reader)
        for item in items
        for document in item.visible_documents
        if document.content_type == "application/pdf" and (reader := _read(document)) is not None
    ]
    if not papers:
        return AgendaPack(pdf=_front_sheet_pdf(meeting, items), page_ranges={})
    paper_pages = sum(len(reader.pages) for _, reader in papers)
    front_pages = 1
    ranges: dict[int, tuple[int, int]] = {}
    for _ in range(4):
        ranges, page = {}, front_pages + 1
        for item, reader in papers:
            first, _ = ranges.get(item.pk, (page, page))
            page += len(reader.pages)
            ranges[item.pk] = (first, page - 1)
        for item in items:
            if item.pk in ranges:
                item.page_start, item.page_end = ranges[item.pk]
        total = front_pages + paper_pages
        front = _front_sheet_pdf(meeting, items, total)
        if _page_count(front) == front_pages:
            break
        front_pages = _page_count(front)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    for _, reader in papers:
        writer.append(reader)
    numbers = _number_pages(front_pages + 1, total, total)
    for index, stamp in enumerate(numbers.pages):
        writer.pages[front_pages + index].merge_page(stamp)
    buffer = io.BytesIO()
    writer.write(buffer)
    return AgendaPack(pdf=buffer.getvalue(), page_ranges=ranges)


def agenda_pack_pdf(meeting: Meeting) -> bytes:
    return agenda_pack(meeting).pdf


def minutes_pdf(meeting: Meeting) -> bytes:
    return html_to_pdf(minutes_html(meeting), stylesheets=(STYLESHEET,))
