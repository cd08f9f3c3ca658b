"""The board's services: meetings, attendance and items through the meetings services, requests
to the Force through the tracker's, and outcomes carried forward when not accepted."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.events import EventType
from core.models import DomainEvent
from governance import services
from governance.models import BoardItem
from meetings.models import AgendaVersion, Attendance, Body, Meeting
from scrutiny.models import TrackedItem
from tests.meetings.factories import BodyFactory, MeetingFactory, PersonFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


def request_for(users, board, **kwargs):
    fields = {
        "actor": users["opcc"],
        "agenda_item": board["review"],
        "text": "Return to the next CGB with an update, to the PCC's brief.",
        "addressee": "force",
    }
    return services.cgb_request_create(**(fields | kwargs))


def test_request_is_due_at_the_next_board_and_addressed_to_the_force(users, board):
    item = request_for(users, board)
    assert item.reference == "CGB/2024-09-18/4b-1"
    assert item.due_meeting == board["second"] and item.due_date == board["second"].date
    assert item.source == TrackedItem.Source.CGB_REQUEST
    assert item.requested_by == TrackedItem.RequestedBy.PCC_AT_CGB
    assert not item.is_public
    with pytest.raises(PermissionDenied):
        request_for(users, board, actor=users["member"])
    with pytest.raises(ValidationError, match="Choose the officer"):
        request_for(users, board, addressee="officer")


def test_a_request_from_a_redacted_item_stays_internal_at_a_public_meeting(users, board):
    Meeting.objects.filter(pk=board["first"].pk).update(
        session=Meeting.Session.PUBLIC, agenda_published_at=datetime.datetime.now(datetime.UTC)
    )
    board["first"].refresh_from_db()  # the items' meeting
    redacted = request_for(users, board, agenda_item=board["summary"])
    open_item = request_for(users, board)
    assert not redacted.is_public
    assert open_item.is_public


def test_not_an_update_reopens_and_carries_forward_once(users, board):
    item = request_for(users, board, due_date=datetime.date(2024, 9, 18))
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="A year-old report is not an update.",
        meeting=board["first"],
        accepted=False,
    )
    item.refresh_from_db()
    assert item.is_open and item.due_meeting == board["second"]
    carried = board["second"].agenda_items.get()
    assert carried.title == board["review"].title
    assert item.reference in carried.description
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="Still not an update.",
        meeting=board["first"],
        accepted=False,
    )
    assert board["second"].agenda_items.count() == 1  # not carried twice
    services.item_outcome_record(
        actor=users["opcc"],
        item=item,
        outcome="The implementation plan was presented.",
        meeting=board["second"],
        accepted=True,
    )
    item.refresh_from_db()
    assert item.closed_at is not None and item.outcome_meeting == board["second"]


def test_outcome_bad_input(users, board):
    item = request_for(users, board)
    with pytest.raises(ValidationError, match="Record what"):
        services.item_outcome_record(
            actor=users["opcc"], item=item, outcome=" ", meeting=board["second"], accepted=True
        )
    panel_meeting = MeetingFactory(date=datetime.date(2024, 12, 2))
    with pytest.raises(ValidationError, match="body that made the request"):
        services.item_outcome_record(
            actor=users["opcc"], item=item, outcome="x", meeting=panel_meeting, accepted=True
        )
    item.refresh_from_db()
    assert item.outcome == "" and item.is_open


def test_cgb_outcome_not_accepted_carries_forward(users):
    cgb = MeetingFactory(body=BodyFactory(kind=Body.Kind.BOARD), date=datetime.date(2024, 9, 18))
    following = MeetingFactory(body=cgb.body, date=datetime.date(2024, 11, 13))
    item = TrackedItemFactory(body=cgb.body, addressee="force", raised_on=cgb.date)
    services.item_outcome_record(
        actor=users["opcc"], item=item, outcome="Not an update", meeting=cgb, accepted=False
    )
    item.refresh_from_db()
    assert item.is_open and item.due_meeting == following
    services.item_outcome_record(
        actor=users["opcc"], item=item, outcome="Brief agreed", meeting=following, accepted=True
    )
    item.refresh_from_db()
    assert item.closed_at is not None
    with pytest.raises(PermissionDenied):
        services.item_outcome_record(
            actor=users["member"], item=item, outcome="x", meeting=cgb, accepted=True
        )


def test_a_carried_item_goes_after_the_held_meetings_items_and_is_numbered_next(users, board):
    Meeting.objects.filter(pk=board["second"].pk).update(status=Meeting.Status.HELD)
    services.cgb_item_add(
        actor=users["opcc"], meeting=board["second"], number="1", title="Rape performance"
    )
    item = request_for(users, board, due_date=datetime.date(2024, 9, 18))
    services.item_outcome_record(
        actor=users["opcc"], item=item, outcome="No.", meeting=board["first"], accepted=False
    )
    carried = board["second"].agenda_items.get(title=board["review"].title)
    assert (carried.number, carried.position) == ("2", 2)
    assert DomainEvent.objects.filter(
        verb=EventType.AGENDA_ITEM_ADDED, object_id=board["second"].pk
    ).exists()


# --- Meetings, attendance and items, through the meetings services ---------------------------


def test_a_board_meeting_is_private_and_one_a_day(users, board):
    meeting = services.cgb_meeting_create(actor=users["opcc"], date=datetime.date(2025, 1, 15))
    assert meeting.session == Meeting.Session.PRIVATE
    assert meeting.title == "Corporate Governance Board" and not meeting.agenda_items.exists()
    verbs = set(DomainEvent.objects.filter(object_id=meeting.pk).values_list("verb", flat=True))
    assert {EventType.MEETING_CREATED, EventType.BOARD_MEETING_CREATED} <= verbs
    with pytest.raises(ValidationError, match="already has a meeting"):
        services.cgb_meeting_create(actor=users["opcc"], date=datetime.date(2025, 1, 15))
    with pytest.raises(PermissionDenied):
        services.cgb_meeting_create(actor=users["democratic"], date=datetime.date(2025, 2, 1))


def test_attendance_is_recorded_by_office_once(users, board):
    person = PersonFactory()
    attendance = services.cgb_attendance_add(
        actor=users["opcc"], meeting=board["first"], person=person, office="chief_constable"
    )
    assert attendance.capacity == Attendance.Capacity.CHIEF_CONSTABLE
    assert attendance.status == Attendance.Status.PRESENT
    with pytest.raises(ValidationError, match="already recorded"):
        services.cgb_attendance_add(
            actor=users["opcc"], meeting=board["first"], person=person, office="opcc"
        )
    with pytest.raises(ValidationError, match="Choose the office"):
        services.cgb_attendance_add(
            actor=users["opcc"], meeting=board["first"], person=PersonFactory(), office="member"
        )


def test_an_item_keeps_its_printed_number_and_its_sections(users, board):
    parent = services.cgb_item_add(
        actor=users["opcc"], meeting=board["first"], number="5", title="Finance"
    )
    item = services.cgb_item_add(
        actor=users["opcc"],
        meeting=board["first"],
        number="5a",
        title="Medium Term Financial Plan",
        parent=parent,
        pcc_response="The PCC asked for the reserves.",
        redacted=True,
        redaction_reason="Commercially sensitive.",
    )
    assert item.number == "5a" and item.parent == parent
    assert board["review"].number == "4b"  # nothing renumbered
    assert item.board_item.redacted and item.board_item.pcc_response
    with pytest.raises(ValidationError, match="already has an item 5a"):
        services.cgb_item_add(actor=users["opcc"], meeting=board["first"], number="5a", title="X")
    with pytest.raises(ValidationError, match="Say why"):
        services.cgb_item_add(
            actor=users["opcc"], meeting=board["first"], number="6", title="X", redacted=True
        )


def test_an_item_added_to_a_published_agenda_is_a_supplement(users, board):
    Meeting.objects.filter(pk=board["second"].pk).update(
        status=Meeting.Status.AGENDA_PUBLISHED,
        agenda_published_at=datetime.datetime(2024, 11, 14, tzinfo=datetime.UTC),
    )
    services.cgb_item_add(actor=users["opcc"], meeting=board["second"], number="1", title="Risk")
    version = AgendaVersion.objects.get(meeting=board["second"])
    assert version.change_note == "Item 1 added: Risk"
    assert BoardItem.objects.filter(agenda_item__meeting=board["second"]).count() == 1
