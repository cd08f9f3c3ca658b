"""Model invariants of the meetings records."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from meetings.models import (
    AGENDA_ITEM_WITHDRAWN_NEEDS_REASON,
    MEETING_CANCELLED_NEEDS_REASON,
    MEETING_END_BEFORE_START,
    MEETING_STATUS,
    Meeting,
    Minute,
    municipal_year_of,
)
from tests.meetings.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MinuteFactory

pytestmark = pytest.mark.django_db

S = Meeting.Status


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2024, 10, 28), 2024),
        (datetime.date(2025, 2, 5), 2024),
        (datetime.date(2025, 4, 30), 2024),
        (datetime.date(2025, 5, 1), 2025),
        (datetime.date(2020, 7, 28), 2020),
    ],
)
def test_municipal_year_starts_in_may(day: datetime.date, year: int) -> None:
    assert municipal_year_of(day) == year


def test_meeting_end_before_start_is_reported_on_the_end_time() -> None:
    meeting = MeetingFactory.build(
        body=BodyFactory(), start_time=datetime.time(14), end_time=datetime.time(13, 30)
    )
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert caught.value.message_dict == {"end_time": [MEETING_END_BEFORE_START]}


def test_meeting_end_before_start_is_refused_by_the_database() -> None:
    with pytest.raises(IntegrityError):
        MeetingFactory(start_time=datetime.time(14), end_time=datetime.time(13))


def test_cancelled_meeting_needs_a_reason() -> None:
    meeting = MeetingFactory.build(body=BodyFactory(), status=S.CANCELLED)
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert MEETING_CANCELLED_NEEDS_REASON in caught.value.messages


def test_withdrawn_item_needs_a_reason() -> None:
    item = AgendaItemFactory()
    item.withdrawn_at = datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert AGENDA_ITEM_WITHDRAWN_NEEDS_REASON in caught.value.messages


def test_minute_takes_body_and_municipal_year_from_its_meeting() -> None:
    minute = MinuteFactory(meeting=MeetingFactory(date=datetime.date(2025, 2, 5)))
    assert minute.body_id == minute.meeting.body_id
    assert minute.municipal_year == 2024


def test_minute_numbers_are_unique_within_the_body_and_municipal_year() -> None:
    body = BodyFactory()
    first = MeetingFactory(body=body, date=datetime.date(2024, 9, 23))
    second = MeetingFactory(body=body, date=datetime.date(2024, 10, 28))
    MinuteFactory(meeting=first, number=23)
    with pytest.raises(IntegrityError):
        Minute.objects.create(meeting=second, number=23, title="Duplicate")


def test_minute_numbers_restart_in_a_new_municipal_year() -> None:
    body = BodyFactory()
    MinuteFactory(meeting=MeetingFactory(body=body, date=datetime.date(2024, 3, 1)), number=5)
    minute = MinuteFactory(
        meeting=MeetingFactory(body=body, date=datetime.date(2024, 6, 18)), number=5
    )
    assert minute.pk


def test_transition_table_covers_every_status_and_only_moves_forward() -> None:
    assert set(MEETING_STATUS.transitions) == set(S.values)
    assert MEETING_STATUS.targets(S.SCHEDULED) == {S.AGENDA_PUBLISHED, S.CANCELLED}
    assert MEETING_STATUS.targets(S.AGENDA_PUBLISHED) == {S.HELD, S.CANCELLED}
    assert MEETING_STATUS.targets(S.HELD) == {S.MINUTES_DRAFT}
    assert MEETING_STATUS.targets(S.MINUTES_DRAFT) == {S.MINUTES_CONFIRMED}
    assert MEETING_STATUS.targets(S.MINUTES_CONFIRMED) == frozenset()
    assert MEETING_STATUS.targets(S.CANCELLED) == frozenset()


def test_next_steps_read_the_table() -> None:
    meeting = MeetingFactory.build(status=S.HELD)
    assert meeting.may_publish_minutes
    assert not meeting.may_cancel
