"""The board's public report as a PDF, rendered by WeasyPrint from the same HTML as the page,
with the print styles in static/css/pdf/board-report.css (see core.pdf)."""

from __future__ import annotations

from django.template.loader import render_to_string

from core import visibility
from core.pdf import pdf_from_html
from governance.selectors import board_record
from meetings.models import Meeting

STYLESHEET = "css/pdf/board-report.css"


def cgb_report_html(*, meeting: Meeting) -> str:
    """Always the public version: a redacted item shows only its title and reason."""
    return render_to_string(
        "governance/report_print.html",
        {"record": board_record(meeting=meeting, reader=visibility.PUBLIC)},
    )


def cgb_report_pdf(*, meeting: Meeting) -> bytes:
    html = cgb_report_html(meeting=meeting)
    return pdf_from_html(html, stylesheets=(STYLESHEET,), base_url="/")
