"""The tracker as types of our own beside OParl's: a public tracked item (what the panel asked,
of whom, by when, and where it stands), the responses published to the panel, and the panel's
reviews of them (the outcome and any new due date; the reviewer's reasons stay internal)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import selectors
from api.fields import LinkField, OParlDateTimeField, TypeField, link_to
from api.oparl import extension_type
from api.serializers.base import OParlSerializer
from scrutiny.models import Response, ResponseAttachment, Review, TrackedItem

URL_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}}
# A public item is never withdrawn (the policy hides those), so these are its states.
ITEM_STATES = ("open", "overdue", "closed")


class TrackedItemSerializer(OParlSerializer):
    always = ("id", "type", "reference", "title", "dueDate", "status", "responseStatus")

    id = LinkField("api:tracked-item-detail", source="pk")
    type = TypeField(extension_type("TrackedItem"))
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    addressee = serializers.ChoiceField(choices=TrackedItem.Addressee.choices, read_only=True)
    raisedOn = serializers.DateField(source="raised_on", read_only=True)
    dueDate = serializers.DateField(source="due_date", read_only=True)
    status = serializers.SerializerMethodField()
    responseStatus = serializers.ChoiceField(
        source="response_status", choices=TrackedItem.ResponseStatus.choices, read_only=True
    )
    body = serializers.SerializerMethodField()
    meeting = serializers.SerializerMethodField()
    response = serializers.SerializerMethodField()
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "enum": list(ITEM_STATES)})
    def get_status(self, item: TrackedItem) -> str:
        return item.state_label.lower()

    # The body and meeting are linked when the meeting it was raised at is public (a public
    # meeting's body is public too).

    @extend_schema_field(OpenApiTypes.URI)
    def get_body(self, item: TrackedItem) -> str | None:
        if not selectors.meeting_is_public(item.meeting):
            return None
        return link_to(self.context["request"], "api:body-detail", item.body_id)

    @extend_schema_field(OpenApiTypes.URI)
    def get_meeting(self, item: TrackedItem) -> str | None:
        if not selectors.meeting_is_public(item.meeting):
            return None
        return link_to(self.context["request"], "api:meeting-detail", item.meeting_id)

    @extend_schema_field(URL_LIST)
    def get_response(self, item: TrackedItem) -> list[str]:
        request = self.context["request"]
        return [
            link_to(request, "api:response-detail", response.pk)
            for response in item.public_responses  # type: ignore[attr-defined]  # prefetched
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, item: TrackedItem) -> str | None:
        if not selectors.meeting_is_public(item.meeting):
            return None
        return link_to(self.context["request"], "meetings:meeting-detail", item.meeting_id)


class ResponseAttachmentSerializer(OParlSerializer):
    always = ("name", "accessUrl")

    name = serializers.CharField(source="original_filename", read_only=True)
    mimeType = serializers.CharField(source="content_type", read_only=True)
    size = serializers.IntegerField(read_only=True)
    accessUrl = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_accessUrl(self, attachment: ResponseAttachment) -> str:
        response = attachment.response
        return link_to(
            self.context["request"],
            "scrutiny:response-attachment",
            response.item_id,
            response.pk,
            attachment.pk,
        )


class ResponseSerializer(OParlSerializer):
    """A response as submitted to the panel: its text is Markdown, as the addressee wrote it."""

    always = ("id", "type", "item", "status")

    id = LinkField("api:response-detail", source="pk")
    type = TypeField(extension_type("Response"))
    item = LinkField("api:tracked-item-detail", source="item_id")
    status = serializers.ChoiceField(choices=Response.Status.choices, read_only=True)
    position = serializers.ChoiceField(choices=Response.Position.choices, read_only=True)
    text = serializers.CharField(source="body", read_only=True)
    textFormat = serializers.SerializerMethodField()
    submitted = OParlDateTimeField(source="submitted_at")
    attachment = ResponseAttachmentSerializer(source="attachments", many=True, read_only=True)
    review = serializers.SerializerMethodField()
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")

    def get_textFormat(self, response: Response) -> str:
        return "text/markdown"

    @extend_schema_field(URL_LIST)
    def get_review(self, response: Response) -> list[str]:
        request = self.context["request"]
        return [link_to(request, "api:review-detail", r.pk) for r in response.reviews.all()]


class ReviewSerializer(OParlSerializer):
    always = ("id", "type", "response", "outcome")

    id = LinkField("api:review-detail", source="pk")
    type = TypeField(extension_type("Review"))
    response = LinkField("api:response-detail", source="response_id")
    outcome = serializers.ChoiceField(choices=Review.Outcome.choices, read_only=True)
    newDueDate = serializers.DateField(source="new_due_date", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
