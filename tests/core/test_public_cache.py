"""The public page cache (core/public_cache.py): anonymous readers get one stored rendering per
change of the panel's record, with validators; signed-in readers never share it."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from meetings.models import Meeting
from meetings.services import meeting_cancel
from scrutiny.services import meeting_minutes_publish
from tests.core.world import OTHER_HOST
from tests.meetings.factories import BodyFactory, MeetingFactory, MinuteFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PUBLIC_CACHE_CONTROL = {"public", "max-age=0", "must-revalidate"}


@pytest.fixture
def meeting() -> Meeting:
    return MeetingFactory(
        published=True, title="Budget scrutiny", body=BodyFactory(name="Police and Crime Panel")
    )


def public_urls(meeting: Meeting) -> list[str]:
    return [
        reverse("core:home"),
        reverse("meetings:meeting-list"),
        reverse("meetings:meeting-detail", args=[meeting.pk]),
        reverse("meetings:feed"),
        reverse("meetings:calendar"),
        reverse("meetings:body-calendar", args=[meeting.body.slug]),
        reverse("meetings:decision-list"),
        reverse("grants:award-register"),
        reverse("grants:360giving"),
        reverse("grants:awards-csv"),
        reverse("national:panels"),
        reverse("national:panels-csv"),
        reverse("opendata:dictionary"),
    ]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part}


def test_public_pages_set_no_cookie_and_answer_304_when_unchanged(meeting):
    client = Client()
    for url in public_urls(meeting):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "cookie" not in vary(response), url
        assert cache_control(response) == PUBLIC_CACHE_CONTROL, url
        assert response["ETag"] and response["Last-Modified"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, url
        assert again["ETag"] == response["ETag"], url
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert since.status_code == 304, url
    assert not client.cookies


def test_a_kept_page_is_served_without_a_query(meeting, django_assert_num_queries):
    client = Client()
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_a_change_through_a_service_changes_the_page_and_its_etag(
    public_cache_strict, users, meeting, django_capture_on_commit_callbacks
):
    client = Client()
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    before = client.get(url)
    assert "Cancelled" not in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, actor=users["democratic"], reason="Not quorate")
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert "Not quorate" in after.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_publishing_minutes_shows_them_to_the_public_at_once(
    public_cache_strict, users, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    MinuteFactory(meeting=meeting, number=31, title="Knife crime prevention grants")
    client = Client()
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    calendar = client.get(reverse("meetings:calendar"))
    assert "Knife crime prevention grants" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_minutes_publish(meeting=meeting, actor=users["democratic"])
    assert "Knife crime prevention grants" in client.get(url).content.decode()
    assert client.get(reverse("meetings:calendar"))["ETag"] != calendar["ETag"]


def test_an_admin_change_changes_the_pages(public_cache_strict, users, meeting):
    """The admin saves without a domain event; its LogEntry tells the cache."""
    client = Client()
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    before = client.get(url)
    Meeting.objects.filter(pk=meeting.pk).update(title="Budget scrutiny, renamed")
    assert client.get(url)["ETag"] == before["ETag"]  # nothing said: the kept page stands
    LogEntry.objects.create(
        user=users["admin"],
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=str(meeting.pk),
        object_repr="meeting",
        action_flag=CHANGE,
    )
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert "Budget scrutiny, renamed" in after.content.decode()


def test_signed_in_readers_never_get_the_kept_page_nor_leave_theirs(
    public_cache_strict, client_as, meeting
):
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    anonymous = Client().get(url)
    assert "Signed in as" not in anonymous.content.decode()
    member = client_as("member").get(url)
    assert "Signed in as" in member.content.decode()
    assert "private" in cache_control(member) and "public" not in cache_control(member)
    assert "ETag" not in member
    # A member's conditional request is never answered with the anonymous page's validator.
    assert client_as("member").get(url, HTTP_IF_NONE_MATCH=anonymous["ETag"]).status_code == 200
    again = Client().get(url)
    assert "Signed in as" not in again.content.decode()
    assert again["ETag"] == anonymous["ETag"]


def test_what_a_member_may_read_is_never_kept_for_the_public(client_as):
    private = MeetingFactory(
        published=True, session=Meeting.Session.PRIVATE, title="Private briefing"
    )
    url = reverse("meetings:meeting-detail", args=[private.pk])
    assert "Private briefing" in client_as("democratic").get(url).content.decode()
    assert Client().get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_reader_with_a_message_waiting_is_not_served_the_kept_page(meeting, client_as):
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    kept = Client().get(url)
    client = Client()
    client.cookies["messages"] = "anything"
    response = client.get(url)
    assert "ETag" not in response and kept["ETag"]


def test_two_panels_never_share_a_page(other_panel):
    url = reverse("meetings:meeting-list")
    here = Client().get(url)
    there = Client(HTTP_HOST=OTHER_HOST).get(url)
    assert other_panel.name in there.content.decode()
    assert other_panel.name not in here.content.decode()
    assert here["ETag"] != there["ETag"]
    assert other_panel.name not in Client().get(url).content.decode()


def test_the_htmx_fragment_and_the_page_are_kept_apart(meeting):
    url = reverse("meetings:meeting-list")
    client = Client()
    page = client.get(url)
    fragment = client.get(url, **HTMX)
    assert page.content.lstrip().startswith(b"<!DOCTYPE html>")
    assert not fragment.content.lstrip().startswith(b"<!DOCTYPE html>")
    assert page["ETag"] != fragment["ETag"]
    assert "hx-request" in vary(page) and "cookie" not in vary(page)
    assert client.get(url).content == page.content
    assert client.get(url, **HTMX).content == fragment.content
    # A boosted navigation asks for the whole page.
    boosted = client.get(url, HTTP_HX_BOOSTED="true", **HTMX)
    assert boosted.content.lstrip().startswith(b"<!DOCTYPE html>")


def test_each_address_and_query_is_kept_apart(meeting):
    client = Client()
    url = reverse("meetings:meeting-list")
    everything = client.get(url)
    searched = client.get(url, {"q": "no such words at all"})
    assert searched["ETag"] != everything["ETag"]
    assert "Budget scrutiny" in everything.content.decode()
    assert "Budget scrutiny" not in searched.content.decode()


def test_the_sign_in_page_keeps_its_token(client):
    response = client.get(reverse("login"))
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "csrftoken" in response.cookies
    assert "ETag" not in response


def test_a_signed_in_htmx_post_still_carries_the_token(client_as, meeting):
    """htmx posts with the X-CSRFToken header from <body>: the token a signed-in reader gets."""
    client = client_as("democratic")
    client.handler.enforce_csrf_checks = True
    page = client.get(reverse("meetings:manage-meeting-detail", args=[meeting.pk])).content
    token = page.decode().split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    url = reverse("meetings:manage-meeting-cancel", args=[meeting.pk])
    refused = client.post(url, {"reason": "Not quorate"}, **HTMX)
    assert refused.status_code == 403
    accepted = client.post(url, {"reason": "Not quorate"}, HTTP_X_CSRFTOKEN=token, **HTMX)
    assert accepted.status_code in (200, 302)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


def test_a_calendar_is_one_rendering_until_the_record_changes(
    public_cache_strict, client_as, meeting, django_assert_num_queries
):
    client = Client()
    url = reverse("meetings:calendar")
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    # The same file for a signed-in reader: a calendar lists only what the public may see.
    member = client_as("member").get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert member.status_code == 304


def test_a_cache_that_does_not_answer_serves_the_pages_rendered(settings, meeting, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    url = reverse("meetings:meeting-detail", args=[meeting.pk])
    response = Client().get(url)
    assert response.status_code == 200 and "Budget scrutiny" in response.content.decode()
    assert Client().get(reverse("meetings:calendar")).status_code == 200
    assert "public cache: not read" in caplog.text
