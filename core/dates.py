"""Dates as the papers print them."""

from __future__ import annotations

import datetime


def date_long(day: datetime.date) -> str:
    """'28 October 2024', as the papers print dates (no leading zero, the month in full)."""
    return f"{day.day} {day:%B %Y}"


__all__ = ["date_long"]
