"""The public record as the API reads it: the apps' public selectors, read as the public.

Signing in changes nothing here: open data is always the public version. Every queryset starts
from a selector of the app that owns the records (`meetings_public`, `body_list_public`,
`resolutions_public`, `awards_for_export`) or from the visibility policy's rules
(`core.visibility`), and each fetches what its serializer shows in a fixed number of queries.
People and organisations have no rule of their own in the policy: they are published when a
public record names them (a member of a public body, an attendee or contact of a public meeting,
a council hosting one, a grant's recipient or funder), and never with their email or phone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from core import visibility
from core.models import Panel
from core.tenancy import current_panel
from grants.models import Award
from grants.selectors import awards_for_export
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Document,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Person,
)
from meetings.selectors import body_list_public, meetings_public, resolutions_public
from scrutiny.models import Response, Review, TrackedItem

PUBLIC = visibility.PUBLIC
# Made from the meeting and served at its own addresses (the agenda pack and minutes PDFs).
GENERATED_KINDS = (Document.Kind.AGENDA_PACK, Document.Kind.MINUTES)
# The paper an OParl client opens first: the report, before its appendices.
MAIN_FILE_KINDS = (Document.Kind.REPORT, Document.Kind.CGB_REPORT)


def system_panel() -> Panel:
    return current_panel()


# --- Bodies, organisations, people and their memberships ------------------------------------


def bodies() -> QuerySet[Body]:
    """Bodies with a public meeting."""
    return body_list_public()


def memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(body_id__in=bodies().values("pk"))


def people() -> QuerySet[Person]:
    public_meetings = meetings_public()
    attended = Attendance.objects.filter(meeting_id__in=public_meetings.values("pk"))
    named = (
        Q(pk__in=memberships().values("person_id"))
        | Q(pk__in=attended.values("person_id"))
        | Q(pk__in=public_meetings.values("contact_officer_id"))
    )
    return Person.objects.filter(named).prefetch_related(
        Prefetch(
            "memberships",
            queryset=memberships().order_by("start_date", "pk"),
            to_attr="public_memberships",
        )
    )


def people_of_body(people: QuerySet[Person], body_id: int) -> QuerySet[Person]:
    """Those the body's public record names: its members and its public meetings' attendees."""
    meetings = meetings_public().filter(body_id=body_id).values("pk")
    return people.filter(
        Q(pk__in=memberships().filter(body_id=body_id).values("person_id"))
        | Q(pk__in=Attendance.objects.filter(meeting_id__in=meetings).values("person_id"))
    )


def _published_awards() -> QuerySet[Award]:
    return awards_for_export().prefetch_related(None)


def organisations() -> QuerySet[Organisation]:
    awards = _published_awards()
    named = (
        Q(pk__in=bodies().values("organisation_id"))
        | Q(pk__in=memberships().values("represents_id"))
        | Q(pk__in=meetings_public().values("host_authority_id"))
        | Q(pk__in=awards.values("application__organisation_id"))
        | Q(pk__in=awards.values("application__round__fund__owner_id"))
    )
    return Organisation.objects.filter(named)


def organisations_of_body(
    organisations: QuerySet[Organisation], body_id: int
) -> QuerySet[Organisation]:
    """The body's own organisation, the councils its members represent, and the hosts of its
    public meetings."""
    return organisations.filter(
        Q(pk__in=bodies().filter(pk=body_id).values("organisation_id"))
        | Q(pk__in=memberships().filter(body_id=body_id).values("represents_id"))
        | Q(pk__in=meetings_public().filter(body_id=body_id).values("host_authority_id"))
    )


# --- Meetings, agenda items, papers and files ------------------------------------------------


def files() -> QuerySet[Document]:
    """The papers of public meetings the public may open: those the meeting page lists
    (meetings.selectors), here across every meeting rather than one."""
    return (
        Document.objects.filter(visibility.document_q(PUBLIC))
        .filter(meeting_id__in=meetings_public().values("pk"))
        .exclude(kind__in=GENERATED_KINDS)
    )


def _with_resolutions(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    """Each item with `has_paper` (a public paper is attached) and `public_minutes`, the
    published minutes of it with their `public_resolutions` (none for an exempt item)."""
    resolutions = Prefetch(
        "resolutions",
        queryset=resolutions_public().order_by("position", "pk"),
        to_attr="public_resolutions",
    )
    minutes = (
        Minute.objects.filter(visibility.minutes_q(PUBLIC, "meeting"))
        .order_by("number", "pk")
        .prefetch_related(resolutions)
    )
    return items.annotate(
        has_paper=Exists(files().filter(agenda_item=OuterRef("pk")))
    ).prefetch_related(Prefetch("minutes", queryset=minutes, to_attr="public_minutes"))


def agenda_items() -> QuerySet[AgendaItem]:
    """Every item of every public meeting; an exempt one is listed, not public, with its title."""
    return _with_resolutions(
        AgendaItem.objects.filter(meeting_id__in=meetings_public().values("pk"))
    )


def meetings() -> QuerySet[Meeting]:
    """Public meetings with their agendas and the papers attached to the meeting itself."""
    agenda = _with_resolutions(AgendaItem.objects.order_by("position", "pk"))
    return (
        meetings_public()
        .select_related("body")
        .prefetch_related(
            Prefetch("agenda_items", queryset=agenda, to_attr="agenda"),
            Prefetch(
                "documents",
                queryset=files().filter(agenda_item=None).order_by("created_at", "pk"),
                to_attr="auxiliary_files",
            ),
        )
    )


def papers() -> QuerySet[AgendaItem]:
    """Agenda items with a public paper: each is an OParl Paper (its files) and a Consultation
    (its consideration at the meeting)."""
    return (
        AgendaItem.objects.filter(pk__in=files().values("agenda_item_id"))
        .select_related("meeting__body")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=files().order_by("created_at", "pk"),
                to_attr="public_files",
            )
        )
    )


def paper_main_file(item: AgendaItem) -> Document:
    """The report, else the first paper (from `papers()`' prefetched files)."""
    files_: list[Document] = item.public_files  # type: ignore[attr-defined]  # papers() has them
    return next((f for f in files_ if f.kind in MAIN_FILE_KINDS), files_[0])


@dataclass(frozen=True)
class MeetingPack:
    """A public meeting's agenda pack or minutes as a File: the PDF the meeting page links to,
    stored or made on request (meetings:agenda-pdf, meetings:minutes-pdf)."""

    meeting: Meeting
    kind: str
    # What a stored paper has and a PDF made on request does not.
    agenda_item_id = None
    size = None
    sha256 = ""
    content_type = "application/pdf"

    @property
    def is_minutes(self) -> bool:
        return self.kind == Document.Kind.MINUTES

    @property
    def meeting_id(self) -> int:
        return self.meeting.pk

    @property
    def title(self) -> str:
        return "Minutes" if self.is_minutes else "Agenda pack"

    @property
    def original_filename(self) -> str:
        """As the meeting page's link names the download."""
        return f"{'minutes' if self.is_minutes else 'agenda'}-{self.meeting.date}.pdf"

    def get_kind_display(self) -> str:
        return str(Document.Kind(self.kind).label)

    @property
    def created_at(self) -> datetime.datetime:
        published = (
            self.meeting.minutes_published_at
            if self.is_minutes
            else self.meeting.agenda_published_at
        )
        return published or self.meeting.created_at

    @property
    def updated_at(self) -> datetime.datetime:
        """The PDF is made from the meeting as it stands."""
        return self.meeting.updated_at


def meeting_packs(meeting: Meeting) -> dict[str, MeetingPack]:
    """The invitation (the agenda pack) of a public meeting, and its minutes once published."""
    packs = {"invitation": MeetingPack(meeting, Document.Kind.AGENDA_PACK)}
    if visibility.minutes_may_read(PUBLIC, meeting):
        packs["resultsProtocol"] = MeetingPack(meeting, Document.Kind.MINUTES)
    return packs


def meeting_pack(*, meeting_pk: int, role: str) -> MeetingPack:
    """`Meeting.DoesNotExist` for a meeting the public may not see, or minutes not published."""
    pack = meeting_packs(meetings_public().get(pk=meeting_pk)).get(role)
    if pack is None:
        raise Meeting.DoesNotExist(f"Meeting {meeting_pk} has no published {role}")
    return pack


# --- The tracker and grants -------------------------------------------------------------------


def responses() -> QuerySet[Response]:
    """Submitted responses (and those since reviewed) of public tracked items."""
    return Response.objects.filter(visibility.response_q(PUBLIC)).prefetch_related(
        "attachments", Prefetch("reviews", queryset=Review.objects.order_by("created_at", "pk"))
    )


def reviews() -> QuerySet[Review]:
    """The panel's reviews of public responses: the outcome and any new due date."""
    return Review.objects.filter(visibility.response_q(PUBLIC, "response"))


def tracked_items() -> QuerySet[TrackedItem]:
    return (
        TrackedItem.objects.filter(visibility.tracked_item_q(PUBLIC))
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(visibility.response_q(PUBLIC)).order_by(
                    "submitted_at", "pk"
                ),
                to_attr="public_responses",
            )
        )
    )


def meeting_is_public(meeting: Meeting | None) -> bool:
    return meeting is not None and visibility.meeting_may_read(PUBLIC, meeting)


def grants() -> QuerySet[Award]:
    """The published awards: the register's and its 360Giving file's."""
    return awards_for_export()
