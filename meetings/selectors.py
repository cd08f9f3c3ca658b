"""Reads for the meetings app: the staff screens' selectors and the public portal's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    Person,
    PublicQuestion,
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


def meeting_list_for_staff(*, body_id: int | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.select_related("body").annotate(
        item_count=Count("agenda_items", filter=Q(agenda_items__withdrawn_at__isnull=True))
    )
    if body_id:
        meetings = meetings.filter(body_id=body_id)
    return meetings.order_by("-date", "-start_time", "-pk")


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


def minutes_for_editor(*, meeting: Meeting) -> QuerySet[Minute]:
    return (
        Minute.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("points", "resolutions")
        .order_by("number")
    )


def minute_number_suggest(*, meeting: Meeting) -> int:
    """The next minute number: one after the last used by the body this municipal year so far."""
    last = Minute.objects.filter(
        body_id=meeting.body_id,
        municipal_year=municipal_year_of(meeting.date),
        meeting__date__lte=meeting.date,
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1
