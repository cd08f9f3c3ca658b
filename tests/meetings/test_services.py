"""Meeting lifecycle and agenda services: every transition allowed and refused, and the
published-agenda rule (a change needs a note and becomes a supplement)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import DomainEvent
from meetings import services
from meetings.models import MEETING_END_BEFORE_START, AgendaItem, AgendaVersion, Body, Meeting
from tests.meetings.factories import AgendaItemFactory, BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

S = Meeting.Status
OCT_28 = datetime.date(2024, 10, 28)
DEC_2 = datetime.date(2024, 12, 2)
TWO_PM = datetime.time(14, 0)


@pytest.fixture
def actor(users):
    return users["democratic"]


def titles(meeting: Meeting) -> list[str]:
    return [str(item) for item in meeting.agenda_items.order_by("position")]


def refused(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return error.value.messages


# --- meeting_create --------------------------------------------------------------------------


def test_first_panel_meeting_gets_the_standard_items_without_minutes(actor) -> None:
    meeting = services.meeting_create(actor=actor, body=BodyFactory(), date=OCT_28)
    assert titles(meeting) == [
        "1. Public Question Time.",
        "2. To advise of any other items which the Chairman has decided to take as urgent "
        "elsewhere on the agenda.",
        "3. Declarations of interest in respect of items on the agenda.",
        "4. Date of next meeting.",
        "5. Any other items which the Chairman has decided to take as urgent.",
    ]
    assert meeting.status == S.SCHEDULED


def test_next_panel_meeting_starts_with_the_minutes_of_the_previous_one(actor) -> None:
    body = BodyFactory()
    previous = services.meeting_create(actor=actor, body=body, date=OCT_28, start_time=TWO_PM)
    MeetingFactory(
        body=body,
        date=datetime.date(2024, 11, 1),
        status=S.CANCELLED,
        cancellation_reason="Not quorate",
    )
    meeting = services.meeting_create(actor=actor, body=body, date=DEC_2, start_time=TWO_PM)
    first = meeting.agenda_items.get(position=1)
    assert first.title == "Minutes of the meeting held on 28 October 2024."
    assert first.kind == AgendaItem.Kind.MINUTES
    assert first.minutes_of == previous
    assert [i.kind for i in meeting.agenda_items.order_by("position")] == [
        "minutes",
        "public_questions",
        "urgent_items",
        "declarations",
        "date_of_next_meeting",
        "aob",
    ]


def test_other_bodies_start_with_an_empty_agenda(actor) -> None:
    board = BodyFactory(kind=Body.Kind.BOARD)
    meeting = services.meeting_create(actor=actor, body=board, date=OCT_28)
    assert Meeting.objects.get(pk=meeting.pk).body == board  # the meeting itself was created
    assert not meeting.agenda_items.exists()


def test_meeting_create_refuses_an_end_before_the_start(actor) -> None:
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=actor,
            body=BodyFactory(),
            date=OCT_28,
            start_time=TWO_PM,
            end_time=datetime.time(13, 0),
        )
    assert error.value.message_dict == {"end_time": [MEETING_END_BEFORE_START]}
    assert not Meeting.objects.exists() and not AgendaItem.objects.exists()


@pytest.mark.parametrize("role", ["member", "opcc"])
def test_meeting_create_needs_democratic_services(users, role) -> None:
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=users[role], body=BodyFactory(), date=OCT_28)
    assert not Meeting.objects.exists()


def test_meeting_create_is_audited(actor) -> None:
    meeting = services.meeting_create(actor=actor, body=BodyFactory(), date=OCT_28)
    event = DomainEvent.objects.get(verb="meeting.created")
    assert event.object_id == meeting.pk and event.actor == actor


# --- meeting_update / cancel / mark held --------------------------------------------------------


def update_kwargs(**overrides):
    values = {
        "date": OCT_28,
        "start_time": TWO_PM,
        "end_time": None,
        "venue": "County Hall",
        "mode": "in_person",
        "webcast_url": "",
        "filming_notice": "",
        "session": "public",
        "title": "",
    }
    return {**values, **overrides}


def test_meeting_update_changes_details(actor) -> None:
    meeting: Meeting = MeetingFactory()
    meeting = services.meeting_update(meeting=meeting, actor=actor, **update_kwargs(venue="Zoom"))
    assert meeting.venue == "Zoom"


@pytest.mark.parametrize("status", [S.HELD, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED])
def test_meeting_update_refused_once_held(actor, status) -> None:
    meeting = MeetingFactory(status=status)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(meeting=meeting, actor=actor, **update_kwargs(venue="Zoom"))
    assert refused(error) == [services.MEETING_NOT_EDITABLE.format(status=S(status).label)]
    meeting.refresh_from_db()
    assert meeting.venue != "Zoom"


@pytest.mark.parametrize("status", [S.SCHEDULED, S.AGENDA_PUBLISHED])
def test_meeting_cancel_allowed_before_the_meeting(actor, status) -> None:
    meeting = services.meeting_cancel(
        meeting=MeetingFactory(status=status), actor=actor, reason="Not quorate"
    )
    assert meeting.status == S.CANCELLED and meeting.cancellation_reason == "Not quorate"


def test_meeting_cancel_needs_a_reason(actor) -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(meeting=meeting, actor=actor, reason="  ")
    assert error.value.message_dict == {"reason": [services.MEETING_CANCEL_REASON_REQUIRED]}
    meeting.refresh_from_db()
    assert meeting.status == S.SCHEDULED


@pytest.mark.parametrize("status", [S.HELD, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED, S.CANCELLED])
def test_meeting_cancel_refused_after_the_meeting(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(meeting=meeting, actor=actor, reason="Too late")
    assert refused(error) == [
        services.MEETING_ILLEGAL_TRANSITION.format(
            current=S(status).label, target=S.CANCELLED.label
        )
    ]


def test_mark_held_records_the_times(actor) -> None:
    meeting: Meeting = MeetingFactory(status=S.AGENDA_PUBLISHED, start_time=None)
    meeting = services.meeting_mark_held(
        meeting=meeting, actor=actor, start_time=TWO_PM, end_time=datetime.time(14, 57)
    )
    assert meeting.status == S.HELD and meeting.end_time == datetime.time(14, 57)


def test_mark_held_refuses_an_end_before_the_start(actor) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED)
    with pytest.raises(ValidationError) as error:
        services.meeting_mark_held(
            meeting=meeting, actor=actor, start_time=TWO_PM, end_time=datetime.time(13, 0)
        )
    assert error.value.message_dict == {"end_time": [MEETING_END_BEFORE_START]}
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED and meeting.end_time is None


def test_mark_held_needs_a_start_time(actor) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED, start_time=None)
    with pytest.raises(ValidationError) as error:
        services.meeting_mark_held(meeting=meeting, actor=actor, start_time=None)
    assert error.value.message_dict == {"start_time": [services.MEETING_HELD_START_REQUIRED]}


@pytest.mark.parametrize(
    "status", [S.SCHEDULED, S.HELD, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED, S.CANCELLED]
)
def test_mark_held_refused_unless_the_agenda_is_published(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    with pytest.raises(ValidationError) as error:
        services.meeting_mark_held(meeting=meeting, actor=actor, start_time=TWO_PM)
    assert error.value.code == "illegal_transition"


# --- agenda building ---------------------------------------------------------------------------


@pytest.fixture
def panel_meeting(actor) -> Meeting:
    body = BodyFactory()
    services.meeting_create(actor=actor, body=body, date=OCT_28, start_time=TWO_PM)
    return services.meeting_create(actor=actor, body=body, date=DEC_2, start_time=TWO_PM)


def test_new_items_go_above_the_closing_items(actor, panel_meeting) -> None:
    item = services.agenda_item_add(
        meeting=panel_meeting,
        actor=actor,
        title="Police and Crime Commissioner's Update",
        page_start=9,
        page_end=24,
    )
    assert item.number == "5"
    assert titles(panel_meeting)[4:] == [
        "5. Police and Crime Commissioner's Update",
        "6. Date of next meeting.",
        "7. Any other items which the Chairman has decided to take as urgent.",
    ]


def test_add_item_needs_a_title(actor, panel_meeting) -> None:
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=panel_meeting, actor=actor, title=" ")
    assert error.value.message_dict == {"title": [services.AGENDA_ITEM_TITLE_REQUIRED]}
    assert panel_meeting.agenda_items.count() == 6


def test_add_item_refuses_a_page_range_backwards(actor, panel_meeting) -> None:
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            meeting=panel_meeting, actor=actor, title="Report", page_start=9, page_end=3
        )
    assert panel_meeting.agenda_items.count() == 6


def test_move_swaps_neighbours_and_renumbers(actor, panel_meeting) -> None:
    report = services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Report")
    moved = services.agenda_item_move(item=report, actor=actor, direction="up")
    assert moved.number == "4"
    assert titles(panel_meeting)[3:5] == [
        "4. Report",
        "5. Declarations of interest in respect of items on the agenda.",
    ]
    services.agenda_item_move(item=moved, actor=actor, direction="down")
    assert titles(panel_meeting)[4] == "5. Report"


def test_move_at_either_end_changes_nothing(actor, panel_meeting) -> None:
    first = panel_meeting.agenda_items.get(position=1)
    last = panel_meeting.agenda_items.get(position=6)
    before = titles(panel_meeting)
    services.agenda_item_move(item=first, actor=actor, direction="up")
    services.agenda_item_move(item=last, actor=actor, direction="down")
    assert titles(panel_meeting) == before


def test_move_needs_a_direction(actor, panel_meeting) -> None:
    item = panel_meeting.agenda_items.get(position=2)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_move(item=item, actor=actor, direction="sideways")  # type: ignore[arg-type]  # not a direction, on purpose
    assert error.value.message_dict == {"direction": [services.agenda.AGENDA_MOVE_DIRECTION]}


def test_sub_items_follow_their_parent_when_it_moves(actor) -> None:
    meeting = MeetingFactory(body=BodyFactory(kind=Body.Kind.BOARD))
    first = AgendaItemFactory(meeting=meeting, position=1, number="1", title="Overview")
    parent = AgendaItemFactory(meeting=meeting, position=2, number="2", title="Finance")
    AgendaItemFactory(meeting=meeting, position=3, number="2a", title="MTFP", parent=parent)
    services.agenda_item_move(item=parent, actor=actor, direction="up")
    assert titles(meeting) == ["1. Finance", "1a. MTFP", "2. Overview"]
    first.refresh_from_db()
    assert first.position == 3


def test_update_item(actor, panel_meeting) -> None:
    item = panel_meeting.agenda_items.get(position=2)
    updated = services.agenda_item_update(
        item=item,
        actor=actor,
        title="Public Question Time.",
        kind="public_questions",
        report_by="",
        description="None received.",
        page_start=None,
        page_end=None,
        paper_status="none",
        exempt=False,
        exempt_reason="",
    )
    assert updated.description == "None received."


def test_exempt_item_needs_its_reason(actor, panel_meeting) -> None:
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Exempt", exempt=True)
    assert "An exempt item needs the reason it is exempt." in error.value.messages


def test_withdraw_keeps_the_item_with_its_reason(actor, panel_meeting) -> None:
    item = services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Report")
    item = services.agenda_item_withdraw(item=item, actor=actor, reason="Report not received")
    assert item.is_withdrawn and item.withdrawn_reason == "Report not received"
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_withdraw(item=item, actor=actor, reason="Again")
    assert refused(error) == [services.AGENDA_ITEM_WITHDRAWN]


def test_withdraw_needs_a_reason(actor, panel_meeting) -> None:
    item = panel_meeting.agenda_items.first()
    with pytest.raises(ValidationError) as error:
        services.agenda_item_withdraw(item=item, actor=actor, reason="")
    assert error.value.message_dict == {"reason": [services.AGENDA_ITEM_WITHDRAW_REASON_REQUIRED]}
    item.refresh_from_db()
    assert not item.is_withdrawn


def test_withdrawn_item_cannot_be_edited(actor, panel_meeting) -> None:
    item = services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Report")
    services.agenda_item_withdraw(item=item, actor=actor, reason="Withdrawn by the OPCC")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_update(
            item=item,
            actor=actor,
            title="New",
            kind="report",
            report_by="",
            description="",
            page_start=None,
            page_end=None,
            paper_status="none",
            exempt=False,
            exempt_reason="",
        )
    assert refused(error) == [services.AGENDA_ITEM_WITHDRAWN]


# --- publishing and supplements ----------------------------------------------------------------


def test_publish_writes_version_one_with_a_snapshot(actor, panel_meeting) -> None:
    services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Report")
    meeting = services.agenda_publish(meeting=panel_meeting, actor=actor)
    assert meeting.status == S.AGENDA_PUBLISHED and meeting.agenda_published_at
    version = meeting.agenda_versions.get()
    assert version.number == 1 and not version.is_supplement
    assert [i["title"] for i in version.snapshot["items"]][4] == "Report"
    assert DomainEvent.objects.get(verb="agenda.published").is_public


def test_publish_refuses_an_empty_agenda(actor) -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=meeting, actor=actor)
    assert refused(error) == [services.AGENDA_EMPTY]
    meeting.refresh_from_db()
    assert meeting.status == S.SCHEDULED and meeting.agenda_published_at is None


@pytest.mark.parametrize(
    "status", [S.AGENDA_PUBLISHED, S.HELD, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED, S.CANCELLED]
)
def test_publish_refused_unless_scheduled(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(meeting=meeting, actor=actor)
    assert error.value.code == "illegal_transition"
    assert not AgendaVersion.objects.exists()


@pytest.fixture
def published(actor, panel_meeting) -> Meeting:
    services.agenda_item_add(meeting=panel_meeting, actor=actor, title="Report")
    return services.agenda_publish(meeting=panel_meeting, actor=actor)


def test_adding_to_a_published_agenda_needs_a_change_note(actor, published) -> None:
    before = titles(published)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=published, actor=actor, title="Late item")
    assert error.value.message_dict == {"change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]}
    assert titles(published) == before
    assert published.agenda_versions.count() == 1


def test_a_change_with_a_note_is_a_supplement(actor, published) -> None:
    services.agenda_item_add(
        meeting=published, actor=actor, title="Late item", change_note="Late item added."
    )
    supplement = published.agenda_versions.get(number=2)
    assert supplement.is_supplement and supplement.change_note == "Late item added."
    assert "Late item" in [i["title"] for i in supplement.snapshot["items"]]


def test_editing_a_published_item_without_a_note_changes_nothing(actor, published) -> None:
    item = published.agenda_items.get(title="Report")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_update(
            item=item,
            actor=actor,
            title="Renamed",
            kind="report",
            report_by="",
            description="",
            page_start=None,
            page_end=None,
            paper_status="none",
            exempt=False,
            exempt_reason="",
        )
    assert error.value.message_dict == {"change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]}
    item.refresh_from_db()
    assert item.title == "Report"


def test_moving_on_a_published_agenda_needs_a_note(actor, published) -> None:
    item = published.agenda_items.get(title="Report")
    with pytest.raises(ValidationError):
        services.agenda_item_move(item=item, actor=actor, direction="up")
    item.refresh_from_db()
    assert item.number == "5"
    services.agenda_item_move(item=item, actor=actor, direction="up", change_note="Reordered.")
    item.refresh_from_db()
    assert item.number == "4" and published.agenda_versions.count() == 2


def test_withdrawing_from_a_published_agenda_uses_the_reason_as_the_note(actor, published) -> None:
    item = published.agenda_items.get(title="Report")
    services.agenda_item_withdraw(item=item, actor=actor, reason="Report not received")
    assert published.agenda_versions.get(number=2).change_note == (
        "Item 5 withdrawn: Report not received"
    )


@pytest.mark.parametrize("status", [S.HELD, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED, S.CANCELLED])
def test_agenda_cannot_change_after_the_meeting(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(meeting=meeting, actor=actor, title="Late", change_note="x")
    assert refused(error) == [services.AGENDA_NOT_EDITABLE.format(status=S(status).label)]
