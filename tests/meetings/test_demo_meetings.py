"""The meetings demo loader: idempotent, and faithful to the seed papers."""

from __future__ import annotations

import datetime
import io

import pytest

from meetings import demo
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Minute,
    MinutePoint,
    Resolution,
)

pytestmark = pytest.mark.django_db

MODELS = (Meeting, AgendaItem, Attendance, Minute, MinutePoint, Resolution)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def loaded() -> None:
    demo.load(stdout=io.StringIO())


def test_loading_twice_changes_nothing(loaded):
    first = counts()
    history = Meeting.history.count() + Resolution.history.count()
    demo.load(stdout=io.StringIO())
    assert counts() == first
    assert Meeting.history.count() + Resolution.history.count() == history


def test_every_meeting_fixture_is_loaded(loaded):
    dates = set(Meeting.objects.values_list("date", flat=True))
    for path in demo.meeting_files():
        assert datetime.date.fromisoformat(path.stem.rsplit("_", 1)[1]) in dates


def test_28_october_2024_minutes_24_to_33(loaded):
    meeting = Meeting.objects.get(body__slug="pcp", date=datetime.date(2024, 10, 28))
    assert list(meeting.minutes.values_list("number", flat=True)) == list(range(24, 34))
    assert meeting.is_public
    assert meeting.minutes_published_at is not None
    assert meeting.end_time == datetime.time(14, 57)
    plan = meeting.minutes.get(number=29)
    assert list(plan.points.values_list("label", flat=True)) == [
        "(i)",
        "(ii)",
        "(iii)",
        "(iv)",
        "(v)",
    ]
    assert plan.agenda_item.number == "6"
    response = plan.resolutions.get(label="(c)")
    assert response.text == (
        "That the PCC be requested to submit a written response addressing the comments made "
        "by the Panel relating to the draft Police and Crime Plan for 2025 to 2029."
    )
    assert response.kind == Resolution.Kind.REQUEST_RESPONSE
    assert meeting.minutes.get(number=32).resolutions.get(label="(b)").kind == (
        Resolution.Kind.REQUEST_RESPONSE
    )
    present = meeting.attendances.filter(capacity=Attendance.Capacity.MEMBER)
    assert present.count() == 12
    assert present.get(in_the_chair=True).person.slug == "deborah-taylor"


def test_2_december_2024_agenda(loaded):
    meeting = Meeting.objects.get(body__slug="pcp", date=datetime.date(2024, 12, 2))
    items = list(meeting.agenda_items.order_by("position"))
    assert [i.number for i in items] == [str(n) for n in range(1, 16)]
    assert items[0].minutes_of.date == datetime.date(2024, 10, 28)
    assert items[0].page_range == "Pages 3 - 8"
    assert items[12].page_range == "Pages 123 - 126"
    assert items[10].paper_status == AgendaItem.PaperStatus.AWAITED


def test_2020_meetings(loaded):
    october = Meeting.objects.get(body__slug="pcp", date=datetime.date(2020, 10, 1))
    assert october.mode == Meeting.Mode.VIRTUAL
    assert october.agenda_items.count() == 11
    july = october.agenda_items.get(number="3").minutes_of
    assert july.date == datetime.date(2020, 7, 28)
    assert list(july.minutes.values_list("number", flat=True)) == list(range(13, 25))
    assert july.attendances.get(person__slug="simon-whelband").status == "apologies"
    assert july.attendances.get(person__slug="alan-walters").left_at == datetime.time(13, 40)
    assert july.declarations.get().kind == "standing"
    letter = july.minutes.get(number=23).resolutions.get(label="2.")
    assert letter.kind == Resolution.Kind.WRITE_LETTER


def test_23_september_2024_confirmed_on_28_october(loaded):
    september = Meeting.objects.get(body__slug="pcp", date=datetime.date(2024, 9, 23))
    assert september.minutes_confirmed_on == datetime.date(2024, 10, 28)
    assert september.minutes_confirmed_at.date == datetime.date(2024, 10, 28)
