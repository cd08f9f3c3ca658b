"""Meetings, their agenda items, papers, consultations and files as OParl objects.

An agenda item with public papers is an OParl Paper (the report its main file, the appendices
auxiliary files) and a Consultation (its consideration at the meeting); all three share the
item's id. A File is one paper (`meetings.Document`), or a meeting's agenda pack (its
invitation) or minutes (its results protocol), each downloaded from the public pages' URLs.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import selectors
from api.fields import LinkField, OParlDateTimeField, TypeField, link_to
from api.oparl import oparl_type
from api.serializers.base import OParlSerializer
from core import visibility
from meetings.models import AgendaItem, Document, Meeting


def _meeting_page(request: Any, meeting_id: int, anchor: str = "") -> str:
    url = link_to(request, "meetings:meeting-detail", meeting_id)
    return f"{url}#{anchor}" if anchor else url


class FileSerializer(OParlSerializer):
    """A paper, or a meeting's agenda pack or minutes (`selectors.MeetingPack`)."""

    always = ("id", "type", "accessUrl")

    id = serializers.SerializerMethodField()
    type = TypeField(oparl_type("File"))
    name = serializers.CharField(source="title", read_only=True)
    fileName = serializers.CharField(source="original_filename", read_only=True)
    mimeType = serializers.CharField(source="content_type", read_only=True)
    date = serializers.SerializerMethodField()
    size = serializers.IntegerField(read_only=True)
    vendor_sha256Checksum = serializers.CharField(source="sha256", read_only=True)
    accessUrl = serializers.SerializerMethodField()
    downloadUrl = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()
    agendaItem = serializers.SerializerMethodField()
    paper = serializers.SerializerMethodField()
    vendor_kind = serializers.CharField(source="get_kind_display", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")

    @extend_schema_field(OpenApiTypes.URI)
    def get_id(self, paper: Document | selectors.MeetingPack) -> str:
        request = self.context["request"]
        if isinstance(paper, selectors.MeetingPack):
            role = "results-protocol" if paper.is_minutes else "invitation"
            return link_to(request, f"api:meeting-{role}", paper.meeting_id)
        return link_to(request, "api:file-detail", paper.pk)

    def get_date(self, paper: Document | selectors.MeetingPack) -> datetime.date:
        return timezone.localdate(paper.created_at)

    @extend_schema_field(OpenApiTypes.URI)
    def get_accessUrl(self, paper: Document | selectors.MeetingPack) -> str:
        request = self.context["request"]
        if isinstance(paper, selectors.MeetingPack):
            name = "meetings:minutes-pdf" if paper.is_minutes else "meetings:agenda-pdf"
            return link_to(request, name, paper.meeting_id)
        return link_to(request, "meetings:document-download", paper.meeting_id, paper.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_downloadUrl(self, paper: Document | selectors.MeetingPack) -> str:
        return self.get_accessUrl(paper)

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_meeting(self, paper: Document | selectors.MeetingPack) -> list[str]:
        return [link_to(self.context["request"], "api:meeting-detail", paper.meeting_id)]

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_agendaItem(self, paper: Document | selectors.MeetingPack) -> list[str]:
        if paper.agenda_item_id is None:
            return []
        return [link_to(self.context["request"], "api:agenda-item-detail", paper.agenda_item_id)]

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}})
    def get_paper(self, paper: Document | selectors.MeetingPack) -> list[str]:
        if paper.agenda_item_id is None:
            return []
        return [link_to(self.context["request"], "api:paper-detail", paper.agenda_item_id)]


class ConsultationSerializer(OParlSerializer):
    """An agenda item's consideration of its papers (`selectors.papers()`)."""

    id = LinkField("api:consultation-detail", source="pk")
    type = TypeField(oparl_type("Consultation"))
    paper = LinkField("api:paper-detail", source="pk")
    agendaItem = LinkField("api:agenda-item-detail", source="pk")
    meeting = LinkField("api:meeting-detail", source="meeting_id")
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, item: AgendaItem) -> str:
        return _meeting_page(self.context["request"], item.meeting_id, f"item-{item.number}")


class PaperSerializer(OParlSerializer):
    """An agenda item's papers (`selectors.papers()`)."""

    internal = ("auxiliaryFile",)

    id = LinkField("api:paper-detail", source="pk")
    type = TypeField(oparl_type("Paper"))
    body = LinkField("api:body-detail", source="meeting.body_id")
    name = serializers.CharField(source="title", read_only=True)
    reference = serializers.SerializerMethodField()
    date = serializers.DateField(source="meeting.date", read_only=True)
    paperType = serializers.CharField(source="get_kind_display", read_only=True)
    mainFile = serializers.SerializerMethodField()
    auxiliaryFile = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    def get_reference(self, item: AgendaItem) -> str:
        """As the tracker cites papers: the body's prefix, the meeting date, the item number."""
        prefix = item.meeting.body.reference_prefix or item.meeting.body.short_name
        return "/".join(filter(None, [prefix, item.meeting.date.isoformat(), item.number]))

    @extend_schema_field(FileSerializer)
    def get_mainFile(self, item: AgendaItem) -> dict[str, Any]:
        return FileSerializer(selectors.paper_main_file(item), context=self.context).data

    @extend_schema_field(FileSerializer(many=True))
    def get_auxiliaryFile(self, item: AgendaItem) -> list[dict[str, Any]]:
        main = selectors.paper_main_file(item)
        others = [f for f in item.public_files if f.pk != main.pk]  # type: ignore[attr-defined]
        return list(FileSerializer(others, many=True, context=self.context).data)

    @extend_schema_field(ConsultationSerializer(many=True))
    def get_consultation(self, item: AgendaItem) -> list[dict[str, Any]]:
        return [ConsultationSerializer(item, context=self.context).data]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, item: AgendaItem) -> str:
        return _meeting_page(self.context["request"], item.meeting_id, f"item-{item.number}")


