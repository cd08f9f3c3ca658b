"""The national view's figures as CSV: the same cells the page shows, one row per panel."""

from __future__ import annotations

import io

from core import csv
from national.selectors import PanelFigures

CSV_COLUMNS = [
    "panel",
    "police_area",
    "site",
    "meetings_held",
    "meetings_held_last_12_months",
    "recommendations_and_requests",
    "answered_on_time",
    "answered_late",
    "overdue_now",
    "on_time_rate",
    "median_days_to_first_response",
    "data_completeness",
]


def panels_csv(figures: list[PanelFigures]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in figures:
        writer.writerow(
            [
                row.panel.name,
                row.panel.police_area,
                row.home_url,
                row.meetings_held,
                row.meetings_last_year,
                row.requests,
                row.on_time,
                row.late,
                row.overdue,
                row.on_time_text,
                row.median_days_text,
                row.completeness_text,
            ]
        )
    return buffer.getvalue()
