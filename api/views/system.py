"""The API's entry points: the OParl System object, the OpenAPI document, and the page for
people that says what is here."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api import selectors
from api.oparl import extension_type, oparl_type
from api.serializers.system import SystemSerializer
from api.views.base import GenericView, OParlView


class SystemView(OParlView, GenericView):
    """The OParl System of this panel: start here. It names the list of bodies (and, as our
    own properties, the tracker's and grants' lists, the 360Giving file and this OpenAPI
    document)."""

    serializer_class = SystemSerializer

    def get(self, request: Request) -> Response:
        panel = selectors.system_panel()
        self.last_modified = panel.updated_at
        return Response(self.get_serializer(panel).data)


class OpenApiView(OParlView, SpectacularJSONAPIView):
    """This API as an OpenAPI 3 document."""


@dataclass(frozen=True)
class Endpoint:
    label: str
    url_name: str
    object_type: str
    about: str


ENDPOINTS = (
    Endpoint("System", "api:system", oparl_type("System"), "Start here: it links everything."),
    Endpoint("Bodies", "api:body-list", oparl_type("Body"), "The panel and its other bodies."),
    Endpoint("Meetings", "api:meeting-list", oparl_type("Meeting"), "Public meetings and agendas."),
    Endpoint(
        "Agenda items", "api:agenda-item-list", oparl_type("AgendaItem"), "Items and decisions."
    ),
    Endpoint("Papers", "api:paper-list", oparl_type("Paper"), "The papers of each item."),
    Endpoint(
        "Consultations",
        "api:consultation-list",
        oparl_type("Consultation"),
        "Where each item's papers were considered.",
    ),
    Endpoint("Files", "api:file-list", oparl_type("File"), "Every public paper to download."),
    Endpoint("People", "api:person-list", oparl_type("Person"), "Members, attendees and contacts."),
    Endpoint("Memberships", "api:membership-list", oparl_type("Membership"), "Who held what role."),
    Endpoint(
        "Organisations",
        "api:organization-list",
        oparl_type("Organization"),
        "Councils, the force, grant recipients.",
    ),
    Endpoint(
        "Tracked items",
        "api:tracked-item-list",
        extension_type("TrackedItem"),
        "Recommendations and requests, and their status.",
    ),
    Endpoint("Responses", "api:response-list", extension_type("Response"), "Submitted responses."),
    Endpoint("Reviews", "api:review-list", extension_type("Review"), "The panel's reviews."),
    Endpoint("Grants", "api:grant-list", extension_type("Grant"), "Published grant awards."),
)


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    endpoints = [(endpoint, reverse(endpoint.url_name)) for endpoint in ENDPOINTS]
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints,
            "system_url": reverse("api:system"),
            "openapi_url": reverse("api:openapi"),
            "giving_url": reverse("grants:360giving"),
            "anonymous_rate": settings.API_ANON_RATE,
            "signed_in_rate": settings.API_USER_RATE,
        },
    )
