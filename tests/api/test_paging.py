"""Lists: cursor pages walked to the end without a duplicate or a gap, OParl's date filters,
bad parameters answered 400 (never a server error), and a page costs the same queries however
many rows the list has."""

from __future__ import annotations

import base64
import datetime
import json
from urllib.parse import urlencode, urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny.models import Response, Review
from tests.conftest import make_user
from tests.grants.factories import published_award
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    OrganisationFactory,
    ResolutionFactory,
)
from tests.meetings.portal import PUBLISHED_AT, published_minutes_meeting
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

pytestmark = pytest.mark.django_db
LISTS = [
    "bodies", "organizations", "people", "memberships", "meetings", "agenda-items", "papers",
    "consultations", "files", "tracked-items", "responses", "reviews", "grants",
]  # fmt: skip


def page(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return json.loads(response.content)


def walk(client, url: str) -> list[str]:
    """The ids of every object of the list, page by page, as a client follows `links.next`."""
    ids: list[str] = []
    while url:
        data = page(client, url)
        assert data["pagination"]["elementsPerPage"] >= len(data["data"])
        ids += [obj["id"] for obj in data["data"]]
        next_url = data["links"].get("next")
        url = urlsplit(next_url)._replace(scheme="", netloc="").geturl() if next_url else ""
    return ids


def test_cursor_pages_walk_every_meeting_once(api):
    body = BodyFactory()
    start = datetime.datetime(2025, 1, 6, 9, tzinfo=datetime.UTC)
    made = []
    for day in range(23):
        # Some meetings share a modification time: the cursor still orders them by id.
        with time_machine.travel(start + datetime.timedelta(hours=day // 3), tick=False):
            made.append(MeetingFactory(body=body, published=True))
    MeetingFactory(body=body)  # unpublished: never listed
    ids = walk(api, f"/api/v1/meetings?body={body.pk}&limit=5")
    assert len(ids) == len(set(ids)) == 23
    assert ids == [f"http://testserver/api/v1/meetings/{m.pk}" for m in made]
    first = page(api, f"/api/v1/meetings?body={body.pk}&limit=5")
    assert first["links"]["first"] == f"http://testserver/api/v1/meetings?body={body.pk}&limit=5"
    assert "prev" not in first["links"]


def test_modified_since_gives_what_changed_since(api):
    body = BodyFactory()
    with time_machine.travel(datetime.datetime(2025, 1, 6, 9, tzinfo=datetime.UTC), tick=False):
        old = MeetingFactory(body=body, published=True)
        changed = MeetingFactory(body=body, published=True)
    with time_machine.travel(datetime.datetime(2025, 2, 3, 9, tzinfo=datetime.UTC), tick=False):
        changed.venue = "Virtual Meeting using Zoom"
        changed.save()
        new = MeetingFactory(body=body, published=True)

    def listed(**params) -> list[int]:
        url = f"/api/v1/meetings?{urlencode({'body': body.pk, **params})}"
        return [int(m["id"].rsplit("/", 1)[1]) for m in page(api, url)["data"]]

    assert listed() == [old.pk, changed.pk, new.pk]
    assert listed(modified_since="2025-02-01T00:00:00+00:00") == [changed.pk, new.pk]
    assert listed(modified_until="2025-02-01T00:00:00+00:00") == [old.pk]
    assert listed(created_since="2025-02-01T00:00:00+00:00") == [new.pk]
    assert listed(created_until="2025-01-06T09:00:00+00:00") == [old.pk, changed.pk]
    # An offset other than UTC: 09:30 in Berlin is 08:30 UTC, before every change of February.
    assert listed(modified_since="2025-02-03T09:30:00+01:00") == [changed.pk, new.pk]
    # The filters survive paging.
    paged = page(
        api, f"/api/v1/meetings?body={body.pk}&limit=1&modified_since=2025-02-01T00:00:00Z"
    )
    assert "modified_since" in paged["links"]["next"]


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=yesterday",
        "modified_since=2024-13-45T00:00:00",
        "created_until=9999-12-31T23:59:59-05:00",
        "body=first",
        "body=-1",
        f"body={'9' * 30}",
        "body=a%00b",
    ],
)
def test_a_bad_parameter_is_answered_400_with_oparl_s_error(api, query):
    response = api.get(f"/api/v1/meetings?{query}")
    assert response.status_code == 400
    error = json.loads(response.content)
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"]


def test_a_cursor_made_by_hand_is_answered_404(api):
    forged = base64.b64encode(b"p=not-a-time").decode()
    assert api.get(f"/api/v1/meetings?cursor={forged}").status_code == 404
    assert api.get("/api/v1/meetings?cursor=YQ").status_code == 404  # not base64


HOSTILE = st.one_of(
    st.sampled_from(["9" * 30, "-1", "0", "1e309", "²", "a\x00b", "x" * 3000, "2024-02-30",
                     "99999-01-01T00:00:00", "0000-01-01T00:00:00", "9999-12-31T23:59:59-12:00"]),
    st.text(max_size=40),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(LISTS),
    parameter=st.sampled_from(
        ["body", "modified_since", "created_until", "cursor", "limit", "omit_internal"]
    ),  # fmt: skip
    value=HOSTILE,
)
def test_no_query_string_gives_a_server_error(api, name, parameter, value):
    response = api.get(f"/api/v1/{name}", {parameter: value})
    assert response.status_code in (200, 400, 404), (name, parameter, value)


def _rows(count: int, author) -> None:
    """`count` of everything each list shows, each with what it embeds."""
    for _ in range(count):
        body = BodyFactory()
        meeting = published_minutes_meeting(body=body, host_authority=OrganisationFactory())
        item = AgendaItemFactory(meeting=meeting)
        DocumentFactory(meeting=meeting, agenda_item=item)
        DocumentFactory(meeting=meeting)
        resolution = ResolutionFactory(minute=MinuteFactory(meeting=meeting, agenda_item=item))
        MembershipFactory(body=body)
        tracked = TrackedItemFactory(body=body, meeting=meeting, resolution=resolution)
        response = ResponseFactory(
            item=tracked, author=author, status=Response.Status.ACCEPTED, submitted_at=PUBLISHED_AT
        )
        Review.objects.create(response=response, outcome=Review.Outcome.ACCEPTED, reviewer=author)
        published_award()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_a_page_costs_the_same_queries_for_5_rows_as_for_25(
    api, name, django_assert_max_num_queries
):
    author = make_user("author", None)
    _rows(5, author)
    few = _queries(api, f"/api/v1/{name}")
    _rows(20, author)
    with django_assert_max_num_queries(few):
        data = json.loads(api.get(f"/api/v1/{name}").content)["data"]
    assert len(data) >= 25, name
