"""The public lists: the meeting list and its search, the decision register, query counts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from meetings.models import Meeting, Minute, Resolution
from meetings.search import document_filter
from tests.meetings.factories import BodyFactory, MeetingFactory, MinuteFactory, ResolutionFactory
from tests.meetings.portal import SECRET, published_minutes_meeting

pytestmark = pytest.mark.django_db


# --- Search and lists ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["e-scooters", "written response", "New Draft Police", "Crime Plan"]
)
def test_search_finds_meeting_by_minutes_and_agenda(client_as, public_meeting, query):
    other = MeetingFactory(published=True, date=datetime.date(2024, 9, 23))
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": query})
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert reverse("meetings:meeting-detail", args=[other.pk]).encode() not in response.content


def test_search_ignores_private_meetings(client_as, private_meeting):
    response = client_as(None).get(reverse("meetings:meeting-list"), {"q": SECRET})
    assert b"0 meetings found" in response.content


def test_meeting_list_filters_by_body(client_as, public_meeting):
    other = MeetingFactory(published=True, body=BodyFactory(name="Corporate Governance Board"))
    response = client_as(None).get(
        reverse("meetings:meeting-list"), {"body": public_meeting.body.slug}
    )
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert reverse("meetings:meeting-detail", args=[other.pk]).encode() not in response.content


def test_meeting_list_splits_upcoming_and_past(client_as):
    today = datetime.date.today()
    MeetingFactory(published=True, date=today + datetime.timedelta(days=30))
    MeetingFactory(published=True, date=today - datetime.timedelta(days=30))
    content = client_as(None).get(reverse("meetings:meeting-list")).content
    assert b"Upcoming meetings" in content
    assert b"Past meetings" in content


def test_meeting_list_htmx_returns_the_results_fragment(client_as, public_meeting):
    response = client_as(None).get(
        reverse("meetings:meeting-list"), {"q": "e-scooters"}, HTTP_HX_REQUEST="true"
    )
    assert response.content.lstrip().startswith(b'<div id="meeting-results">')


def _meetings(count: int, resolutions: int = 1) -> None:
    body = BodyFactory()
    for day in range(count):
        meeting = published_minutes_meeting(
            body=body, date=datetime.date(2023, 1, 1) + datetime.timedelta(days=day)
        )
        minute = MinuteFactory(meeting=meeting)
        ResolutionFactory.create_batch(resolutions, minute=minute)


# More rows than a page holds: no query counts them, and none is made per row.
MORE_THAN_A_PAGE = 25  # meetings (a page of 20)


def _fresh_get(client, url, params=None):
    # Rendered by the view, not answered from a rendering the public page cache holds (rows
    # made by factories record no event, so the cache would not know they changed).
    cache.clear()
    return client.get(url, params)


def test_meeting_list_query_count_does_not_grow(client_as, django_assert_num_queries):
    client = client_as(None)
    _meetings(2)
    # The bodies for the filter and the page (one row more than it shows): no count.
    with django_assert_num_queries(2):
        _fresh_get(client, reverse("meetings:meeting-list"), {"q": "update"})
    _meetings(MORE_THAN_A_PAGE)
    with django_assert_num_queries(2):
        response = _fresh_get(client, reverse("meetings:meeting-list"), {"q": "update"})
    assert len(re.findall(rb'href="/meetings/\d+/"', response.content)) == 20
    # Without a search the upcoming meetings are listed too.
    with django_assert_num_queries(3):
        _fresh_get(client, reverse("meetings:meeting-list"))
    with django_assert_num_queries(3):
        _fresh_get(client, reverse("meetings:meeting-list"), {"page": "2"})


def test_decision_list_query_count_does_not_grow(client_as, django_assert_num_queries):
    client = client_as(None)
    _meetings(2)
    # The bodies for the filter and the page: no count.
    with django_assert_num_queries(2):
        _fresh_get(client, reverse("meetings:decision-list"))
    _meetings(MORE_THAN_A_PAGE, resolutions=3)
    with django_assert_num_queries(2):
        response = _fresh_get(client, reverse("meetings:decision-list"))
    assert response.content.count(b'<a class="govuk-link" href="/decisions/') == 50
    with django_assert_num_queries(2):
        _fresh_get(
            client, reverse("meetings:decision-list"), {"page": "2", "kind": "request_response"}
        )


# --- Decision register ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "member"])
def test_decision_list_shows_published_resolutions(client_as, public_meeting, role):
    response = client_as(role).get(reverse("meetings:decision-list"))
    assert response.status_code == 200
    assert b"submit a written response" in response.content


def test_decision_list_hides_unpublished_minutes_and_private_meetings(
    client_as, private_meeting, public_meeting
):
    held = MeetingFactory(published=True, status=Meeting.Status.HELD)
    ResolutionFactory(minute=MinuteFactory(meeting=held), text="Not yet published decision")
    response = client_as(None).get(reverse("meetings:decision-list"))
    assert response.status_code == 200
    assert b"submit a written response" in response.content  # the published decision stays
    assert SECRET.encode() not in response.content
    assert b"Not yet published decision" not in response.content


def test_decision_list_filters(client_as, public_meeting):
    other_body = BodyFactory(name="Corporate Governance Board")
    older = published_minutes_meeting(body=other_body, date=datetime.date(2020, 7, 28))
    ResolutionFactory(
        minute=MinuteFactory(meeting=older, number=23),
        text="That a letter be written to the Home Secretary",
        kind=Resolution.Kind.WRITE_LETTER,
    )
    url = reverse("meetings:decision-list")
    client = client_as(None)
    by_kind = client.get(url, {"kind": "write_letter"}).content
    assert b"Home Secretary" in by_kind and b"written response" not in by_kind
    by_body = client.get(url, {"body": public_meeting.body.slug}).content
    assert b"Home Secretary" not in by_body and b"written response" in by_body
    by_date = client.get(url, {"date_from": "2024-01-01", "date_to": "2024-12-31"}).content
    assert b"Home Secretary" not in by_date and b"written response" in by_date
    bad = client.get(url, {"date_from": "not a date"})
    assert bad.status_code == 200
    assert b"Enter a real date" in bad.content


def test_decision_detail_public_with_minute_context(client_as, public_meeting):
    resolution = Resolution.objects.get(minute__meeting=public_meeting)
    response = client_as(None).get(reverse("meetings:decision-detail", args=[resolution.pk]))
    assert response.status_code == 200
    assert b"e-scooters" in response.content
    assert reverse("meetings:meeting-detail", args=[public_meeting.pk]).encode() in (
        response.content
    )
    assert resolution.get_absolute_url() == f"/decisions/{resolution.pk}/"


def test_decision_detail_404_for_private_and_unpublished(client_as, private_meeting):
    resolution = Resolution.objects.get(minute__meeting=private_meeting)
    url = reverse("meetings:decision-detail", args=[resolution.pk])
    assert client_as(None).get(url).status_code == 404
    assert client_as("member").get(url).status_code == 200


def test_navigation_lists_public_pages_and_manage_for_staff(client_as):
    public = client_as(None).get(reverse("core:home")).content
    assert b'href="/meetings/"' in public and b'href="/decisions/"' in public
    assert b'href="/manage/meetings/"' not in public
    staff = client_as("democratic").get(reverse("core:home")).content
    assert b'href="/manage/meetings/"' in staff


def test_search_uses_full_text_on_postgresql_and_icontains_elsewhere():
    sql = str(document_filter(Minute.objects.all(), "arrests").query)
    if connection.vendor == "postgresql":
        # The stored document, never a vector computed per row.
        assert '"search_document" @@' in sql and "websearch_to_tsquery" in sql
        assert "to_tsvector" not in sql
    else:
        assert "LIKE" in sql.upper()
