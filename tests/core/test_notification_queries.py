"""The notifications page reads a page of notices in a fixed number of queries, however many
a reader has, and never counts them all."""

from __future__ import annotations

import pytest
from django.test import Client

from core.models import Notification
from core.permissions import PANEL_MEMBER
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _notices(user, count: int, start: int = 0) -> None:
    Notification.objects.bulk_create(
        Notification(
            recipient=user, kind="reminder", key=f"notice:{n}", subject=f"Notice {n}", url="/"
        )
        for n in range(start, start + count)
    )


def test_the_notifications_page_query_count_does_not_grow(django_assert_num_queries):
    user = make_user("reader", PANEL_MEMBER)
    client = Client()
    client.force_login(user)
    _notices(user, 60)
    client.get("/notifications/")
    with django_assert_num_queries(4):
        first = client.get("/notifications/")
    _notices(user, 120, start=60)
    with django_assert_num_queries(4):
        again = client.get("/notifications/")
    with django_assert_num_queries(4):
        second = client.get("/notifications/", {"page": "2"})
    assert "Notice 59" in first.content.decode()
    assert "Notice 179" in again.content.decode()
    assert "Notice 179" not in second.content.decode()
    assert "Notice 129" in second.content.decode()
