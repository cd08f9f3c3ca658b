"""The iCalendar feeds at scale: plain rows and string building (meetings.feeds), RFC 5545
escaping and folding, rendered once per change of the record and answered 304 when unchanged."""

from __future__ import annotations

import datetime
from unittest import mock

import factory
import pytest
from django.urls import reverse
from icalendar import Calendar

from core import public_cache
from meetings.feeds import ical_fold, ical_text
from meetings.services import meeting_cancel
from tests.meetings.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db
START = datetime.date(2015, 1, 5)


def meetings(count: int, body, offset: int = 0) -> None:
    days = (START + datetime.timedelta(days=7 * (offset + n)) for n in range(count))
    MeetingFactory.create_batch(count, body=body, published=True, date=factory.Iterator(days))


def events(content: bytes) -> list:
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_the_calendar_costs_the_same_queries_for_ten_or_three_hundred_meetings(
    client, django_assert_num_queries
):
    body = BodyFactory(slug="pcp")
    meetings(10, body)
    # The meetings, as plain rows; the body's calendar also reads the body's name.
    with django_assert_num_queries(1):
        small = client.get(reverse("meetings:calendar"))
    with django_assert_num_queries(2):
        client.get(reverse("meetings:body-calendar", args=["pcp"]))
    meetings(290, body, offset=10)
    with django_assert_num_queries(1):
        large = client.get(reverse("meetings:calendar"))
    with django_assert_num_queries(2):
        by_body = client.get(reverse("meetings:body-calendar", args=["pcp"]))
    assert len(events(small.content)) == 10
    assert len(events(large.content)) == len(events(by_body.content)) == 300
    zone = Calendar.from_ical(large.content).walk("VTIMEZONE")[0]
    assert "2015-01-01" in str(zone["COMMENT"]) and "2021-01-01" in str(zone["COMMENT"])


def test_an_unchanged_calendar_is_answered_304_and_a_change_renders_it_again(
    public_cache_strict,
    client,
    users,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(published=True, venue="County Hall")
    url = reverse("meetings:calendar")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and not first.cookies
    with django_assert_num_queries(0):
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, actor=users["democratic"], reason="Not quorate")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    (event,) = events(changed.content)
    assert str(event["STATUS"]) == "CANCELLED" and "CANCELLED" in str(event["SUMMARY"])


def test_a_calendar_of_no_such_body_is_not_kept(public_cache_strict, client):
    url = reverse("meetings:body-calendar", args=["cgb"])
    assert client.get(url).status_code == 404
    MeetingFactory(published=True, body=BodyFactory(slug="cgb", name="Corporate Governance Board"))
    response = client.get(url)
    assert response.status_code == 200 and len(events(response.content)) == 1


def test_text_is_escaped_and_long_lines_folded_as_rfc_5545_says(client):
    body = BodyFactory(name="Police, Fire; and Crime\\Panel", slug="pfcp")
    title = "Précis of the Commissioner’s “Plan” – " + "é" * 60
    venue = "Room 1; County Hall, Glenfield\nFloor 2"
    MeetingFactory(body=body, published=True, title=title, venue=venue, start_time=None)
    content = client.get(reverse("meetings:calendar")).content
    for line in content.split(b"\r\n"):
        assert len(line) <= 75
    (event,) = events(content)
    assert str(event["SUMMARY"]) == f"Police, Fire; and Crime\\Panel: {title}"
    assert str(event["LOCATION"]) == venue
    assert event.decoded("DTSTART") == datetime.date(2024, 10, 28)
    assert content.endswith(b"END:VCALENDAR\r\n")


def test_escaping_and_folding():
    assert ical_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ical_fold("SUMMARY:short") == "SUMMARY:short"
    ascii_line = "DESCRIPTION:" + "x" * 200
    folded = ical_fold(ascii_line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == ascii_line
    wide = "SUMMARY:" + "€" * 40  # three octets each: never split inside one
    folded = ical_fold(wide)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == wide


def test_a_changed_calendar_is_rendered_by_the_worker_for_the_panels_own_site(
    public_cache_strict, client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as sent:
        meeting = MeetingFactory(published=True, body=BodyFactory(slug="pcp"))
        meeting_cancel(meeting=meeting, actor=users["democratic"], reason="Not quorate")
    # One rendering for the transaction, however many meetings and bodies it saved.
    assert [c.func.__name__ for c in sent].count("_committed") == 1
    on_request = mock.patch("meetings.views.calendar_render", side_effect=AssertionError)
    with on_request:  # the panel's own site (https://testserver/) is served what the worker made
        for url in (reverse("meetings:calendar"), reverse("meetings:body-calendar", args=["pcp"])):
            (event,) = events(client.get(url, secure=True).content)
            assert str(event["STATUS"]) == "CANCELLED"
    with on_request, pytest.raises(AssertionError):  # another host's is rendered on request
        client.get(reverse("meetings:calendar"), HTTP_HOST="llr.localhost", secure=True)


def test_the_trackers_changes_leave_the_calendar_kept(public_cache_strict, client, panel):
    MeetingFactory(published=True)
    first = client.get(reverse("meetings:calendar"), secure=True)
    public_cache.public_pages_changed(panel_id=panel.pk)  # as every domain event does
    again = client.get(reverse("meetings:calendar"), secure=True, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
