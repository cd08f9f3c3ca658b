"""The board's pages that list its items and requests run a fixed number of queries, however
many requests the board has made: the dashboard, a meeting's page and its public report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from governance import services

pytestmark = pytest.mark.django_db


def requests(users, board, n: int, start: int) -> None:
    for i in range(start, start + n):
        services.cgb_request_create(
            actor=users["opcc"],
            agenda_item=board["review" if i % 2 else "summary"],
            text=f"Return to the next CGB with update {i}.",
            addressee="force",
        )


# (page, role, queries): the session, the user and the reader's roles (3), then the page's own.
PINNED = [
    ("governance:cgb-dashboard", "opcc", 7),
    ("governance:cgb-meeting", "opcc", 10),
    ("governance:cgb-meeting", "member", 8),  # redacted items shown as such
    ("governance:cgb-report", "opcc", 9),
]


@pytest.mark.parametrize(("name", "role", "expected"), PINNED)
def test_board_list_queries_are_pinned_and_do_not_grow(
    client_as, users, board, django_assert_num_queries, name, role, expected
):
    client = client_as(role)
    url = reverse(name) if name.endswith("dashboard") else reverse(name, args=[board["first"].pk])
    for start in (0, 30):
        requests(users, board, 30, start)
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
