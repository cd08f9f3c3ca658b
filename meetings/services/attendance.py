"""Who attended, what they declared, and the public's questions: recorded during or after."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from core.dates import date_long
from core.events import EventType
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Membership,
    Person,
    PublicQuestion,
)
from meetings.permissions import can_manage_meetings_of
from meetings.selectors import MEMBER_ROLES, declarations_standing_before

RECORD_MEETING_CLOSED = (
    "Attendance, declarations and questions cannot be recorded for a meeting that is “{status}”."
)
ATTENDANCE_LEFT_NOT_PRESENT = "Only someone who was present can have left the meeting early."
ATTENDANCE_CHAIR_NOT_PRESENT = "Only someone who was present can have been in the chair."
ATTENDANCE_LEFT_BEFORE_START = "They cannot have left before the meeting started at {start}."
DECLARATION_TEXT_REQUIRED = "Describe the interest declared."
DECLARATION_ITEM_OTHER_MEETING = "That agenda item belongs to another meeting."
QUESTION_ASKER_REQUIRED = "Enter the name of the person who asked the question."
QUESTION_TEXT_REQUIRED = "Enter the question."

IN_ATTENDANCE_ROLES = frozenset(
    {
        Membership.Role.PCC,
        Membership.Role.DPCC,
        Membership.Role.CHIEF_CONSTABLE,
        Membership.Role.CHIEF_OFFICER,
    }
)


def _check_open(meeting: Meeting) -> None:
    if not meeting.record_open:
        raise ValidationError(RECORD_MEETING_CLOSED.format(status=meeting.get_status_display()))


def _membership_on(meeting: Meeting, person: Person) -> Membership | None:
    memberships = Membership.objects.filter(
        body_id=meeting.body_id, person=person, start_date__lte=meeting.date
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
    rank = {role: index for index, role in enumerate(Membership.Role.values)}
    return min(memberships, key=lambda m: rank[m.role], default=None)


def _capacity_for(membership: Membership | None) -> str:
    if membership is None:
        return Attendance.Capacity.ALSO_PRESENT
    if membership.role in MEMBER_ROLES:
        return Attendance.Capacity.MEMBER
    if membership.role in IN_ATTENDANCE_ROLES:
        return Attendance.Capacity.IN_ATTENDANCE
    return Attendance.Capacity.ALSO_PRESENT


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    person: Person,
    actor: Actor,
    status: str,
    capacity: str | None = None,
    role_text: str | None = None,
    in_the_chair: bool = False,
    left_at: datetime.time | None = None,
) -> Attendance:
    """Record (or correct) one person's attendance; capacity and role default from the
    membership they held on the meeting date, so a member who changed role shows correctly."""
    ensure_allowed(lambda user: can_manage_meetings_of(user, meeting.body), actor)
    _check_open(meeting)
    if status != Attendance.Status.PRESENT:
        if left_at is not None:
            raise ValidationError({"left_at": ATTENDANCE_LEFT_NOT_PRESENT})
        if in_the_chair:
            raise ValidationError({"in_the_chair": ATTENDANCE_CHAIR_NOT_PRESENT})
    if left_at and meeting.start_time and left_at <= meeting.start_time:
        raise ValidationError(
            {"left_at": ATTENDANCE_LEFT_BEFORE_START.format(start=f"{meeting.start_time:%H:%M}")}
        )
    membership = _membership_on(meeting, person)
    attendance = Attendance.objects.select_for_update().filter(meeting=meeting, person=person)
    record = attendance.first()
    if record is None:
        last = meeting.attendances.aggregate(last=Max("position"))["last"] or 0
        record = Attendance(meeting=meeting, person=person, position=last + 1)
    record.status = status
    record.capacity = capacity or _capacity_for(membership)
    if role_text is not None:
        record.role_text = role_text
    elif not record.role_text and membership and membership.role not in MEMBER_ROLES:
        record.role_text = membership.title or membership.get_role_display()
    record.in_the_chair = in_the_chair
    record.left_at = left_at
    record.full_clean()
    record.save()
    event_record(
        subject=meeting,
        verb=EventType.ATTENDANCE_RECORDED,
        actor=actor,
        summary=f"{person}: {record.get_status_display()}",
        data={"person": person.pk, "status": status},
    )
    return record


@transaction.atomic
def declaration_record(
    *,
    meeting: Meeting,
    person: Person,
    actor: Actor,
    kind: str,
    text: str,
    agenda_item: AgendaItem | None = None,
) -> Declaration:
    ensure_allowed(can_manage_meetings, actor)
    _check_open(meeting)
    if not text.strip():
        raise ValidationError({"text": DECLARATION_TEXT_REQUIRED})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": DECLARATION_ITEM_OTHER_MEETING})
    declaration = Declaration(
        meeting=meeting, person=person, kind=kind, text=text.strip(), agenda_item=agenda_item
    )
    declaration.full_clean()
    declaration.save()
    event_record(
        subject=meeting,
        verb=EventType.DECLARATION_RECORDED,
        actor=actor,
        summary=f"{person} declared: {declaration.text}",
        data={"declaration": declaration.pk},
        is_public=meeting.is_public,
    )
    return declaration


@transaction.atomic
def declarations_carry_forward(*, meeting: Meeting, actor: Actor) -> list[Declaration]:
    """Repeat at this meeting the standing declarations made earlier by people who are still
    members on its date (each once: the latest wording of each declaration wins)."""
    ensure_allowed(can_manage_meetings, actor)
    _check_open(meeting)
    current = set(
        Membership.objects.filter(body_id=meeting.body_id, start_date__lte=meeting.date)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .values_list("person_id", flat=True)
    )
    already = set(Declaration.objects.filter(meeting=meeting).values_list("person_id", "text"))
    created = []
    for earlier in declarations_standing_before(meeting=meeting):
        key = (earlier.person_id, earlier.text)
        if earlier.person_id not in current or key in already:
            continue
        already.add(key)
        copy = Declaration(
            meeting=meeting,
            person=earlier.person,
            kind=Declaration.Kind.STANDING,
            text=earlier.text,
            carried_from=earlier,
        )
        copy.full_clean()
        copy.save()
        created.append(copy)
    if created:
        event_record(
            subject=meeting,
            verb=EventType.DECLARATION_CARRIED_FORWARD,
            actor=actor,
            summary=f"{len(created)} standing declaration(s) carried forward.",
            data={"declarations": [d.pk for d in created]},
        )
    return created


@transaction.atomic
def public_question_record(
    *,
    meeting: Meeting,
    actor: Actor,
    asker: str,
    question: str,
    answer: str = "",
    answered_by: Person | None = None,
) -> PublicQuestion:
    ensure_allowed(can_manage_meetings, actor)
    _check_open(meeting)
    if not asker.strip():
        raise ValidationError({"asker": QUESTION_ASKER_REQUIRED})
    if not question.strip():
        raise ValidationError({"question": QUESTION_TEXT_REQUIRED})
    last = meeting.public_questions.aggregate(last=Max("position"))["last"] or 0
    record = PublicQuestion(
        meeting=meeting,
        asker=asker.strip(),
        question=question.strip(),
        answer=answer.strip(),
        answered_by=answered_by,
        position=last + 1,
    )
    record.full_clean()
    record.save()
    event_record(
        subject=meeting,
        verb=EventType.PUBLIC_QUESTION_RECORDED,
        actor=actor,
        summary=f"Question from {record.asker} at the meeting on {date_long(meeting.date)}.",
        data={"question": record.pk},
        is_public=meeting.is_public,
    )
    return record
