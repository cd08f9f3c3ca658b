"""Three panels of different shapes, counted by hand, for the national view's tests.

- LLR (the test panel): a full record, with on-time, late, overdue and unanswered requests and
  every kind of record that must not count beside them.
- Northshire (`other_panel`): just complete (3 meetings in the last year, 5 requests), all
  answered.
- Tinyshire: one meeting and one request answered on time, which must not read as 100%.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from core.models import Panel
from core.tenancy import panel_scope
from meetings.models import Body, Meeting
from scrutiny.models import Response, TrackedItem
from tests.conftest import panel_make
from tests.meetings.factories import BodyFactory, MeetingFactory
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

TODAY = datetime.date(2025, 3, 1)
RAISED = datetime.date(2024, 10, 28)
DUE = datetime.date(2024, 12, 2)
TINY_PANEL: dict[str, object] = {
    "slug": "tinyshire",
    "name": "Tinyshire Police and Crime Panel",
    "short_name": "Tinyshire PCP",
    "police_area": "Tinyshire",
    "host_authority": "Tinyshire Council",
}
TINY_HOSTS = ["tinyshire.testserver", "pcp.tinyshire.example"]


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def held(body: Body, day: datetime.date, status: str = Meeting.Status.MINUTES_CONFIRMED, **extra):
    """A public meeting of `body`, its agenda published ten days before, recorded as `status`."""
    fields = {"agenda_published_at": at(day - datetime.timedelta(days=10)), **extra}
    return MeetingFactory(body=body, date=day, status=status, **fields)


def request(body: Body, **extra) -> TrackedItem:
    """A public panel resolution, raised on 28 October 2024 and due on 2 December 2024."""
    fields = {
        "body": body,
        "source": TrackedItem.Source.RESOLUTION,
        "raised_on": RAISED,
        "due_date": DUE,
        **extra,
    }
    return TrackedItemFactory(**fields)


def answered(body: Body, author: User, on: datetime.date, **extra) -> TrackedItem:
    """A request whose first response was submitted on `on`."""
    item = request(body, response_status=TrackedItem.ResponseStatus.RECEIVED, **extra)
    ResponseFactory(item=item, author=author, submitted_at=at(on))
    return item


@dataclass
class Shapes:
    llr: Panel
    northshire: Panel
    tiny: Panel


def _llr(author: User) -> None:
    panel = BodyFactory(kind=Body.Kind.PANEL)
    board = BodyFactory(kind=Body.Kind.BOARD, reference_prefix="CGB")
    # Held: 4 in the twelve months to 1 March 2025, and 1 before.
    held(panel, datetime.date(2024, 6, 18))
    held(panel, datetime.date(2024, 9, 23))
    held(panel, datetime.date(2024, 10, 28), Meeting.Status.MINUTES_DRAFT)
    held(panel, datetime.date(2024, 12, 2), Meeting.Status.HELD)
    held(panel, datetime.date(2023, 10, 9))
    # Not held, not public, or not the panel's: none counts.
    held(panel, datetime.date(2025, 2, 5), Meeting.Status.AGENDA_PUBLISHED)  # date past
    held(panel, datetime.date(2025, 1, 20), Meeting.Status.CANCELLED, cancellation_reason="No")
    held(panel, datetime.date(2024, 11, 11), session=Meeting.Session.PRIVATE)
    held(panel, datetime.date(2024, 11, 18), agenda_published_at=None)  # nothing published
    held(board, datetime.date(2024, 11, 25))  # the commissioner's board

    # On time: 13, 23, 31 and 35 days (the last on the due date itself).
    answered(panel, author, datetime.date(2024, 11, 10))
    answered(panel, author, datetime.date(2024, 11, 20))
    answered(panel, author, datetime.date(2024, 11, 28), source=TrackedItem.Source.MINUTE_POINT)
    answered(panel, author, DUE, source=TrackedItem.Source.MANUAL)
    # An answer withdrawn by its author is no answer: the one submitted after it counts (13 days
    # would be on time; the real answer came on day 43, late).
    late = request(panel, response_status=TrackedItem.ResponseStatus.RECEIVED)
    ResponseFactory(
        item=late,
        author=author,
        status=Response.Status.WITHDRAWN,
        submitted_at=at(datetime.date(2024, 11, 10)),
    )
    ResponseFactory(item=late, author=author, submitted_at=at(datetime.date(2024, 12, 10)))
    # Late: 69 days, answered and accepted.
    item = answered(panel, author, datetime.date(2025, 1, 5), source=TrackedItem.Source.TASK_GROUP)
    Response.all_panels.filter(item=item).update(status=Response.Status.ACCEPTED)
    # Overdue: one with nothing, one with only a draft.
    request(panel)
    draft = request(panel)
    ResponseFactory(item=draft, author=author, status=Response.Status.DRAFT)
    # Not yet due, not yet answered.
    request(panel, raised_on=datetime.date(2025, 2, 5), due_date=datetime.date(2025, 3, 20))

    # None of these counts: private, withdrawn, or not the panel's own asking.
    answered(panel, author, datetime.date(2024, 11, 1), is_public=False)
    request(panel, is_public=False)
    request(panel, withdrawn_at=at(datetime.date(2024, 11, 5)), withdrawn_reason="Duplicate")
    for source in (
        TrackedItem.Source.CGB_REQUEST,
        TrackedItem.Source.ADVISORY_PANEL,
        TrackedItem.Source.REPORT_COMMITMENT,
        TrackedItem.Source.GRANT_QUESTION,
    ):
        request(board if source == TrackedItem.Source.CGB_REQUEST else panel, source=source)


def _northshire(author: User) -> None:
    panel = BodyFactory(kind=Body.Kind.PANEL)
    task_group = BodyFactory(kind=Body.Kind.TASK_GROUP, name="S106 Task Group")
    held(panel, datetime.date(2024, 7, 1))
    held(panel, datetime.date(2025, 1, 15), Meeting.Status.MINUTES_DRAFT)
    held(task_group, datetime.date(2024, 11, 4), Meeting.Status.HELD)
    held(panel, datetime.date(2024, 3, 1))  # exactly a year before: held, not in the last year
    # Five requests, all answered: 7, 10, 14 and 30 days on time, 50 days late.
    for days in (7, 10, 14, 30, 50):
        answered(panel, author, RAISED + datetime.timedelta(days=days))


def _tiny(author: User) -> None:
    panel = BodyFactory(kind=Body.Kind.PANEL)
    held(panel, datetime.date(2024, 12, 2))
    answered(panel, author, datetime.date(2024, 11, 1))


@pytest.fixture
def shapes(panel: Panel, other_panel: Panel) -> Shapes:
    author = User.objects.create_user("national-author")
    tiny = panel_make(TINY_PANEL, TINY_HOSTS)
    _llr(author)
    with panel_scope(other_panel):
        _northshire(author)
    with panel_scope(tiny):
        _tiny(author)
    return Shapes(llr=panel, northshire=other_panel, tiny=tiny)
