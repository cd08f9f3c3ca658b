from __future__ import annotations

from django.contrib import admin

from core.models import DomainEvent


@admin.register(DomainEvent)
class DomainEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "verb", "actor", "content_type", "object_id", "summary")
    list_filter = ("verb", "is_public")
    date_hierarchy = "occurred_at"
    list_select_related = ("actor", "content_type")

    # The audit log is append-only: services write it, nobody edits it.
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
