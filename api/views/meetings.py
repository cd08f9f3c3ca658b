"""OParl's lists and objects: bodies, organisations, people, memberships, meetings, agenda
items, papers, consultations and files. Each view's docstring is its description in the
OpenAPI document and on the browsable page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from api import selectors
from api.filters import BodyIdFilter, MeetingBodyFilter, OrganisationFilter, PersonFilter
from api.serializers.meetings import (
    AgendaItemSerializer,
    ConsultationSerializer,
    FileSerializer,
    MeetingSerializer,
    PaperSerializer,
)
from api.serializers.people import (
    BodySerializer,
    MembershipSerializer,
    OrganizationSerializer,
    PersonSerializer,
)
from api.views.base import GenericView, OParlView, PublicDetail, PublicList
from meetings.models import Meeting


class BodyList(PublicList):
    """Bodies with public meetings (the panel, the Corporate Governance Board, task groups), as
    OParl Bodies, each with the URLs of its meetings, papers, members and the rest."""

    serializer_class = BodySerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.bodies()


class BodyDetail(PublicDetail):
    """A body with public meetings."""

    serializer_class = BodySerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.bodies()


class OrganizationList(PublicList):
    """Organisations the public record names (councils, the force, the OPCC, grant recipients and
    funders), as OParl Organizations; `body` gives those linked to one body."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.organisations()


class OrganizationDetail(PublicDetail):
    """An organisation the public record names."""

    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.organisations()


class PersonList(PublicList):
    """People the public record names (members of public bodies, attendees and contacts of public
    meetings), with their memberships; names only, never email or phone."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.people()


class PersonDetail(PublicDetail):
    """A person the public record names, with their memberships."""

    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.people()


class MembershipList(PublicList):
    """Memberships of public bodies: who held which role, from when to when."""

    serializer_class = MembershipSerializer
    filterset_class = BodyIdFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.memberships()


class MembershipDetail(PublicDetail):
    """A membership of a public body."""

    serializer_class = MembershipSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.memberships()


class MeetingList(PublicList):
    """Public meetings (a public session whose agenda or minutes are published), each with its
    agenda, its agenda pack and, once published, its minutes; `body` gives one body's."""

    serializer_class = MeetingSerializer
    filterset_class = BodyIdFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.meetings()


class MeetingDetail(PublicDetail):
    """A public meeting with its agenda."""

    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.meetings()


class MeetingInvitation(OParlView, GenericView):
    """A public meeting's agenda pack, as an OParl File."""

    serializer_class = FileSerializer
    role = "invitation"

    def get(self, request: Request, pk: int) -> Response:
        try:
            pack = selectors.meeting_pack(meeting_pk=pk, role=self.role)
        except Meeting.DoesNotExist as exc:
            raise NotFound() from exc
        self.last_modified = pack.updated_at
        return Response(self.get_serializer(pack).data)


class MeetingResultsProtocol(MeetingInvitation):
    """A public meeting's published minutes, as an OParl File."""

    role = "resultsProtocol"


class AgendaItemList(PublicList):
    """Items of public meetings; an exempt item is listed as not `public`, with its title only."""

    serializer_class = AgendaItemSerializer
    filterset_class = MeetingBodyFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.agenda_items()


class AgendaItemDetail(PublicDetail):
    """An item of a public meeting."""

    serializer_class = AgendaItemSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.agenda_items()


class PaperList(PublicList):
    """The papers of each agenda item with public papers, as OParl Papers: the report as the main
    file, appendices as auxiliary files, and the item's consultation."""

    serializer_class = PaperSerializer
    filterset_class = MeetingBodyFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.papers()


class PaperDetail(PublicDetail):
    """An agenda item's public papers."""

    serializer_class = PaperSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.papers()


class ConsultationList(PublicList):
    """Each agenda item's consideration of its public papers at its meeting."""

    serializer_class = ConsultationSerializer
    filterset_class = MeetingBodyFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.papers()


class ConsultationDetail(PublicDetail):
    """An agenda item's consideration of its public papers."""

    serializer_class = ConsultationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.papers()


class FileList(PublicList):
    """Every public paper of public meetings, downloaded from the meeting page's own links."""

    serializer_class = FileSerializer
    filterset_class = MeetingBodyFilter

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.files()


class FileDetail(PublicDetail):
    """A public paper."""

    serializer_class = FileSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.files()
