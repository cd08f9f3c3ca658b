"""The matters-arising report as a PDF, rendered by WeasyPrint from the same HTML as the page."""

from __future__ import annotations

from django.template.loader import render_to_string

from meetings.models import Meeting
from scrutiny.selectors import action_log


def action_log_html(*, meeting: Meeting) -> str:
    return render_to_string(
        "scrutiny/action_log_print.html",
        {"log": action_log(meeting=meeting, public_only=True)},
    )


def action_log_pdf(*, meeting: Meeting, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=action_log_html(meeting=meeting), base_url=base_url).write_pdf()
