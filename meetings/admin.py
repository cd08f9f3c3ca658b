"""Admin for the meetings records, with django-simple-history's change history on each.

The admin is for administrators correcting data; the democratic services screens are the
normal way in. Nothing here can be deleted: records are withdrawn or corrected, never removed.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from core.admin import HistoryAdmin, NoDeleteAdmin
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    MinutePoint,
    Organisation,
    Person,
    PublicQuestion,
    Resolution,
)


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ("name", "trading_as", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "trading_as")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ("display_name", "family_name", "given_name", "user")
    search_fields = ("display_name", "family_name", "given_name")
    list_select_related = ("user",)


@admin.register(Body)
class BodyAdmin(HistoryAdmin):
    list_display = ("name", "short_name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "short_name")
    list_select_related = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ("person", "body", "role", "start_date", "end_date")
    list_filter = ("role", "body")
    search_fields = ("person__display_name", "title")
    list_select_related = ("person", "body")
    autocomplete_fields = ("person",)


class AgendaItemInline(admin.TabularInline[AgendaItem, Meeting]):
    model = AgendaItem
    fk_name = "meeting"
    fields = ("position", "number", "title", "kind", "paper_status", "exempt", "withdrawn_at")
    readonly_fields = ("withdrawn_at",)
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ("date", "body", "status", "session", "agenda_published_at")
    list_filter = ("status", "session", "body")
    date_hierarchy = "date"
    list_select_related = ("body",)
    inlines = (AgendaItemInline,)


@admin.register(AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    list_display = ("meeting", "number", "title", "kind", "paper_status", "exempt")
    list_filter = ("kind", "paper_status", "exempt")
    search_fields = ("title",)
    list_select_related = ("meeting__body",)
    raw_id_fields = ("meeting", "parent", "minutes_of")


class MinutePointInline(admin.TabularInline[MinutePoint, Minute]):
    model = MinutePoint
    extra = 0
    can_delete = False


class ResolutionInline(admin.TabularInline[Resolution, Minute]):
    model = Resolution
    extra = 0
    can_delete = False


@admin.register(Minute)
class MinuteAdmin(HistoryAdmin):
    list_display = ("number", "title", "meeting", "municipal_year")
    list_filter = ("body", "municipal_year")
    search_fields = ("title", "preamble")
    list_select_related = ("meeting__body",)
    raw_id_fields = ("meeting", "agenda_item")
    inlines = (MinutePointInline, ResolutionInline)


@admin.register(MinutePoint)
class MinutePointAdmin(HistoryAdmin):
    list_display = ("__str__", "text")
    raw_id_fields = ("minute",)
    list_select_related = ("minute",)


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    list_display = ("__str__", "kind", "text")
    list_filter = ("kind",)
    search_fields = ("text",)
    raw_id_fields = ("minute",)
    list_select_related = ("minute",)


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    list_display = ("title", "meeting", "kind", "content_type", "size", "exempt", "withdrawn_at")
    list_filter = ("kind", "exempt")
    search_fields = ("title", "original_filename", "sha256")
    list_select_related = ("meeting__body",)
    raw_id_fields = ("meeting", "agenda_item", "supplement")
    # The file is neither uploaded nor linked here: papers come in only through document_attach
    # (core.uploads checks them) and go out only through the permission-checked paper view.
    exclude = ("file",)
    readonly_fields = ("paper", "sha256", "size", "content_type", "page_count")

    @admin.display(description="File")
    def paper(self, document: Document) -> str:
        url = reverse("meetings:document-download", args=[document.meeting_id, document.pk])
        return format_html('<a href="{}">{}</a>', url, document.original_filename)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AgendaVersion)
class AgendaVersionAdmin(NoDeleteAdmin, admin.ModelAdmin[AgendaVersion]):
    """Versions are a record of what was published: read-only."""

    list_display = ("meeting", "number", "published_at", "change_note")
    list_select_related = ("meeting__body",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AgendaVersion | None = None) -> bool:
        return False


@admin.register(Attendance)
class AttendanceAdmin(HistoryAdmin):
    list_display = ("person", "meeting", "capacity", "status", "in_the_chair", "left_at")
    list_filter = ("capacity", "status")
    list_select_related = ("person", "meeting__body")
    raw_id_fields = ("meeting", "person")


@admin.register(Declaration)
class DeclarationAdmin(HistoryAdmin):
    list_display = ("person", "meeting", "kind", "text")
    list_filter = ("kind",)
    list_select_related = ("person", "meeting__body")
    raw_id_fields = ("meeting", "person", "agenda_item", "carried_from")


@admin.register(PublicQuestion)
class PublicQuestionAdmin(HistoryAdmin):
    list_display = ("asker", "meeting", "question")
    list_select_related = ("meeting__body",)
    raw_id_fields = ("meeting", "answered_by")