class AgendaItemSerializer(OParlSerializer):
    """An item of a public meeting; an exempt item is not `public` and keeps only its title."""

    always = ("id", "type", "order")

    id = LinkField("api:agenda-item-detail", source="pk")
    type = TypeField(oparl_type("AgendaItem"))
    meeting = LinkField("api:meeting-detail", source="meeting_id")
    number = serializers.CharField(read_only=True)
    order = serializers.IntegerField(source="position", read_only=True)
    name = serializers.CharField(source="title", read_only=True)
    public = serializers.SerializerMethodField()
    consultation = serializers.SerializerMethodField()
    resolutionText = serializers.SerializerMethodField()
    vendor_kind = serializers.CharField(source="get_kind_display", read_only=True)
    vendor_description = serializers.SerializerMethodField()
    vendor_withdrawn = serializers.SerializerMethodField()
    vendor_withdrawnReason = serializers.CharField(source="withdrawn_reason", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    def _hidden(self, item: AgendaItem) -> bool:
        return visibility.item_content_hidden(visibility.PUBLIC, item)

    def get_public(self, item: AgendaItem) -> bool:
        return not self._hidden(item)

    @extend_schema_field(OpenApiTypes.URI)
    def get_consultation(self, item: AgendaItem) -> str | None:
        if self._hidden(item) or not item.has_paper:  # type: ignore[attr-defined]  # annotated
            return None
        return link_to(self.context["request"], "api:consultation-detail", item.pk)

    def get_resolutionText(self, item: AgendaItem) -> str:
        """What the published minutes resolved on the item, clause by clause."""
        if self._hidden(item):
            return ""
        return "\n".join(
            " ".join(filter(None, [resolution.label, resolution.text]))
            for minute in item.public_minutes  # type: ignore[attr-defined]  # prefetched
            for resolution in minute.public_resolutions
        )

    def get_vendor_description(self, item: AgendaItem) -> str:
        return "" if self._hidden(item) else item.description

    def get_vendor_withdrawn(self, item: AgendaItem) -> bool | None:
        return True if item.is_withdrawn else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, item: AgendaItem) -> str:
        return _meeting_page(self.context["request"], item.meeting_id, f"item-{item.number}")


class LocationSerializer(OParlSerializer):
    """Where a meeting is held (embedded in it; its id points into the meeting)."""

    id = serializers.SerializerMethodField()
    type = TypeField(oparl_type("Location"))
    description = serializers.CharField(source="venue", read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_id(self, meeting: Meeting) -> str:
        return f"{link_to(self.context['request'], 'api:meeting-detail', meeting.pk)}#location"


def _at(day: datetime.date, time: datetime.time | None) -> datetime.datetime | None:
    if time is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, time))


class MeetingSerializer(OParlSerializer):
    """A public meeting with its agenda; `start` only when a time is set (`scrutiny:date`
    always)."""

    internal = ("agendaItem", "auxiliaryFile")

    id = LinkField("api:meeting-detail", source="pk")
    type = TypeField(oparl_type("Meeting"))
    name = serializers.CharField(source="__str__", read_only=True)
    meetingState = serializers.CharField(source="get_status_display", read_only=True)
    cancelled = serializers.BooleanField(source="is_cancelled", read_only=True)
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    invitation = serializers.SerializerMethodField()
    resultsProtocol = serializers.SerializerMethodField()
    auxiliaryFile = FileSerializer(source="auxiliary_files", many=True, read_only=True)
    agendaItem = AgendaItemSerializer(source="agenda", many=True, read_only=True)
    vendor_body = LinkField("api:body-detail", source="body_id")
    vendor_date = serializers.DateField(source="date", read_only=True)
    vendor_mode = serializers.CharField(source="get_mode_display", read_only=True)
    vendor_webcast = serializers.URLField(source="webcast_url", read_only=True)
    vendor_cancellationReason = serializers.CharField(source="cancellation_reason", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, meeting: Meeting) -> str | None:
        moment = _at(meeting.date, meeting.start_time)
        return moment.isoformat() if moment else None

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, meeting: Meeting) -> str | None:
        moment = _at(meeting.date, meeting.end_time)
        return moment.isoformat() if moment else None

    @extend_schema_field(LocationSerializer)
    def get_location(self, meeting: Meeting) -> dict[str, Any] | None:
        return LocationSerializer(meeting, context=self.context).data if meeting.venue else None

    @extend_schema_field(FileSerializer)
    def get_invitation(self, meeting: Meeting) -> dict[str, Any] | None:
        pack = selectors.meeting_packs(meeting).get("invitation")
        return FileSerializer(pack, context=self.context).data if pack else None

    @extend_schema_field(FileSerializer)
    def get_resultsProtocol(self, meeting: Meeting) -> dict[str, Any] | None:
        pack = selectors.meeting_packs(meeting).get("resultsProtocol")
        return FileSerializer(pack, context=self.context).data if pack else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, meeting: Meeting) -> str:
        return _meeting_page(self.context["request"], meeting.pk)
