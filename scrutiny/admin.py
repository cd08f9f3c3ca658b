from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from core.admin import HistoryAdmin
from scrutiny.models import Response, Review, TrackedItem
from scrutiny.services import item_count_key, item_counts_shift


@admin.register(TrackedItem)
class TrackedItemAdmin(HistoryAdmin):
    list_display = ("reference", "title", "addressee", "due_date", "response_status")
    list_filter = ("addressee", "response_status", "implementation_status", "recurrence")
    search_fields = ("reference", "title")
    raw_id_fields = (
        "resolution", "minute_point", "agenda_item", "meeting", "due_meeting", "outcome_meeting",
        "superseded_by", "parent", "addressee_person", "series",
    )  # fmt: skip

    def save_model(self, request: HttpRequest, obj: TrackedItem, form: Any, change: bool) -> None:
        # A correction here (or a revert to an earlier version) may move the item between the
        # dashboard's counts: they move with it, in one transaction.
        with transaction.atomic():
            saved = TrackedItem.objects.select_for_update().get(pk=obj.pk) if change else None
            super().save_model(request, obj, form, change)
            item_counts_shift(
                before=item_count_key(saved) if saved else None, after=item_count_key(obj)
            )


@admin.register(Response)
class ResponseAdmin(HistoryAdmin):
    list_display = ("item", "status", "position", "submitted_at")
    raw_id_fields = ("item",)


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    """A review is the panel's decision on a response: corrected here if need be, never removed."""
