"""Every tracker list page runs a fixed number of queries, with more items than a page and with
twice as many: the lists, their filters and pages, the counts, timeliness and the action log."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable

import pytest
from django.utils import timezone

from meetings.models import Meeting
from scrutiny.models import TrackedItem
from tests.meetings.factories import BodyFactory, MeetingFactory, PersonFactory
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

pytestmark = pytest.mark.django_db
ADDRESSEES = ("pcc", "force", "opcc", "officer")
NEXT = re.compile(r'href="\?([^"]*)" rel="next"')


def items_of(meeting: Meeting, n: int, follower, start: int) -> None:
    """`n` items of the meeting's body in every state, some answered, all followed."""
    officer = PersonFactory(display_name="Chief Inspector Rao")
    for i in range(start, start + n):
        item = TrackedItemFactory(
            body=meeting.body,
            meeting=meeting,
            reference=f"PCP/2024-10-28/{i}(a)",
            title=f"Reserves and precept {i}",
            addressee=ADDRESSEES[i % 4],
            addressee_person=officer if ADDRESSEES[i % 4] == "officer" else None,
            due_date=datetime.date(2024, 12, 2) + datetime.timedelta(days=40 * (i % 30)),
            response_status="received" if i % 5 == 1 else "awaiting",
            closed_at=timezone.now() if i % 7 == 3 else None,
        )
        if item.response_status == "received":
            ResponseFactory(item=item, author=follower, submitted_at=timezone.now())
        item.followers.add(follower)


@pytest.fixture
def meeting():
    body = BodyFactory(slug="finance")
    MeetingFactory(body=body, date=datetime.date(2024, 9, 2))  # the previous meeting
    return MeetingFactory(body=body, date=datetime.date(2024, 10, 28), published=True)


def pages(meeting: Meeting) -> dict[str, str]:
    return {
        "list": "/actions/",
        "filtered": "/actions/?status=all&addressee=force&body=finance&q=reserves&sort=-due"
        "&response_status=awaiting&due_after=2024-01-01",
        "overdue": "/actions/?status=overdue&sort=reference",
        "searched": "/actions/?status=all&body=finance&q=reserves&sort=-raised"
        "&due_after=2024-01-01",
        "mine": "/actions/mine/?status=all",
        "assigned": "/actions/assigned/",
        "summary": "/actions/summary/",
        "summary by body": "/actions/summary/?body=finance&addressee=pcc&status=closed",
        "summary searched": "/actions/summary/?q=reserves",
        "timeliness": "/timeliness/",
        "action log": f"/actions/log/{meeting.pk}/",
    }


# (role, page): the queries the page runs, whatever the number of items. Every page reads the
# session, the user and the reader's roles (3); a list then counts and reads its page (2) and
# its filter's bodies are read by the form (or looked up to filter by). The counts read their
# table and count the overdue items (2), or count over a search (3).
PINNED = [
    ("member", "list", 5),
    ("member", "filtered", 6),
    ("member", "overdue", 5),
    ("member", "mine", 5),
    ("opcc", "assigned", 5),  # with the boxes to chase the items
    ("admin", "assigned", 5),
    ("member", "summary", 5),
    ("member", "summary by body", 6),
    ("member", "summary searched", 6),
    ("member", "timeliness", 5),
    ("member", "action log", 9),
]


def pinned(get: Callable[[], object], expected: int, assert_num_queries) -> None:
    get()  # the first request of a session also reads content types and the like
    with assert_num_queries(expected):
        get()


@pytest.mark.parametrize(("role", "page", "expected"), PINNED)
def test_list_page_queries_are_pinned_and_do_not_grow(
    client_as, users, meeting, django_assert_num_queries, role, page, expected
):
    client = client_as(role)
    url = pages(meeting)[page]
    items_of(meeting, 30, users["member"], 0)
    pinned(lambda: client.get(url), expected, django_assert_num_queries)
    items_of(meeting, 30, users["member"], 30)
    pinned(lambda: client.get(url), expected, django_assert_num_queries)


# The second page of a list, and the results alone as htmx swaps them in (no filter form, no
# page around them).
NEXT_PAGES = [("list", 5, 4), ("searched", 6, 5), ("mine", 5, 4)]


@pytest.mark.parametrize(("page", "next_page", "swap"), NEXT_PAGES)
def test_the_next_page_of_a_list_and_its_htmx_swap_are_pinned(
    client_as, users, meeting, django_assert_num_queries, page, next_page, swap
):
    client = client_as("member")
    url = pages(meeting)[page]
    items_of(meeting, 60, users["member"], 0)
    found = NEXT.search(client.get(url).content.decode())
    assert found, "more than a page"
    following = url.split("?")[0] + "?" + html.unescape(found.group(1))
    pinned(lambda: client.get(following), next_page, django_assert_num_queries)
    pinned(lambda: client.get(url, HTTP_HX_REQUEST="true"), swap, django_assert_num_queries)


def test_a_page_shows_a_page_of_items(client_as, users, meeting):
    items_of(meeting, 30, users["member"], 0)
    page = client_as("member").get("/actions/?status=all").content.decode()
    assert page.count('href="/actions/') - page.count('href="/actions/?') >= 25
    assert TrackedItem.objects.count() == 30


def test_chasing_the_selected_items_reads_them_at_once_and_writes_each_once(
    client_as, django_assert_num_queries
):
    client = client_as("opcc")
    items = TrackedItemFactory.create_batch(31)
    client.post("/actions/chase/", {"item": [items[0].pk]})  # content types, as above
    chosen = [item.pk for item in items[1:]]
    # The reader (3), a savepoint, the open items chosen (1), then each item's row, its
    # history and its event (3 each), and the savepoint released.
    with django_assert_num_queries(3 + 1 + 1 + 3 * len(chosen) + 1):
        answer = client.post("/actions/chase/", {"item": chosen, "next": "/actions/assigned/"})
    assert answer.status_code == 302
    assert TrackedItem.objects.filter(last_chased_at__isnull=False).count() == 31
