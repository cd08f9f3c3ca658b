"""Whatever the query string, no list page answers with a server error.

Each list view is listed with the parameters it reads (from the view and its filter), and
Hypothesis sends them 30-digit and negative numbers, non-digits, impossible dates, huge years,
NUL bytes and very long strings, as the public and as each role that can reach the page.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.pagination import seek_page
from meetings.models import Meeting
from scrutiny.models import TrackedItem
from tests.grants.factories import published_award
from tests.meetings.factories import BodyFactory, MeetingFactory
from tests.scrutiny.factories import TrackedItemFactory

ITEM_FILTER = ["status", "response_status", "addressee", "body", "meeting", "due_after",
               "due_before", "q", "sort", "page"]  # fmt: skip

# The public, and a reader who also sees internal records.
PUBLIC: list[str | None] = [None, "member"]
READERS: list[str | None] = ["member", "opcc", "democratic"]

# Every list page: the query parameters its view or filter reads (a view that reads none gets a
# stray `page`), and the roles that reach the page itself rather than the login page or a 403.
LIST_VIEWS: dict[str, tuple[list[str], list[str | None]]] = {
    "/meetings/": (["body", "q", "page"], PUBLIC),
    "/decisions/": (["body", "date_from", "date_to", "kind", "page"], PUBLIC),
    "/actions/": (ITEM_FILTER, READERS),
    "/actions/summary/": (ITEM_FILTER, READERS),
    "/actions/mine/": (ITEM_FILTER, READERS),
    "/actions/assigned/": (ITEM_FILTER, ["opcc"]),
    "/timeliness/": (["page"], PUBLIC),
    "/grants/": (["fund", "round", "organisation", "area", "page"], PUBLIC),
    "/grants/monitoring/": (["show", "page"], READERS),
    "/grants/visits/": (["page"], READERS),
    "/grants/contracts/": (["page"], READERS),
    "/grants/funds/": (["page"], READERS),
    "/cgb/": (["page"], ["opcc"]),
    "/manage/meetings/": (["body", "page"], ["democratic"]),
    "/notifications/": (["page"], READERS),
    "/meetings/feed.atom": (["page"], PUBLIC),
    "/meetings/calendar.ics": (["page"], PUBLIC),
    "/meetings/calendar/panel-0.ics": (["page"], PUBLIC),
    "/grants/awards.csv": (["page"], PUBLIC),
    "/grants/360giving.json": (["page"], PUBLIC),
}
CASES = [(url, role) for url, (_, roles) in LIST_VIEWS.items() for role in roles]

THIRTY_DIGITS = "9" * 30
SPECIAL_VALUES = [
    THIRTY_DIGITS,
    f"-{THIRTY_DIGITS}",
    str(2**63),
    str(2**64 + 1),
    "-1",
    "0",
    "1e309",
    "NaN",
    "²",  # str.isdigit() says yes, int() says no
    "٣",  # an Arabic-Indic digit
    "2024-13-45",
    "2024-02-30",
    "99999-01-01",
    "0000-01-01",
    "9999-12-31",
    "45/13/2024",
    "a\x00b",
    "\x00",
    "x" * 5000,
    "open",
    "all",
    "overdue",
    "due",
    "reference",
    "to_review",
    "pcc",
    "panel-0",
    "PCP/2024-10-28/1(a)",
    "police & crime",
]
numbers = st.integers(min_value=-(10**40), max_value=10**40).map(str)
values = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    numbers,
    st.text(max_size=40),
    st.dates().map(lambda d: d.isoformat()),
    st.from_regex(r"\A[0-9]{1,9}-[0-9]{1,3}-[0-9]{1,3}\Z"),
)


@pytest.fixture
def some_rows(users) -> None:
    """A row or two behind each list, so that filters run against real data."""
    body = BodyFactory(slug="panel-0")
    meeting = MeetingFactory(body=body, published=True)
    TrackedItemFactory(body=body, meeting=meeting)
    published_award()
    assert Meeting.objects.exists() and TrackedItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role"), CASES)
def test_list_view_never_fails_on_odd_query_parameters(url, role, users, some_rows):
    client = Client(raise_request_exception=False)
    if role:
        client.force_login(users[role])

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(params=st.dictionaries(st.sampled_from(LIST_VIEWS[url][0]), values, max_size=4))
    def check(params):
        response = client.get(f"{url}?{urlencode(params)}")
        assert response.status_code < 500, params
        # The page itself answered, not the login page or a refusal.
        assert response.status_code == 200, params

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [url for url, (_, roles) in LIST_VIEWS.items() if None not in roles]
)
@pytest.mark.parametrize("role", [None, "member"])
def test_refused_readers_are_refused_whatever_the_query(url, role, client_as, some_rows):
    client = client_as(role)
    client.raise_request_exception = False
    query = urlencode(dict.fromkeys(LIST_VIEWS[url][0], THIRTY_DIGITS))
    response = client.get(f"{url}?{query}")
    assert response.status_code in {200, 302, 403}


@pytest.mark.django_db
def test_tracker_shows_the_first_page_for_a_30_digit_page(client_as, some_rows):
    response = client_as("opcc").get(f"/actions/?page={THIRTY_DIGITS}")
    assert response.status_code == 200
    assert TrackedItem.objects.get().reference.encode() in response.content


@pytest.mark.django_db
def test_tracker_lists_nothing_for_a_meeting_id_beyond_any_id(client_as, some_rows):
    item = TrackedItem.objects.get()
    client = client_as("opcc")
    own = client.get(f"/actions/?meeting={item.meeting_id}")
    assert item.reference.encode() in own.content
    response = client.get(f"/actions/?meeting={THIRTY_DIGITS}")
    assert response.status_code == 200
    assert item.reference.encode() not in response.content
    assert b"There is a problem with the filters" not in response.content


@pytest.mark.django_db
def test_tracker_says_an_impossible_date_is_a_problem(client_as, some_rows):
    response = client_as("opcc").get("/actions/?due_after=2024-13-45")
    assert response.status_code == 200
    assert b"There is a problem with the filters" in response.content


def test_seek_page_reads_only_plain_page_numbers_in_range():
    rows = list(range(5))
    assert seek_page(rows, "2", 2).number == 2
    assert seek_page(rows, "2", 2).object_list == [2, 3]
    for odd in (THIRTY_DIGITS, "-3", "0", "²", "abc", "", None, "1\x00"):
        page = seek_page(rows, odd, 2)
        assert page.number == 1, odd
        assert page.object_list == [0, 1]
