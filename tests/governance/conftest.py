from __future__ import annotations

import datetime

import pytest

from meetings.models import Body
from tests.governance.factories import board_item
from tests.meetings.factories import MeetingFactory

SECRET = "Operation Kestrel surveillance detail"


@pytest.fixture
def board():
    """Two meetings of the board; the first with a redacted item and an item with a request."""
    body = Body.objects.create(
        slug="cgb", name="Corporate Governance Board", kind="board", reference_prefix="CGB"
    )
    first = MeetingFactory(body=body, date=datetime.date(2024, 9, 18), session="private")
    second = MeetingFactory(body=body, date=datetime.date(2024, 11, 21), session="private")
    summary = board_item(
        meeting=first,
        number="3",
        title="Operational Summary",
        redacted=True,
        redaction_reason="Operationally sensitive.",
        force_update=SECRET,
    )
    review = board_item(
        meeting=first,
        number="4b",
        title="Update on Recommendations from East Leicester Disorder Review",
        overview="Following the disorder the Chief Constable commissioned a review.",
    )
    return {"first": first, "second": second, "summary": summary, "review": review}
