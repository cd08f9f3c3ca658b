"""Reads for the meetings app: the staff screens' selectors and the public portal's."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from core import visibility
from core.tenancy import CurrentPanel
from core.visibility import Reader
from meetings.filters import DecisionFilter, MeetingFilter, StaffMeetingFilter
from meetings.labels import label_next, letter, roman
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    MinutePoint,
    Person,
    PublicQuestion,
    Resolution,
    municipal_year_of,
)

# Roles that sit on a body, ahead of those who attend it; the first listed wins when a person
# holds two memberships on the meeting date (a councillor who is also the chairman).
MEMBER_ROLES = (
    Membership.Role.CHAIRMAN,
    Membership.Role.VICE_CHAIRMAN,
    Membership.Role.COUNCILLOR,
    Membership.Role.INDEPENDENT,
    Membership.Role.MEMBER,
)


# --- Staff screens (democratic services) ---------------------------------------------------


def meeting_list_for_staff(*, params: Mapping[str, Any] | None = None) -> QuerySet[Meeting]:
    """Every meeting, latest first, filtered by the query string (`StaffMeetingFilter`)."""
    meetings = Meeting.objects.select_related("body").annotate(
        item_count=Count("agenda_items", filter=Q(agenda_items__withdrawn_at__isnull=True))
    )
    filtered: QuerySet[Meeting] = StaffMeetingFilter(params or {}, queryset=meetings).qs
    return filtered.order_by("-date", "-start_time", "-pk")


def body_list_for_staff() -> QuerySet[Body]:
    return Body.objects.order_by("name")


def meeting_for_staff(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "minutes_confirmed_at").get(pk=pk)


def meeting_previous(*, meeting: Meeting) -> Meeting | None:
    """The body's last meeting before this one that was not cancelled."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time", "-pk")
        .first()
    )


