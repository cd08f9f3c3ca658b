"""The OParl System: the entry point of one panel's API, on the panel's own host."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import OParlDateTimeField, TypeField, link_to
from api.oparl import OPARL_VERSION, oparl_type
from api.serializers.base import OParlSerializer
from core.models import Panel


class SystemSerializer(OParlSerializer):
    always = ("id", "type", "oparlVersion", "body")

    id = serializers.SerializerMethodField()
    type = TypeField(oparl_type("System"))
    oparlVersion = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)
    contactEmail = serializers.EmailField(source="contact_email", read_only=True)
    contactName = serializers.CharField(source="host_authority", read_only=True)
    website = serializers.SerializerMethodField()
    product = serializers.SerializerMethodField()
    vendor_trackedItemList = serializers.SerializerMethodField()
    vendor_responseList = serializers.SerializerMethodField()
    vendor_reviewList = serializers.SerializerMethodField()
    vendor_grantList = serializers.SerializerMethodField()
    vendor_threeSixtyGiving = serializers.SerializerMethodField()
    vendor_openapi = serializers.SerializerMethodField()
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    def _url(self, name: str) -> str:
        return link_to(self.context["request"], name)

    @extend_schema_field(OpenApiTypes.URI)
    def get_id(self, panel: Panel) -> str:
        return self._url("api:system")

    @extend_schema_field({"type": "string", "enum": [OPARL_VERSION]})
    def get_oparlVersion(self, panel: Panel) -> str:
        return OPARL_VERSION

    @extend_schema_field(OpenApiTypes.URI)
    def get_body(self, panel: Panel) -> str:
        return self._url("api:body-list")

    @extend_schema_field(OpenApiTypes.URI)
    def get_website(self, panel: Panel) -> str:
        return panel.contact_url or self._url("core:home")

    @extend_schema_field(OpenApiTypes.URI)
    def get_product(self, panel: Panel) -> str:
        """The API's documentation page."""
        return self._url("api:docs")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_trackedItemList(self, panel: Panel) -> str:
        return self._url("api:tracked-item-list")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_responseList(self, panel: Panel) -> str:
        return self._url("api:response-list")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_reviewList(self, panel: Panel) -> str:
        return self._url("api:review-list")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_grantList(self, panel: Panel) -> str:
        return self._url("api:grant-list")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_threeSixtyGiving(self, panel: Panel) -> str:
        """The published grants as a 360Giving data package."""
        return self._url("grants:360giving")

    @extend_schema_field(OpenApiTypes.URI)
    def get_vendor_openapi(self, panel: Panel) -> str:
        return self._url("api:openapi")

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, panel: Panel) -> str:
        return self._url("core:home")
