from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scrutiny.models import Response, Review, TrackedItem


@admin.register(TrackedItem)
class TrackedItemAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "title", "addressee", "due_date", "response_status")
    list_filter = ("addressee", "response_status", "implementation_status")
    search_fields = ("reference", "title")
    raw_id_fields = (
        "resolution", "minute_point", "agenda_item", "meeting", "due_meeting", "outcome_meeting",
        "superseded_by", "parent", "addressee_person",
    )  # fmt: skip

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # items are withdrawn, never deleted


@admin.register(Response)
class ResponseAdmin(SimpleHistoryAdmin):
    list_display = ("item", "status", "position", "submitted_at")
    raw_id_fields = ("item",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(Review, SimpleHistoryAdmin)
