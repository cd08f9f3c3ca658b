"""The board's reads: the board found by one name, its meetings, items and requests (the board's
only), each meeting's record as its report sets it out, the dashboard, the checks its forms
make, and a redacted item's sections blanked for every reader who may not read them."""

from __future__ import annotations

import datetime

import pytest

from core import visibility
from governance import selectors
from governance.selectors import Sections
from meetings.models import Attendance, Meeting
from scrutiny.models import TrackedItem
from tests.governance.conftest import SECRET
from tests.governance.factories import board_item
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    PersonFactory,
)
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db
OFFICER = visibility.Reader(internal=True, redacted=True)
MEMBER = visibility.Reader(internal=True)
CLOSED = datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC)


def test_the_board_is_found_by_its_one_slug(board):
    assert selectors.board() == board["first"].body
    assert list(selectors.board_meetings()) == [board["second"], board["first"]]
    assert selectors.board_meeting_get(pk=board["first"].pk) == board["first"]


@pytest.mark.parametrize(
    ("reader", "shown"), [(OFFICER, True), (MEMBER, False), (visibility.PUBLIC, False)]
)
def test_a_redacted_items_sections_are_blank_for_those_who_may_not_read_them(board, reader, shown):
    record = selectors.board_record(meeting=board["first"], reader=reader)
    summary = next(n for n in record.items if n.item == board["summary"])
    assert summary.sections.redacted and summary.sections.redaction_reason
    assert summary.sections_hidden is not shown
    assert (summary.sections.force_update == SECRET) is shown
    # Nor can a template reach it through the item it holds.
    assert (summary.item.board_item.force_update == SECRET) is shown


def test_sub_items_sit_under_their_parent(board):
    parent = board["review"]
    board_item(meeting=board["first"], number="4c", title="Elections", overview="Arrests.")
    child = board_item(meeting=board["first"], number="4d", title="Sub", overview="x")
    child.parent = parent
    child.save()
    record = selectors.board_record(meeting=board["first"], reader=MEMBER)
    review = next(n for n in record.items if n.item == parent)
    assert [n.item for n in review.sub_items] == [child]


def test_sections_by_item_for_the_meetings_agenda(board):
    found = selectors.sections_by_item(meeting_id=board["first"].pk, reader=visibility.PUBLIC)
    assert found[board["summary"].pk].hidden and found[board["summary"].pk].force_update == ""
    assert "review" in found[board["review"].pk].overview


def request(board, **fields) -> TrackedItem:
    defaults = {
        "body": board["first"].body,
        "agenda_item": board["review"],
        "meeting": board["first"],
        "addressee": "force",
        "raised_on": board["first"].date,
        "due_date": board["second"].date,
        "due_meeting": board["second"],
        "is_public": False,
    }
    return TrackedItemFactory(**(defaults | fields))


def test_the_boards_items_requests_and_meetings_are_the_boards_only(board):
    panel = MeetingFactory(date=datetime.date(2024, 10, 28))
    panel_item = AgendaItemFactory(meeting=panel)
    asked = request(board)
    TrackedItemFactory(body=panel.body, agenda_item=panel_item)  # the panel's own item
    assert selectors.is_board(board["first"].body) and not selectors.is_board(panel.body)
    assert set(selectors.board_agenda_items()) == {board["summary"], board["review"]}
    assert list(selectors.board_requests()) == [asked]
    assert [m.request_count for m in selectors.board_meetings()] == [0, 1]
    with pytest.raises(Meeting.DoesNotExist):
        selectors.board_meeting_get(pk=panel.pk)


def test_open_requests_oldest_first_and_who_owes_them(board):
    nixon = PersonFactory(display_name="Mr Rob Nixon")
    newer = request(board, raised_on=datetime.date(2024, 9, 19))
    older = request(board, addressee="officer", addressee_person=nixon)
    request(board, closed_at=CLOSED)
    request(board, withdrawn_at=CLOSED, withdrawn_reason="Raised twice")
    assert list(selectors.board_requests_open()) == [older, newer]
    assert selectors.board_requests_by_owner() == [
        selectors.OwnerLoad(owner="Mr Rob Nixon", count=1, oldest=datetime.date(2024, 9, 18)),
        selectors.OwnerLoad(
            owner="Chief Constable / Force", count=1, oldest=datetime.date(2024, 9, 19)
        ),
    ]


