"""The board's public report as a PDF, rendered by WeasyPrint from the same HTML as the page."""

from __future__ import annotations

from django.template.loader import render_to_string

from core import visibility
from governance.selectors import board_record
from meetings.models import Meeting


def cgb_report_html(*, meeting: Meeting) -> str:
    """Always the public version: a redacted item shows only its title and reason."""
    return render_to_string(
        "governance/report_print.html",
        {"record": board_record(meeting=meeting, reader=visibility.PUBLIC)},
    )


def cgb_report_pdf(*, meeting: Meeting) -> bytes:
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only when a PDF is made

    pdf: bytes = HTML(string=cgb_report_html(meeting=meeting), base_url="/").write_pdf()
    return pdf
