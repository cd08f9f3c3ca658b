"""Calendar (.ics) and Atom feeds: public meetings only, stable UIDs, Europe/London times."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import Meeting
from tests.meetings.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def meetings() -> dict[str, Meeting]:
    panel = BodyFactory(name="Police and Crime Panel", slug="pcp")
    board = BodyFactory(name="Corporate Governance Board", slug="cgb", short_name="CGB")
    return {
        "summer": MeetingFactory(
            body=panel,
            published=True,
            date=datetime.date(2024, 10, 28),
            start_time=datetime.time(14, 0),
            end_time=datetime.time(14, 57),
            venue="County Hall, Glenfield",
            status=Meeting.Status.MINUTES_DRAFT,
            minutes_published_at=datetime.datetime(2024, 11, 22, 9, tzinfo=datetime.UTC),
        ),
        "winter": MeetingFactory(
            body=panel, published=True, date=datetime.date(2024, 12, 2), start_time=None
        ),
        "board": MeetingFactory(body=board, published=True, date=datetime.date(2024, 9, 18)),
        "private": MeetingFactory(
            body=panel,
            published=True,
            session=Meeting.Session.PRIVATE,
            date=datetime.date(2024, 11, 1),
            title="Private briefing",
        ),
        "unpublished": MeetingFactory(body=panel, date=datetime.date(2025, 2, 5)),
    }


def events(content: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("role", [None, "member"])
def test_calendar_lists_public_meetings_only(client_as, meetings, role):
    response = client_as(role).get(reverse("meetings:calendar"), HTTP_HOST="panel.example.org")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response.content)
    expected = {
        f"meeting-{meetings[k].pk}@panel.example.org" for k in ("summer", "winter", "board")
    }
    assert set(found) == expected


def test_calendar_event_details_and_timezone(client_as, meetings):
    response = client_as(None).get(reverse("meetings:calendar"), HTTP_HOST="panel.example.org")
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    event = events(response.content)[f"meeting-{meetings['summer'].pk}@panel.example.org"]
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2024, 10, 28, 14, 0, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") == datetime.datetime(2024, 10, 28, 14, 57, tzinfo=LONDON)
    assert str(event["LOCATION"]) == "County Hall, Glenfield"
    assert "Police and Crime Panel" in str(event["SUMMARY"])
    assert str(event["URL"]) == f"http://panel.example.org/meetings/{meetings['summer'].pk}/"
    all_day = events(response.content)[f"meeting-{meetings['winter'].pk}@panel.example.org"]
    assert all_day.decoded("DTSTART") == datetime.date(2024, 12, 2)


def test_calendar_uids_are_stable(client_as, meetings):
    url = reverse("meetings:calendar")
    first = set(events(client_as(None).get(url).content))
    second = set(events(client_as(None).get(url).content))
    assert first == second


def test_body_calendar(client_as, meetings):
    response = client_as(None).get(reverse("meetings:body-calendar", args=["cgb"]))
    assert list(events(response.content)) == [f"meeting-{meetings['board'].pk}@testserver"]
    missing = client_as(None).get(reverse("meetings:body-calendar", args=["no-such-body"]))
    assert missing.status_code == 404


@pytest.mark.parametrize("role", [None, "democratic"])
def test_atom_feed_of_published_agendas_and_minutes(client_as, meetings, role):
    response = client_as(role).get(reverse("meetings:feed"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    links = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert any(t.startswith("Draft minutes published:") for t in titles)
    assert sum(t.startswith("Agenda published:") for t in titles) == 3
    assert not any("Private" in t for t in titles)
    private_url = f"/meetings/{meetings['private'].pk}/"
    unpublished_url = f"/meetings/{meetings['unpublished'].pk}/"
    assert not any(private_url in link or unpublished_url in link for link in links)
    assert len({e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")}) == 4
