"""Attendance (with the roles members held on the day), declarations and public questions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings import services
from meetings.models import Attendance, Declaration, Meeting, Membership
from meetings.selectors import attendance_suggestions
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

S = Meeting.Status
R = Membership.Role


@pytest.fixture
def actor(users):
    return users["democratic"]


def test_suggestions_show_the_role_held_on_the_meeting_date() -> None:
    body = BodyFactory()
    taylor = PersonFactory(display_name="Mrs D. Taylor CC", family_name="Taylor")
    MembershipFactory(
        person=taylor, body=body, role=R.COUNCILLOR, start_date=datetime.date(2019, 5, 1)
    )
    MembershipFactory(
        person=taylor, body=body, role=R.CHAIRMAN, start_date=datetime.date(2024, 5, 20)
    )
    orson = PersonFactory(display_name="Cllr Orson", family_name="Orson")
    MembershipFactory(
        person=orson,
        body=body,
        role=R.CHAIRMAN,
        start_date=datetime.date(2020, 7, 28),
        end_date=datetime.date(2021, 5, 1),
    )
    pcc = PersonFactory(display_name="Rupert Matthews", family_name="Matthews")
    MembershipFactory(person=pcc, body=body, role=R.PCC, start_date=datetime.date(2021, 5, 13))

    in_2020 = MeetingFactory(body=body, date=datetime.date(2020, 10, 1))
    in_2024 = MeetingFactory(body=body, date=datetime.date(2024, 10, 28))

    assert [
        (s.membership.person.display_name, s.membership.role)
        for s in attendance_suggestions(meeting=in_2020)
    ] == [("Cllr Orson", R.CHAIRMAN), ("Mrs D. Taylor CC", R.COUNCILLOR)]
    suggested_2024 = attendance_suggestions(meeting=in_2024)
    assert [(s.membership.person.display_name, s.membership.role) for s in suggested_2024] == [
        ("Mrs D. Taylor CC", R.CHAIRMAN),
        ("Rupert Matthews", R.PCC),
    ]
    assert [s.is_member for s in suggested_2024] == [True, False]


def test_attendance_takes_capacity_and_role_from_the_membership(actor) -> None:
    meeting = MeetingFactory()
    member = MembershipFactory(body=meeting.body, role=R.COUNCILLOR)
    pcc = MembershipFactory(body=meeting.body, role=R.PCC, title="")
    councillor = services.attendance_record(
        meeting=meeting, person=member.person, actor=actor, status="present", in_the_chair=True
    )
    commissioner = services.attendance_record(
        meeting=meeting, person=pcc.person, actor=actor, status="present"
    )
    assert councillor.capacity == Attendance.Capacity.MEMBER and councillor.role_text == ""
    assert commissioner.capacity == Attendance.Capacity.IN_ATTENDANCE
    assert commissioner.role_text == "Police and Crime Commissioner"


def test_recording_again_corrects_the_same_record(actor) -> None:
    meeting = MeetingFactory()
    person = MembershipFactory(body=meeting.body).person
    services.attendance_record(meeting=meeting, person=person, actor=actor, status="present")
    record = services.attendance_record(
        meeting=meeting, person=person, actor=actor, status="apologies"
    )
    assert record.status == "apologies" and Attendance.objects.count() == 1


def test_someone_who_left_early(actor) -> None:
    meeting = MeetingFactory(start_time=datetime.time(13, 0))
    person = PersonFactory()
    record = services.attendance_record(
        meeting=meeting,
        person=person,
        actor=actor,
        status="present",
        left_at=datetime.time(13, 40),
        capacity="member",
    )
    assert record.left_at == datetime.time(13, 40)


def test_leaving_before_the_start_is_refused(actor) -> None:
    meeting = MeetingFactory(start_time=datetime.time(14, 0))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=meeting,
            person=PersonFactory(),
            actor=actor,
            status="present",
            left_at=datetime.time(13, 0),
        )
    assert error.value.message_dict == {
        "left_at": [services.ATTENDANCE_LEFT_BEFORE_START.format(start="14:00")]
    }
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"left_at": datetime.time(15)}, "left_at", services.ATTENDANCE_LEFT_NOT_PRESENT),
        ({"in_the_chair": True}, "in_the_chair", services.ATTENDANCE_CHAIR_NOT_PRESENT),
    ],
)
def test_absent_people_neither_chair_nor_leave(actor, extra, field, message) -> None:
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=MeetingFactory(),
            person=PersonFactory(),
            actor=actor,
            status="apologies",
            **extra,
        )
    assert error.value.message_dict == {field: [message]}


@pytest.mark.parametrize("status", [S.CANCELLED, S.MINUTES_CONFIRMED])
def test_closed_meetings_take_no_records(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    message = services.RECORD_MEETING_CLOSED.format(status=S(status).label)
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=meeting, person=PersonFactory(), actor=actor, status="present"
        )
    assert error.value.messages == [message]
    with pytest.raises(ValidationError):
        services.declaration_record(
            meeting=meeting, person=PersonFactory(), actor=actor, kind="other", text="x"
        )
    with pytest.raises(ValidationError):
        services.public_question_record(meeting=meeting, actor=actor, asker="A", question="Q")


def test_attendance_needs_democratic_services(users) -> None:
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            meeting=MeetingFactory(),
            person=PersonFactory(),
            actor=users["member"],
            status="present",
        )


def test_declaration_recorded_against_an_item(actor) -> None:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    declaration = services.declaration_record(
        meeting=meeting,
        person=PersonFactory(),
        actor=actor,
        kind="other",
        text="Trustee of a funded charity",
        agenda_item=item,
    )
    assert declaration.agenda_item == item


def test_declaration_needs_text_and_an_item_of_this_meeting(actor) -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.declaration_record(
            meeting=meeting, person=PersonFactory(), actor=actor, kind="other", text=" "
        )
    assert error.value.message_dict == {"text": [services.DECLARATION_TEXT_REQUIRED]}
    with pytest.raises(ValidationError) as error:
        services.declaration_record(
            meeting=meeting,
            person=PersonFactory(),
            actor=actor,
            kind="other",
            text="x",
            agenda_item=AgendaItemFactory(),
        )
    assert error.value.message_dict == {"agenda_item": [services.DECLARATION_ITEM_OTHER_MEETING]}
    assert not Declaration.objects.exists()


def test_standing_declarations_carry_forward_for_current_members_once(actor) -> None:
    body = BodyFactory()
    stays = MembershipFactory(body=body, start_date=datetime.date(2020, 1, 1)).person
    leaves = MembershipFactory(
        body=body, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2024, 9, 30)
    ).person
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 9, 23))
    standing = DeclarationFactory(meeting=earlier, person=stays, kind="standing", text="JP")
    DeclarationFactory(meeting=earlier, person=leaves, kind="standing", text="Trustee")
    DeclarationFactory(meeting=earlier, person=stays, kind="other", text="Item 5 only")
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 10, 28))

    created = services.declarations_carry_forward(meeting=meeting, actor=actor)
    assert [(d.person, d.text, d.carried_from) for d in created] == [(stays, "JP", standing)]
    assert services.declarations_carry_forward(meeting=meeting, actor=actor) == []


def test_public_question_recorded_in_order(actor) -> None:
    meeting = MeetingFactory()
    first = services.public_question_record(
        meeting=meeting, actor=actor, asker="A resident", question="How many officers?"
    )
    second = services.public_question_record(
        meeting=meeting, actor=actor, asker="Another", question="When?", answer="Soon."
    )
    assert (first.position, second.position) == (1, 2)


@pytest.mark.parametrize(
    ("asker", "question", "field", "message"),
    [
        ("", "Q?", "asker", services.QUESTION_ASKER_REQUIRED),
        ("A resident", " ", "question", services.QUESTION_TEXT_REQUIRED),
    ],
)
def test_public_question_needs_asker_and_question(actor, asker, question, field, message) -> None:
    with pytest.raises(ValidationError) as error:
        services.public_question_record(
            meeting=MeetingFactory(), actor=actor, asker=asker, question=question
        )
    assert error.value.message_dict == {field: [message]}
