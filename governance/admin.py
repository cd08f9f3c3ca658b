from __future__ import annotations

from django.contrib import admin

from core.admin import HistoryAdmin
from governance.models import BoardItem


@admin.register(BoardItem)
class BoardItemAdmin(HistoryAdmin):
    list_display = ("agenda_item", "redacted")
    list_filter = ("redacted",)
    raw_id_fields = ("agenda_item",)
