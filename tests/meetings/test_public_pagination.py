"""The public lists page without counting: "Next" while there is more, "Previous" after the first
page, the filters kept in both, the total said once it is known (on the last page)."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.meetings.factories import BodyFactory, MinuteFactory, ResolutionFactory
from tests.meetings.portal import published_minutes_meeting

pytestmark = pytest.mark.django_db

MEETINGS_URL = reverse("meetings:meeting-list")
DECISIONS_URL = reverse("meetings:decision-list")


@pytest.fixture
def body():
    """25 past meetings with published minutes (a page and a quarter), one decision each."""
    body = BodyFactory(slug="pcp")
    for day in range(25):
        meeting = published_minutes_meeting(
            body=body, date=datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        )
        ResolutionFactory(minute=MinuteFactory(meeting=meeting, title="Precept proposal"))
    return body


def _get(client, url, params):
    cache.clear()  # each request rendered by the view (see test_public_lists._fresh_get)
    return client.get(url, params).content.decode()


def _meeting_links(content: str) -> list[str]:
    return re.findall(r'href="/meetings/(\d+)/"', content)


def _decision_links(content: str) -> list[str]:
    return re.findall(r'href="/decisions/(\d+)/"', content)


def _nav(content: str) -> tuple[str | None, str | None]:
    """The hrefs of the Previous and Next links (None when absent)."""
    previous = re.search(r'href="\?([^"]*)" rel="prev"', content)
    following = re.search(r'href="\?([^"]*)" rel="next"', content)
    return (
        html.unescape(previous[1]) if previous else None,
        html.unescape(following[1]) if following else None,
    )


def test_meeting_search_pages_forward_and_back_with_the_query_kept(client_as, body):
    client = client_as(None)
    first = _get(client, MEETINGS_URL, {"q": "precept", "body": "pcp"})
    assert len(_meeting_links(first)) == 20
    assert "More than 20 meetings found; showing 1 to 20." in first
    previous, following = _nav(first)
    assert previous is None
    assert following is not None
    assert "q=precept" in following and "body=pcp" in following and "page=2" in following

    last = _get(client, MEETINGS_URL, {"q": "precept", "body": "pcp", "page": "2"})
    assert len(_meeting_links(last)) == 5
    assert "25 meetings found." in last  # the last page knows the total
    previous, following = _nav(last)
    assert following is None
    assert previous is not None and "q=precept" in previous and "page=1" in previous
    assert set(_meeting_links(first)).isdisjoint(_meeting_links(last))


def test_past_meetings_page_without_a_search(client_as, body):
    client = client_as(None)
    first = _get(client, MEETINGS_URL, {})
    assert len(_meeting_links(first)) == 20 and "Page 1" in first
    assert _nav(first)[1] is not None
    last = _get(client, MEETINGS_URL, {"page": "2"})
    assert len(_meeting_links(last)) == 5 and "Page 2" in last
    assert _nav(last)[1] is None


@pytest.mark.parametrize("page", ["3", "999999", "9" * 30, "abc", "-1", "0", ""])
def test_a_page_out_of_range_shows_the_first_page(client_as, body, page):
    content = _get(client_as(None), MEETINGS_URL, {"q": "precept", "page": page})
    assert len(_meeting_links(content)) == 20
    assert "showing 1 to 20" in content
    assert _nav(content) == (None, "q=precept&page=2")


def test_decision_register_pages_with_its_filters_kept(client_as, body):
    minute = MinuteFactory(meeting=published_minutes_meeting(body=body))
    ResolutionFactory.create_batch(30, minute=minute)  # 55 decisions, a page of 50
    client = client_as(None)
    first = _get(client, DECISIONS_URL, {"body": "pcp", "kind": "request_response"})
    assert len(_decision_links(first)) == 50
    assert "More than 50 decisions; showing 1 to 50." in first
    previous, following = _nav(first)
    assert previous is None and following is not None
    assert "body=pcp" in following and "kind=request_response" in following
    last = _get(client, DECISIONS_URL, {"body": "pcp", "kind": "request_response", "page": "2"})
    assert len(_decision_links(last)) == 5
    assert "55 decisions." in last
    assert _nav(last)[1] is None and _nav(last)[0] is not None
    beyond = _get(client, DECISIONS_URL, {"page": "7"})
    assert "showing 1 to 50" in beyond


def test_a_short_list_says_its_total_and_offers_no_pages(client_as, body):
    content = _get(client_as(None), DECISIONS_URL, {"date_from": "2023-01-20"})
    assert "6 decisions." in content
    assert _nav(content) == (None, None)
