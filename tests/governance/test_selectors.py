"""The board's reads: the board found by one name, each meeting's record as its report sets it
out, and a redacted item's sections blanked for every reader who may not read them."""

from __future__ import annotations

import pytest

from core import visibility
from governance import selectors
from tests.governance.conftest import SECRET
from tests.governance.factories import board_item

pytestmark = pytest.mark.django_db
OFFICER = visibility.Reader(internal=True, redacted=True)
MEMBER = visibility.Reader(internal=True)


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
