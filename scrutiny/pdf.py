"""The matters-arising report as a PDF, rendered by WeasyPrint from the same HTML as the page,
with the print styles in static/css/pdf/action-log.css (see core.pdf)."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.pdf import pdf_from_html
from meetings.models import Meeting
from scrutiny.selectors import action_log

STYLESHEET = "css/pdf/action-log.css"


def action_log_html(*, meeting: Meeting) -> str:
    return render_to_string(
        "scrutiny/action_log_print.html",
        {"log": action_log(meeting=meeting, public_only=True)},
    )


def action_log_pdf(*, meeting: Meeting, base_url: str) -> bytes:
    html = action_log_html(meeting=meeting)
    return pdf_from_html(html, stylesheets=(STYLESHEET,), base_url=base_url)