def test_the_next_and_the_following_meeting_skip_cancelled_ones(board):
    body = board["first"].body
    MeetingFactory(body=body, date=datetime.date(2024, 10, 1), status=Meeting.Status.CANCELLED,
                   cancellation_reason="Not quorate")  # fmt: skip
    assert selectors.meeting_following(meeting=board["first"]) == board["second"]
    assert selectors.meeting_following(meeting=board["second"]) is None
    assert selectors.board_meeting_next(today=datetime.date(2024, 9, 20)) == board["second"]
    assert selectors.board_meeting_next(today=datetime.date(2024, 9, 18)) == board["first"]
    assert selectors.board_meeting_next(today=datetime.date(2025, 1, 1)) is None


def test_the_dashboard_lists_what_returns_at_the_next_meeting(board):
    returning = request(board)
    later = request(board, due_meeting=None, due_date=datetime.date(2025, 3, 1))
    dashboard = selectors.board_dashboard(today=datetime.date(2024, 10, 1))
    assert dashboard.next_meeting == board["second"]
    assert dashboard.meetings == [board["second"], board["first"]]
    assert dashboard.requests == [returning, later]
    assert dashboard.returning == [returning]
    assert [o.count for o in dashboard.owners] == [2]


def test_the_checks_the_board_forms_make(board):
    meeting, review = board["first"], board["review"]
    attended = AttendanceFactory(meeting=meeting, capacity=Attendance.Capacity.OPCC)
    assert selectors.meeting_has_person(meeting=meeting, person_id=attended.person_id)
    assert not selectors.meeting_has_person(meeting=board["second"], person_id=attended.person_id)
    assert selectors.meeting_has_item_number(meeting=meeting, number="4b")
    assert not selectors.meeting_has_item_number(meeting=meeting, number="9")
    assert selectors.agenda_item_titled(meeting=meeting, title=review.title) == review
    review.withdrawn_at, review.withdrawn_reason = CLOSED, "Deferred"
    review.save()
    assert selectors.agenda_item_titled(meeting=meeting, title=review.title) is None
    child = AgendaItemFactory(meeting=meeting, number="3a", parent=board["summary"])
    assert child.parent_id and selectors.agenda_item_top_level_count(meeting=meeting) == 2
    request(board, agenda_item=board["summary"])
    assert selectors.requests_from_item_count(agenda_item=board["summary"]) == 1
    assert selectors.requests_from_item_count(agenda_item=child) == 0


def test_what_a_board_request_may_answer_and_where_the_report_may_go(board):
    panel = MeetingFactory(date=datetime.date(2024, 12, 2), published=True)
    to_pcc = TrackedItemFactory(body=panel.body, addressee="pcc", raised_on=panel.date)
    TrackedItemFactory(body=panel.body, addressee="force")  # not the PCC's to answer
    TrackedItemFactory(body=panel.body, addressee="opcc", closed_at=CLOSED)
    request(board, addressee="opcc")  # the board's own request
    assert list(selectors.panel_requests_answerable()) == [to_pcc]
    open_item = AgendaItemFactory(meeting=panel)
    done = MeetingFactory(body=panel.body, status=Meeting.Status.MINUTES_CONFIRMED)
    AgendaItemFactory(meeting=done)
    AgendaItemFactory(meeting=panel, withdrawn_at=CLOSED, withdrawn_reason="Deferred")
    assert list(selectors.panel_agenda_items_open()) == [open_item]  # no board item either


@pytest.mark.parametrize(
    ("reader", "hidden"), [(OFFICER, False), (MEMBER, True), (visibility.PUBLIC, True)]
)
def test_sections_for_one_item_as_the_reader_may_see_them(board, reader, hidden):
    item = board["summary"]
    sections = selectors.sections_for(item=item, board_item=item.board_item, reader=reader)
    assert (sections.redacted, sections.redaction_reason) == (True, "Operationally sensitive.")
    assert sections.hidden is hidden
    assert sections.force_update == ("" if hidden else SECRET)
    review = board["review"]
    shown = selectors.sections_for(item=review, board_item=review.board_item, reader=reader)
    assert "commissioned a review" in shown.overview and not shown.hidden
    plain = AgendaItemFactory(meeting=board["first"])
    assert selectors.sections_for(item=plain, board_item=None, reader=reader) == Sections()
