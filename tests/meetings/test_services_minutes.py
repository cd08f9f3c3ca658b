"""Minutes: numbering across the municipal year, points and resolutions, draft and confirm."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import DomainEvent
from meetings import services
from meetings.models import AgendaItem, Meeting, Minute
from meetings.selectors import minute_number_suggest
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

S = Meeting.Status
SEP_23 = datetime.date(2024, 9, 23)
OCT_28 = datetime.date(2024, 10, 28)
DEC_2 = datetime.date(2024, 12, 2)


@pytest.fixture
def actor(users):
    return users["democratic"]


@pytest.fixture
def body():
    return BodyFactory()


@pytest.fixture
def held(body) -> Meeting:
    return MeetingFactory(body=body, date=OCT_28, status=S.HELD)


def test_numbering_continues_from_the_previous_meeting(actor, body, held) -> None:
    earlier = MeetingFactory(body=body, date=SEP_23, status=S.MINUTES_CONFIRMED)
    MinuteFactory(meeting=earlier, number=22)
    MinuteFactory(meeting=earlier, number=23)
    assert minute_number_suggest(meeting=held) == 24
    minute = services.minute_create(
        meeting=held, actor=actor, number=24, title="Minutes of the previous meeting."
    )
    assert minute.number == 24 and minute_number_suggest(meeting=held) == 25


def test_numbering_restarts_with_the_municipal_year(body) -> None:
    MinuteFactory(meeting=MeetingFactory(body=body, date=datetime.date(2024, 2, 5)), number=40)
    june = MeetingFactory(body=body, date=datetime.date(2024, 6, 18), status=S.HELD)
    assert minute_number_suggest(meeting=june) == 1


def test_a_number_used_in_the_municipal_year_is_refused(actor, body, held) -> None:
    earlier = MeetingFactory(body=body, date=SEP_23, status=S.MINUTES_CONFIRMED)
    MinuteFactory(meeting=earlier, number=23)
    with pytest.raises(ValidationError) as error:
        services.minute_create(meeting=held, actor=actor, number=23, title="Public Question Time.")
    assert error.value.message_dict == {
        "number": [
            services.MINUTE_NUMBER_TAKEN.format(
                number=23, date="23 September 2024", year="2024/25", free=24
            )
        ]
    }
    assert not held.minutes.exists()


def test_same_number_in_another_body_is_fine(actor, held) -> None:
    MinuteFactory(meeting=MeetingFactory(date=SEP_23), number=24)
    assert services.minute_create(meeting=held, actor=actor, number=24, title="x").pk


@pytest.mark.parametrize(
    ("number", "title", "field", "message"),
    [
        (0, "Heading", "number", services.MINUTE_NUMBER_INVALID),
        (24, " ", "title", services.MINUTE_TITLE_REQUIRED),
    ],
)
def test_minute_needs_a_number_and_heading(actor, held, number, title, field, message) -> None:
    with pytest.raises(ValidationError) as error:
        services.minute_create(meeting=held, actor=actor, number=number, title=title)
    assert error.value.message_dict == {field: [message]}


def test_minute_links_only_an_item_of_its_meeting(actor, held) -> None:
    item = AgendaItemFactory(meeting=held)
    assert (
        services.minute_create(
            meeting=held, actor=actor, number=28, title="PCC update", agenda_item=item
        ).agenda_item
        == item
    )
    with pytest.raises(ValidationError) as error:
        services.minute_create(
            meeting=held, actor=actor, number=29, title="x", agenda_item=AgendaItemFactory()
        )
    assert error.value.message_dict == {"agenda_item": [services.MINUTE_ITEM_OTHER_MEETING]}


@pytest.mark.parametrize("status", [S.SCHEDULED, S.AGENDA_PUBLISHED, S.MINUTES_CONFIRMED])
def test_minutes_are_written_only_after_the_meeting_and_until_confirmed(actor, status) -> None:
    meeting = MeetingFactory(status=status)
    with pytest.raises(ValidationError) as error:
        services.minute_create(meeting=meeting, actor=actor, number=1, title="x")
    assert error.value.messages == [services.MINUTES_NOT_EDITABLE.format(status=S(status).label)]


def test_minute_update_rechecks_a_changed_number(actor, body, held) -> None:
    MinuteFactory(meeting=MeetingFactory(body=body, date=SEP_23), number=23)
    minute = services.minute_create(meeting=held, actor=actor, number=24, title="x")
    updated = services.minute_update(
        minute=minute, actor=actor, number=24, title="Minutes", preamble="Taken as read."
    )
    assert updated.preamble == "Taken as read."
    with pytest.raises(ValidationError) as error:
        services.minute_update(minute=minute, actor=actor, number=23, title="x", preamble="")
    assert "number" in error.value.message_dict
    minute.refresh_from_db()
    assert minute.number == 24


def test_points_are_numbered_in_roman(actor, held) -> None:
    minute = MinuteFactory(meeting=held)
    labels = [
        services.minute_point_add(minute=minute, actor=actor, text=f"Point {n}").label
        for n in range(1, 6)
    ]
    assert labels == ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]
    assert services.minute_point_add(minute=minute, actor=actor, text="x", label="").label == ""


def test_point_needs_text(actor, held) -> None:
    with pytest.raises(ValidationError) as error:
        services.minute_point_add(minute=MinuteFactory(meeting=held), actor=actor, text="")
    assert error.value.message_dict == {"text": [services.POINT_TEXT_REQUIRED]}


def test_resolutions_are_lettered(actor, held) -> None:
    minute = MinuteFactory(meeting=held)
    first = services.resolution_add(
        minute=minute, actor=actor, text="That the report be noted.", kind="note"
    )
    third = services.resolution_add(
        minute=minute,
        actor=actor,
        kind="request_response",
        label="(c)",
        text="That the PCC be requested to submit a written response.",
    )
    assert (first.label, third.label) == ("(a)", "(c)")
    assert services.resolution_add(minute=minute, actor=actor, text="x", kind="note").label == "(d)"


def test_a_single_resolution_may_be_unlettered(actor, held) -> None:
    minute = MinuteFactory(meeting=held)
    resolution = services.resolution_add(
        minute=minute, actor=actor, text="That the update be noted.", kind="note", label=""
    )
    assert list(minute.resolutions.values_list("text", flat=True)) == ["That the update be noted."]
    assert resolution.label == ""


def test_resolution_label_must_be_unique_and_text_given(actor, held) -> None:
    minute = MinuteFactory(meeting=held)
    ResolutionFactory(minute=minute, label="(a)", position=1)
    with pytest.raises(ValidationError) as error:
        services.resolution_add(minute=minute, actor=actor, text="x", kind="note", label="(a)")
    assert error.value.message_dict == {
        "label": [services.RESOLUTION_LABEL_TAKEN.format(label="(a)")]
    }
    with pytest.raises(ValidationError) as error:
        services.resolution_add(minute=minute, actor=actor, text=" ", kind="note")
    assert error.value.message_dict == {"text": [services.RESOLUTION_TEXT_REQUIRED]}


def test_publish_draft_minutes(actor, held) -> None:
    MinuteFactory(meeting=held)
    meeting = services.minutes_publish_draft(meeting=held, actor=actor)
    assert meeting.status == S.MINUTES_DRAFT and meeting.minutes_published_at


def test_publish_draft_refuses_empty_minutes(actor, held) -> None:
    with pytest.raises(ValidationError) as error:
        services.minutes_publish_draft(meeting=held, actor=actor)
    assert error.value.messages == [services.MINUTES_EMPTY]
    held.refresh_from_db()
    assert held.status == S.HELD


@pytest.mark.parametrize(
    "status", [S.SCHEDULED, S.AGENDA_PUBLISHED, S.MINUTES_DRAFT, S.MINUTES_CONFIRMED, S.CANCELLED]
)
def test_publish_draft_refused_unless_held(actor, status) -> None:
    meeting = MeetingFactory(status=status, cancellation_reason="x")
    MinuteFactory(meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.minutes_publish_draft(meeting=meeting, actor=actor)
    assert error.value.code == "illegal_transition"


@pytest.fixture
def draft(body) -> Meeting:
    meeting = MeetingFactory(body=body, date=OCT_28, status=S.MINUTES_DRAFT)
    MinuteFactory(meeting=meeting, number=24)
    return meeting


def test_confirm_at_the_next_meeting_links_its_minutes_item(actor, body, draft) -> None:
    later = MeetingFactory(body=body, date=DEC_2, status=S.AGENDA_PUBLISHED)
    item = AgendaItemFactory(
        meeting=later,
        kind=AgendaItem.Kind.MINUTES,
        position=1,
        number="1",
        title="Minutes of the meeting held on 28 October 2024.",
    )
    meeting = services.minutes_confirm(meeting=draft, at_meeting=later, actor=actor)
    assert meeting.status == S.MINUTES_CONFIRMED
    assert meeting.minutes_confirmed_on == DEC_2 and meeting.minutes_confirmed_at == later
    item.refresh_from_db()
    assert item.minutes_of == draft
    assert DomainEvent.objects.filter(verb="minutes.confirmed", object_id=draft.pk).exists()


def test_confirm_keeps_an_item_already_linked(actor, body, draft) -> None:
    later = MeetingFactory(body=body, date=DEC_2, status=S.HELD)
    item = AgendaItemFactory(meeting=later, kind=AgendaItem.Kind.MINUTES, minutes_of=draft)
    services.minutes_confirm(meeting=draft, at_meeting=later, actor=actor)
    item.refresh_from_db()
    assert item.minutes_of == draft


def test_confirm_refuses_another_body(actor, draft) -> None:
    other = MeetingFactory(date=DEC_2, status=S.HELD)
    with pytest.raises(ValidationError) as error:
        services.minutes_confirm(meeting=draft, at_meeting=other, actor=actor)
    assert error.value.message_dict == {"at_meeting": [services.CONFIRM_OTHER_BODY]}


def test_confirm_refuses_an_earlier_meeting(actor, body, draft) -> None:
    earlier = MeetingFactory(body=body, date=SEP_23, status=S.MINUTES_CONFIRMED)
    with pytest.raises(ValidationError) as error:
        services.minutes_confirm(meeting=draft, at_meeting=earlier, actor=actor)
    assert error.value.message_dict == {
        "at_meeting": [services.CONFIRM_NOT_LATER.format(date="28 October 2024")]
    }
    draft.refresh_from_db()
    assert draft.status == S.MINUTES_DRAFT


@pytest.mark.parametrize("status", [S.SCHEDULED, S.CANCELLED])
def test_confirm_refuses_a_meeting_not_under_way(actor, body, draft, status) -> None:
    later = MeetingFactory(body=body, date=DEC_2, status=status, cancellation_reason="x")
    with pytest.raises(ValidationError) as error:
        services.minutes_confirm(meeting=draft, at_meeting=later, actor=actor)
    assert error.value.message_dict == {
        "at_meeting": [services.CONFIRM_AT_NOT_HELD.format(status=S(status).label)]
    }


@pytest.mark.parametrize(
    "status", [S.SCHEDULED, S.AGENDA_PUBLISHED, S.HELD, S.MINUTES_CONFIRMED, S.CANCELLED]
)
def test_confirm_refused_unless_draft_published(actor, body, status) -> None:
    meeting = MeetingFactory(body=body, date=OCT_28, status=status, cancellation_reason="x")
    later = MeetingFactory(body=body, date=DEC_2, status=S.HELD)
    with pytest.raises(ValidationError) as error:
        services.minutes_confirm(meeting=meeting, at_meeting=later, actor=actor)
    assert error.value.code == "illegal_transition"


@pytest.mark.parametrize("role", ["member", "opcc"])
def test_minutes_need_democratic_services(users, held, role) -> None:
    with pytest.raises(PermissionDenied):
        services.minute_create(meeting=held, actor=users[role], number=1, title="x")
    assert not Minute.objects.exists()
