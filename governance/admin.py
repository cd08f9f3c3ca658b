from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import NoDeleteAdmin
from governance.models import BoardItem


@admin.register(BoardItem)
class BoardItemAdmin(NoDeleteAdmin, SimpleHistoryAdmin):
    list_display = ("agenda_item", "redacted")
    list_filter = ("redacted",)
    raw_id_fields = ("agenda_item",)