def meeting_previous_on(*, body: Body, date: datetime.date) -> Meeting | None:
    return (
        Meeting.objects.filter(body=body, date__lt=date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time", "-pk")
        .first()
    )


def meetings_for_confirmation(*, meeting: Meeting) -> QuerySet[Meeting]:
    """Later meetings of the same body at which `meeting`'s minutes could be confirmed."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__gt=meeting.date)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.SCHEDULED])
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )


def agenda_items_for_builder(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("minutes_of")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.filter(withdrawn_at__isnull=True).order_by("created_at"),
            )
        )
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class MemberSuggestion:
    """A person the body expects at a meeting, with the role they held on its date."""

    membership: Membership
    attendance: Attendance | None

    @property
    def person(self) -> Person:
        return self.membership.person

    @property
    def is_member(self) -> bool:
        return self.membership.role in MEMBER_ROLES


def attendance_suggestions(*, meeting: Meeting) -> list[MemberSuggestion]:
    """Everyone with a membership of the body current on the meeting date, members first."""
    memberships = (
        Membership.objects.filter(body_id=meeting.body_id, start_date__lte=meeting.date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .select_related("person")
    )
    rank = {role: index for index, role in enumerate(Membership.Role.values)}
    chosen: dict[int, Membership] = {}
    for membership in memberships:
        held = chosen.get(membership.person_id)
        if held is None or rank[membership.role] < rank[held.role]:
            chosen[membership.person_id] = membership
    recorded = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    ordered = sorted(
        chosen.values(),
        key=lambda m: (
            m.role not in MEMBER_ROLES,
            rank[m.role],
            m.person.family_name,
            m.person.display_name,
        ),
    )
    return [MemberSuggestion(membership=m, attendance=recorded.get(m.person_id)) for m in ordered]


@dataclass(frozen=True)
class AttendanceRegister:
    """The staff register: everyone expected (`expected`) and anyone else recorded (`others`)."""

    expected: list[MemberSuggestion]
    others: list[Attendance]


def attendance_register(*, meeting: Meeting) -> AttendanceRegister:
    expected = attendance_suggestions(meeting=meeting)
    members = {s.membership.person_id for s in expected}
    others = [a for a in attendance_for_meeting(meeting=meeting) if a.person_id not in members]
    return AttendanceRegister(expected=expected, others=others)


def attendance_for_meeting(*, meeting: Meeting) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("capacity", "position", "person__family_name")
    )


def declarations_for_meeting(*, meeting: Meeting) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(meeting=meeting)
        .select_related("person", "agenda_item", "carried_from__meeting")
        .order_by("created_at", "pk")
    )


def declarations_standing_before(*, meeting: Meeting) -> QuerySet[Declaration]:
    """Standing declarations made at the body's earlier meetings (latest first)."""
    return (
        Declaration.objects.filter(
            meeting__body_id=meeting.body_id,
            meeting__date__lt=meeting.date,
            kind=Declaration.Kind.STANDING,
        )
        .select_related("person", "meeting")
        .order_by("-meeting__date", "-pk")
    )


def public_questions_for_meeting(*, meeting: Meeting) -> QuerySet[PublicQuestion]:
    return (
        PublicQuestion.objects.filter(meeting=meeting)
        .select_related("answered_by")
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class MinuteBlock:
    """A minute in the editor, with its points and resolutions and the labels the next of each
    would take."""

    minute: Minute
    points: list[MinutePoint]
    resolutions: list[Resolution]
    next_point_label: str
    next_resolution_label: str


def minutes_for_editor(*, meeting: Meeting) -> list[MinuteBlock]:
    minutes = (
        Minute.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("points", "resolutions")
        .order_by("number")
    )
    blocks = []
    for minute in minutes:
        points, resolutions = list(minute.points.all()), list(minute.resolutions.all())
        blocks.append(
            MinuteBlock(
                minute=minute,
                points=points,
                resolutions=resolutions,
                next_point_label=label_next({p.label for p in points}, len(points), roman),
                next_resolution_label=label_next(
                    {r.label for r in resolutions}, len(resolutions), letter
                ),
            )
        )
    return blocks


def minute_number_suggest(*, meeting: Meeting) -> int:
    """The next minute number: one after the last used by the body this municipal year so far."""
    last = Minute.objects.filter(
        body_id=meeting.body_id,
        municipal_year=municipal_year_of(meeting.date),
        meeting__date__lte=meeting.date,
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


# --- Public portal (and staff reading it) ----------------------------------------------------
# Anything shown to a reader passes through these, and they ask `core.visibility` (the policy)
# what the reader may see: meetings, minutes, exempt items, papers.


def meetings_public() -> QuerySet[Meeting]:
    """The meetings the public may see (the same rule as `Meeting.is_public`)."""
    return meetings_visible(reader=visibility.PUBLIC)


def meetings_visible(*, reader: Reader) -> QuerySet[Meeting]:
    return Meeting.objects.filter(visibility.meeting_q(reader))


def body_list_public() -> QuerySet[Body]:
    """Bodies with at least one public meeting, for the meeting list filter."""
    return Body.objects.filter(pk__in=meetings_public().values("body_id")).order_by("name")


@dataclass(frozen=True)
class MeetingListing:
    """The public meeting list: with a search, every match (`results`); without, the past
    meetings (`results`) and the next few (`upcoming`)."""

    filter: MeetingFilter
    results: QuerySet[Meeting]
    upcoming: list[Meeting]

    @property
    def query(self) -> str:
        return self.filter.query

    @property
    def body_slug(self) -> str:
        return self.filter.body_slug


def meeting_list_public(
    *,
    params: Mapping[str, Any] | None = None,
    upcoming_limit: int = 20,
    today: datetime.date | None = None,
) -> MeetingListing:
    """Public meetings filtered by the query string (`MeetingFilter`: a body, and a text search
    across the meeting, its agenda and its published minutes), split by date unless searching."""
    meetings = MeetingFilter(params or {}, queryset=meetings_public().select_related("body"))
    found = meetings.qs
    latest_first = ("-date", "-start_time", "-pk")
    if meetings.query:
        return MeetingListing(filter=meetings, results=found.order_by(*latest_first), upcoming=[])
    today = today or datetime.date.today()
    upcoming = found.filter(date__gte=today).order_by("date", "start_time", "pk")
    return MeetingListing(
        filter=meetings,
        results=found.filter(date__lt=today).order_by(*latest_first),
        upcoming=list(upcoming[:upcoming_limit]),
    )


def meeting_for_public(*, pk: int, reader: Reader) -> Meeting:
    """The meeting, or `Meeting.DoesNotExist` when the reader may not see it."""
    return (
        meetings_visible(reader=reader)
        .select_related("body", "minutes_confirmed_at", "contact_officer", "host_authority")
        .get(pk=pk)
    )


def minutes_visible(*, meeting: Meeting, reader: Reader) -> bool:
    return visibility.minutes_may_read(reader, meeting)


def _documents_visible(*, reader: Reader) -> QuerySet[Document]:
    return (
        Document.objects.filter(visibility.document_q(reader))
        .exclude(kind__in=[Document.Kind.AGENDA_PACK, Document.Kind.MINUTES])
        .order_by("created_at", "pk")
    )


def agenda_items_public(*, meeting: Meeting, reader: Reader) -> list[AgendaItem]:
    """Agenda items in order with their visible papers. An exempt item keeps its title and loses
    everything else for the public (its papers and description; the board's sections, which
    the governance app shows, follow `content_hidden` too)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("minutes_of")
        .prefetch_related(Prefetch("documents", queryset=_documents_visible(reader=reader)))
        .order_by("position", "pk")
    )
    for item in items:
        item.visible_documents = list(item.documents.all())
        item.content_hidden = visibility.item_content_hidden(reader, item)
        if item.content_hidden:
            item.visible_documents = []
            item.description = ""
    return items


def documents_for_meeting_public(*, meeting: Meeting, reader: Reader) -> list[Document]:
    """Papers attached to the meeting itself (not to an item)."""
    return list(_documents_visible(reader=reader).filter(meeting=meeting, agenda_item=None))


def document_for_public(*, meeting: Meeting, pk: int, reader: Reader) -> Document:
    return Document.objects.filter(visibility.document_q(reader)).get(meeting=meeting, pk=pk)


def meeting_page_public(*, meeting: Meeting, reader: Reader) -> dict[str, Any]:
    """Everything the public page of `meeting` shows the reader, by the names it uses."""
    show_minutes = minutes_visible(meeting=meeting, reader=reader)
    return {
        "meeting": meeting,
        "internal": reader.internal,
        "agenda_items": agenda_items_public(meeting=meeting, reader=reader),
        "meeting_documents": documents_for_meeting_public(meeting=meeting, reader=reader),
        "attendance": attendance_public(meeting=meeting),
        "declarations": declarations_for_meeting(meeting=meeting),
        "public_questions": public_questions_for_meeting(meeting=meeting),
        "show_minutes": show_minutes,
        "minutes": minutes_public(meeting=meeting, reader=reader) if show_minutes else [],
    }


@dataclass(frozen=True)
class AttendanceGroup:
    capacity: str
    label: str
    present: list[Attendance]
    apologies: list[Attendance]
    absent: list[Attendance]

    @property
    def is_members(self) -> bool:
        """The panel's own members, whom the minutes list as "PRESENT"."""
        return self.capacity == Attendance.Capacity.MEMBER


def attendance_public(*, meeting: Meeting) -> list[AttendanceGroup]:
    """Attendance grouped by capacity (members, in attendance, also present…), each split into
    present, apologies and absent, as the minutes print them."""
    groups: dict[str, dict[str, list[Attendance]]] = {}
    for attendance in attendance_for_meeting(meeting=meeting):
        by_status = groups.setdefault(attendance.capacity, {s: [] for s in Attendance.Status})
        by_status[attendance.status].append(attendance)
    return [
        AttendanceGroup(
            capacity=capacity,
            label=Attendance.Capacity(capacity).label,
            present=statuses[Attendance.Status.PRESENT],
            apologies=statuses[Attendance.Status.APOLOGIES],
            absent=statuses[Attendance.Status.ABSENT],
        )
        for capacity in Attendance.Capacity
        if (statuses := groups.get(capacity))
    ]


def minutes_public(*, meeting: Meeting, reader: Reader) -> list[Minute]:
    """The minutes with their points and resolutions; for the public, a minute of an exempt
    item keeps its number and heading only."""
    minutes = list(
        Minute.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("points", "resolutions")
        .order_by("number")
    )
    for minute in minutes:
        minute.content_hidden = minute.agenda_item is not None and (
            visibility.item_content_hidden(reader, minute.agenda_item)
        )
    return minutes


def resolutions_public(*, reader: Reader = visibility.PUBLIC) -> QuerySet[Resolution]:
    """Resolutions the reader may read: for the public, those in published minutes of public
    meetings, never those of exempt items."""
    return Resolution.objects.select_related("minute__meeting__body").filter(
        visibility.resolution_q(reader)
    )


def decision_list_public(
    *, reader: Reader = visibility.PUBLIC, params: Mapping[str, Any] | None = None
) -> DecisionFilter:
    """The decision register, latest first, filtered by the query string (`DecisionFilter`):
    its `results`, and its form for the page (with a wrong filter's message)."""
    # The panel is said of the meetings, not of the resolutions: the database then walks the
    # panel's meetings newest first (meeting_order_idx) and stops after a page. A resolution is
    # always its meeting's panel's (`panel_parent`); said of both, the two conditions look
    # independent to the planner, which then expects a fortieth of the rows and sorts them all.
    decisions = (
        Resolution.all_panels.filter(minute__meeting__panel_id=CurrentPanel())
        .select_related("minute__meeting__body")
        .defer("search_document", "minute__search_document")  # not shown, only searched
        .filter(visibility.resolution_q(reader))
        .order_by("-minute__meeting__date", "-minute__number", "position")
    )
    return DecisionFilter(params or None, queryset=decisions, bodies=body_list_public())


def decision_for_public(*, pk: int, reader: Reader) -> Resolution:
    return (
        resolutions_public(reader=reader)
        .select_related("minute__agenda_item", "minute__meeting__minutes_confirmed_at")
        .prefetch_related("minute__points", "minute__resolutions")
        .get(pk=pk)
    )


def meetings_for_calendar(*, body_slug: str = "") -> QuerySet[Meeting]:
    meetings = meetings_public().select_related("body").order_by("date", "start_time", "pk")
    if body_slug:
        meetings = meetings.filter(body__slug=body_slug)
    return meetings


def meetings_recently_published(*, limit: int = 30) -> tuple[list[Meeting], list[Meeting]]:
    """The latest public agendas and the latest public minutes, for the Atom feed."""
    public = meetings_public().select_related("body")
    agendas = list(
        public.filter(agenda_published_at__isnull=False).order_by("-agenda_published_at", "-pk")[
            :limit
        ]
    )
    minutes = list(
        public.filter(minutes_published_at__isnull=False).order_by("-minutes_published_at", "-pk")[
            :limit
        ]
    )
    return agendas, minutes
