"""Grants as a type of our own: each published award, named as in the 360Giving file the
register publishes (the same identifiers, `grants.exports`), linked to that file."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import LinkField, OParlDateTimeField, TypeField, link_to
from api.oparl import extension_type
from api.serializers.base import OParlSerializer
from core.tenancy import current_panel
from grants.exports import grant_identifier, org_identifier
from grants.models import Award
from grants.models._common import MONEY


def _money(source: str) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, source=source, coerce_to_string=False, read_only=True)


class GrantSerializer(OParlSerializer):
    always = ("id", "type", "identifier", "title", "amountAwarded", "currency", "awardDate")

    id = LinkField("api:grant-detail", source="pk")
    type = TypeField(extension_type("Grant"))
    identifier = serializers.SerializerMethodField()
    title = serializers.CharField(source="application.project_title", read_only=True)
    amountAwarded = _money("amount")
    amountAppliedFor = _money("application.amount_requested")
    currency = serializers.SerializerMethodField()
    awardDate = serializers.DateField(source="decision.decided_on", read_only=True)
    decisionReference = serializers.CharField(source="decision.public_reference", read_only=True)
    recipientOrganization = LinkField(
        "api:organization-detail", source="application.organisation_id"
    )
    recipientOrganizationName = serializers.CharField(
        source="application.organisation.name", read_only=True
    )
    recipientOrganizationIdentifier = serializers.SerializerMethodField()
    fundingOrganizationName = serializers.SerializerMethodField()
    grantProgrammeCode = serializers.CharField(source="application.round.slug", read_only=True)
    grantProgrammeTitle = serializers.SerializerMethodField()
    beneficiaryLocation = serializers.CharField(source="application.area", read_only=True)
    threeSixtyGiving = serializers.SerializerMethodField()
    created = OParlDateTimeField(source="created_at")
    modified = OParlDateTimeField(source="updated_at")
    web = serializers.SerializerMethodField()

    def get_identifier(self, award: Award) -> str:
        """The grant's 360Giving identifier."""
        return grant_identifier(award)

    def get_currency(self, award: Award) -> str:
        return "GBP"

    def get_recipientOrganizationIdentifier(self, award: Award) -> str:
        return org_identifier(award.application.organisation)

    def get_fundingOrganizationName(self, award: Award) -> str:
        owner = award.application.round.fund.owner
        return owner.name if owner else current_panel().funder

    def get_grantProgrammeTitle(self, award: Award) -> str:
        grant_round = award.application.round
        return f"{grant_round.fund.name}: {grant_round.name}"

    @extend_schema_field(OpenApiTypes.URI)
    def get_threeSixtyGiving(self, award: Award) -> str:
        """The 360Giving data package this grant is published in."""
        return link_to(self.context["request"], "grants:360giving")

    @extend_schema_field(OpenApiTypes.URI)
    def get_web(self, award: Award) -> str:
        return link_to(self.context["request"], "grants:award-register")
