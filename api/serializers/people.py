"""Bodies, organisations, people and memberships as OParl objects.

Our bodies (the panel, the Corporate Governance Board, task groups) are OParl Bodies: each has
its own meetings, papers and members. OParl Organizations are the organisations the public record
names: councils, the force, the OPCC, grant recipients and funders. A membership is a person's
role on a body (`scrutiny:body`), on behalf of the council that appointed them (`onBehalfOf`).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import selectors
from api.fields import LinkField, OParlDateTimeField, TypeField, link_to
from api.oparl import oparl_type
from api.serializers.base import OParlSerializer
from meetings.models import Body


class MembershipSerializer(OParlSerializer):
    id = LinkField("api:membership-detail", source="pk")
    type = TypeField(oparl_type("Membership"))
    person = LinkField("api:person-detail", source="person_id")
    role = serializers.CharField(source="get_role_display", read_only=True)
    startDate = serializers.DateField(source="start_date", read_only=True)
    endDate = serializers.DateField(source="end_date", read_only=True)
    onBehalfOf = LinkField("api:organization-detail", source="represents_id")
    vendor_body = LinkField("api:body-detail", source="body_id")
    vendor_title = serializers.CharField(source="title", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")


class PersonSerializer(OParlSerializer):
    """Names only: a person's email and phone are never published here."""

    internal = ("membership",)

    id = LinkField("api:person-detail", source="pk")
    type = TypeField(oparl_type("Person"))
    name = serializers.CharField(source="display_name", read_only=True)
    familyName = serializers.CharField(source="family_name", read_only=True)
    givenName = serializers.CharField(source="given_name", read_only=True)
    formOfAddress = serializers.CharField(source="honorific", read_only=True)
    affix = serializers.CharField(source="post_nominals", read_only=True)
    membership = MembershipSerializer(source="public_memberships", many=True, read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")


class OrganizationSerializer(OParlSerializer):
    id = LinkField("api:organization-detail", source="pk")
    type = TypeField(oparl_type("Organization"))
    name = serializers.CharField(read_only=True)
    classification = serializers.CharField(source="get_kind_display", read_only=True)
    vendor_tradingAs = serializers.CharField(source="trading_as", read_only=True)
    vendor_charityNumber = serializers.CharField(source="charity_number", read_only=True)
    vendor_companyNumber = serializers.CharField(source="company_number", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")


def _list(view_name: str) -> LinkField:
    """The URL of the body's objects of one kind: `/api/v1/meetings?body=<id>`."""
    return LinkField(view_name, list_param="body", source="pk")


class BodySerializer(OParlSerializer):
    always = ("id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm")

    id = LinkField("api:body-detail", source="pk")
    type = TypeField(oparl_type("Body"))
    system = serializers.SerializerMethodField()
    shortName = serializers.CharField(source="short_name", read_only=True)
    name = serializers.CharField(read_only=True)
    classification = serializers.CharField(source="get_kind_display", read_only=True)
    contactEmail = serializers.SerializerMethodField()
    organization = _list("api:organization-list")
    person = _list("api:person-list")
    meeting = _list("api:meeting-list")
    paper = _list("api:paper-list")
    agendaItem = _list("api:agenda-item-list")
    consultation = _list("api:consultation-list")
    file = _list("api:file-list")
    membership = _list("api:membership-list")
    # The body's terms are not recorded: an empty list, which OParl requires.
    legislativeTerm = serializers.SerializerMethodField()
    mainOrganization = LinkField("api:organization-detail", source="organisation_id")
    vendor_description = serializers.CharField(source="description", read_only=True)
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_system(self, body: Body) -> str:
        return link_to(self.context["request"], "api:system")

    def get_contactEmail(self, body: Body) -> str:
        return selectors.system_panel().contact_email

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_legislativeTerm(self, body: Body) -> list[Any]:
        return []

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, body: Body) -> str:
        return link_to(self.context["request"], "meetings:meeting-list", query=f"body={body.slug}")
