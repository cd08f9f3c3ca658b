"""The board at scale: its meetings (private, as the board's are), each with items carrying the
three sections of its report, and the requests made of the Force at them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from governance.models import BoardItem
from meetings.models import AgendaItem, Meeting
from scrutiny.models import TrackedItem

from .directory import BodyRef
from .meetings import DAY, Context, Rows, item_row
from .text import at_noon

ITEMS_PER_MEETING = 4


def board_rows(
    context: Context, board: BodyRef, days: Sequence[datetime.date], requests: int
) -> Rows:
    """The board's meetings on `days`, and `requests` requests spread over their items."""
    rows = Rows()
    meetings = []
    for day in days:
        meetings.append(
            rows.add(
                Meeting,
                context.row(
                    Meeting,
                    body_id=board.id,
                    title="Corporate Governance Board",
                    date=day,
                    start_time=datetime.time(14, 0),
                    venue="Police Headquarters",
                    session=Meeting.Session.PRIVATE,
                    status=Meeting.Status.MINUTES_CONFIRMED,
                    agenda_published_at=at_noon(day - 7 * DAY),
                    minutes_published_at=min(at_noon(day + 7 * DAY), context.now),
                    minutes_confirmed_on=day + 7 * DAY,
                    created_at=min(at_noon(day - 28 * DAY), context.now),
                ),
            )
        )
    items = []
    for meeting in meetings:
        for number in range(1, ITEMS_PER_MEETING + 1):
            item = rows.add(
                AgendaItem,
                context.row(
                    AgendaItem,
                    meeting_id=meeting["id"],
                    position=number,
                    number=str(number),
                    title=context.pools.title(),
                ),
            )
            rows.add(
                BoardItem,
                context.row(
                    BoardItem,
                    agenda_item_id=item["id"],
                    overview=context.pools.text(),
                    force_update=context.pools.paper(),
                    pcc_response=context.pools.text(),
                ),
            )
            items.append((meeting, item))
    later = {
        meeting["id"]: after["id"] for meeting, after in zip(meetings, meetings[1:], strict=False)
    }
    for n in range(requests):
        meeting, item = items[n * len(items) // max(1, requests)]
        text = context.pools.text()
        request = item_row(
            context,
            reference=f"CGB/{meeting['date']}/{item['number']}-{n}",
            raised=meeting["date"],
            text=text,
            addressee=TrackedItem.Addressee.FORCE,
            source=TrackedItem.Source.CGB_REQUEST,
            body_id=board.id,
            meeting_id=meeting["id"],
            agenda_item_id=item["id"],
            requested_by=TrackedItem.RequestedBy.PCC_AT_CGB,
            response_wanted=TrackedItem.ResponseWanted.OUTCOME,
        )
        if request["closed_at"] is not None:
            # The board records an outcome at a later meeting rather than a response.
            request.update(
                outcome=context.pools.text(), outcome_meeting_id=later.get(meeting["id"])
            )
        elif request["response_status"] == TrackedItem.ResponseStatus.RECEIVED:
            request["response_status"] = TrackedItem.ResponseStatus.AWAITING
        rows.add(TrackedItem, request)
    return rows
