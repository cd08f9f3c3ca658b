"""A meeting's status and an agenda item's paper move through core.lifecycle: every move the
services make writes a status-change row (who, from, to, why), and a refused one writes none."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.lifecycle import status_history
from meetings import services
from meetings.models import MEETING_STATUS, PAPER_STATUS, AgendaItem, Meeting
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinuteFactory, pdf_bytes

pytestmark = pytest.mark.django_db

S = Meeting.Status
P = AgendaItem.PaperStatus


@pytest.fixture
def actor(users):
    return users["democratic"]


def moves(record) -> list[tuple[str, str]]:
    return [(c.from_status, c.to_status) for c in status_history(record).order_by("pk")]


def test_a_meeting_from_scheduled_to_confirmed_minutes_leaves_a_row_per_move(actor) -> None:
    meeting = MeetingFactory(date=datetime.date(2024, 10, 28))
    AgendaItemFactory(meeting=meeting)
    services.agenda_publish(meeting=meeting, actor=actor)
    services.meeting_mark_held(meeting=meeting, actor=actor, start_time=datetime.time(14))
    MinuteFactory(meeting=meeting)
    services.minutes_publish_draft(meeting=meeting, actor=actor)
    later = MeetingFactory(
        body=meeting.body, date=datetime.date(2024, 12, 2), status=S.AGENDA_PUBLISHED
    )
    services.minutes_confirm(meeting=meeting, at_meeting=later, actor=actor)
    assert moves(meeting) == [
        (S.SCHEDULED, S.AGENDA_PUBLISHED),
        (S.AGENDA_PUBLISHED, S.HELD),
        (S.HELD, S.MINUTES_DRAFT),
        (S.MINUTES_DRAFT, S.MINUTES_CONFIRMED),
    ]
    assert {c.actor for c in status_history(meeting)} == {actor}


def test_cancelling_records_the_reason_on_the_row(actor) -> None:
    meeting = MeetingFactory()
    services.meeting_cancel(meeting=meeting, actor=actor, reason="  Not quorate ")
    change = status_history(meeting, "status").get()
    assert (change.from_status, change.to_status) == (S.SCHEDULED, S.CANCELLED)
    assert change.reason.strip() == "Not quorate"


def test_a_refused_move_leaves_no_row(actor) -> None:
    meeting = MeetingFactory(status=S.HELD)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, actor=actor, reason="Too late")
    assert not status_history(meeting).exists()


def test_a_move_refused_for_another_reason_leaves_no_row(actor) -> None:
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        services.agenda_publish(meeting=meeting, actor=actor)  # no items yet
    assert not status_history(meeting).exists()


def test_attaching_a_paper_moves_the_item_from_awaited_to_published(actor) -> None:
    item = AgendaItemFactory(meeting=MeetingFactory(), paper_status=P.AWAITED)
    services.document_attach(
        meeting=item.meeting,
        agenda_item=item,
        actor=actor,
        title="Report",
        kind="report",
        filename="report.pdf",
        content=pdf_bytes(1),
        content_type="application/pdf",
    )
    assert moves(item) == [(P.AWAITED, P.PUBLISHED)]


def test_the_editor_may_set_any_paper_status_and_each_change_is_recorded(actor) -> None:
    item = AgendaItemFactory(meeting=MeetingFactory())
    fields = {
        "title": item.title,
        "kind": item.kind,
        "report_by": "",
        "description": "",
        "page_start": None,
        "page_end": None,
        "exempt": False,
        "exempt_reason": "",
    }
    for status in (P.AWAITED, P.LATE, P.NONE):
        services.agenda_item_update(item=item, actor=actor, paper_status=status, **fields)
    assert moves(item) == [(P.NONE, P.AWAITED), (P.AWAITED, P.LATE), (P.LATE, P.NONE)]
    assert all(PAPER_STATUS.allows(a, b) for a in P.values for b in P.values if a != b)


def test_the_staff_pages_read_the_next_step_from_the_lifecycle() -> None:
    for status in S.values:
        meeting = MeetingFactory.build(status=status)
        assert meeting.may_publish_agenda == MEETING_STATUS.allows(status, S.AGENDA_PUBLISHED)
        assert meeting.may_cancel == MEETING_STATUS.allows(status, S.CANCELLED)
