from __future__ import annotations

from django.contrib import admin

from core.admin import HistoryAdmin
from scrutiny.models import Response, Review, TrackedItem


@admin.register(TrackedItem)
class TrackedItemAdmin(HistoryAdmin):
    list_display = ("reference", "title", "addressee", "due_date", "response_status")
    list_filter = ("addressee", "response_status", "implementation_status")
    search_fields = ("reference", "title")
    raw_id_fields = (
        "resolution", "minute_point", "agenda_item", "meeting", "due_meeting", "outcome_meeting",
        "superseded_by", "parent", "addressee_person",
    )  # fmt: skip


@admin.register(Response)
class ResponseAdmin(HistoryAdmin):
    list_display = ("item", "status", "position", "submitted_at")
    raw_id_fields = ("item",)


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    """A review is the panel's decision on a response: corrected here if need be, never removed."""
