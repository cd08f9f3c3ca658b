"""schema.org JSON-LD on the public meeting and decision pages: an Event for the meeting, a
CreativeWork for a decision, escaped for HTML and built from public content only."""

from __future__ import annotations

import datetime
import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from core.tenancy import panel_scope
from meetings.models import Body, Meeting, Resolution
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    ResolutionFactory,
)
from tests.meetings.portal import PUBLISHED_AT, SECRET, published_minutes_meeting

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"
PANEL_NAME = "Leicester, Leicestershire and Rutland Police and Crime Panel"
EVENT_KEYS = {"@context", "@type", "@id", "url", "name", "startDate", "eventStatus"}
EVENT_KEYS |= {"eventAttendanceMode", "organizer", "isAccessibleForFree"}
WORK_KEYS = {"@context", "@type", "@id", "url", "name", "text", "dateCreated", "datePublished"}
WORK_KEYS |= {"isPartOf", "publisher"}


class DataBlocks(HTMLParser):
    """The text of each <script type="application/ld+json"> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = tag == "script" and ("type", "application/ld+json") in attrs
        if self._open:
            self.blocks.append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._open = False


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def blocks_of(html: str) -> list[str]:
    parser = DataBlocks()
    parser.feed(html)
    return parser.blocks


def json_ld(client, url: str) -> dict:
    (block,) = blocks_of(page_of(client, url))
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    return data


def event_of(client, meeting: Meeting) -> dict:
    event = json_ld(client, reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert event["@type"] == "Event"
    assert event.keys() >= EVENT_KEYS
    return event


def decision_of(client, resolution: Resolution) -> dict:
    work = json_ld(client, reverse("meetings:decision-detail", args=[resolution.pk]))
    assert work["@type"] == "CreativeWork"
    assert work.keys() >= WORK_KEYS
    return work


def test_a_scheduled_meeting_is_an_event_in_a_room(client, panel):
    meeting = MeetingFactory(
        published=True,
        date=datetime.date(2024, 9, 23),
        end_time=datetime.time(16, 30),
        title="Budget",
    )
    AgendaItemFactory(meeting=meeting, number="1", title="Apologies for absence")
    AgendaItemFactory(meeting=meeting, number="2", title="Precept proposal")
    event = event_of(client, meeting)
    url = f"{SITE}meetings/{meeting.pk}/"
    assert event["@id"] == f"{url}#event"
    assert event["url"] == url
    assert event["name"] == f"{meeting.body.name}, 23 September 2024: Budget"
    # British Summer Time on the day, with its offset.
    assert event["startDate"] == "2024-09-23T14:00:00+01:00"
    assert event["endDate"] == "2024-09-23T16:30:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place",
        "name": "Sparkenhoe Committee Room, County Hall, Glenfield",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Sparkenhoe Committee Room, County Hall, Glenfield",
            "addressCountry": "GB",
        },
    }
    assert event["organizer"] == {
        "@type": "Organization",
        "@id": f"{SITE}#panel",
        "name": PANEL_NAME,
        "alternateName": "LLR Police and Crime Panel",
        "url": SITE,
    }
    assert (panel.name, panel.short_name) == (PANEL_NAME, "LLR Police and Crime Panel")
    assert event["description"] == "Agenda: 1. Apologies for absence; 2. Precept proposal"
    assert event["isAccessibleForFree"] is True
    assert event["subjectOf"] == [
        {
            "@type": "DigitalDocument",
            "name": f"Agenda, {meeting.body.name}, 23 September 2024",
            "url": f"{url}agenda.pdf",
            "encodingFormat": "application/pdf",
            "datePublished": "2024-10-18T10:00:00+01:00",
        }
    ]


def test_a_cancelled_meeting_says_so_with_its_reason(client):
    meeting = MeetingFactory(
        published=True,
        status=Meeting.Status.CANCELLED,
        cancellation_reason="Insufficient business.",
        date=datetime.date(2024, 12, 2),
    )
    event = event_of(client, meeting)
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["description"] == "Cancelled. Insufficient business."
    # GMT in December, and no end given.
    assert event["startDate"] == "2024-12-02T14:00:00+00:00"
    assert "endDate" not in event


def test_a_held_meeting_links_its_agenda_and_minutes(client):
    meeting = published_minutes_meeting(date=datetime.date(2024, 10, 28))
    event = event_of(client, meeting)
    # schema.org has no "held": an event that took place as planned stays EventScheduled.
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert [(paper["name"], paper["url"]) for paper in event["subjectOf"]] == [
        (
            f"Agenda, {meeting.body.name}, 28 October 2024",
            f"{SITE}meetings/{meeting.pk}/agenda.pdf",
        ),
        (
            f"Minutes, {meeting.body.name}, 28 October 2024",
            f"{SITE}meetings/{meeting.pk}/minutes.pdf",
        ),
    ]
    assert event["subjectOf"][1]["datePublished"] == PUBLISHED_AT.isoformat()
    # Held, its minutes not yet out: the agenda only.
    held = event_of(client, MeetingFactory(published=True, status=Meeting.Status.HELD))
    assert held["eventStatus"] == "https://schema.org/EventScheduled"
    assert [paper["name"].split(",")[0] for paper in held["subjectOf"]] == ["Agenda"]


def test_a_hybrid_webcast_meeting_has_the_room_and_the_webcast(client):
    meeting = MeetingFactory(
        published=True,
        mode=Meeting.Mode.HYBRID,
        venue="Council Chamber, County Hall, Glenfield",
        webcast_url="https://webcast.example.org/pcp/2024-10-28",
    )
    event = event_of(client, meeting)
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = event["location"]
    assert (place["@type"], place["name"]) == ("Place", "Council Chamber, County Hall, Glenfield")
    assert place["address"]["streetAddress"] == "Council Chamber, County Hall, Glenfield"
    assert online == {
        "@type": "VirtualLocation",
        "name": "Webcast",
        "url": "https://webcast.example.org/pcp/2024-10-28",
    }


def test_a_virtual_meeting_has_no_room(client):
    meeting = MeetingFactory(
        published=True, mode=Meeting.Mode.VIRTUAL, venue="Virtual meeting using Zoom"
    )
    event = event_of(client, meeting)
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "name": "Virtual meeting using Zoom"}


def test_a_day_with_no_time_and_no_venue(client):
    meeting = MeetingFactory(published=True, start_time=None, venue="")
    event = event_of(client, meeting)
    assert event["startDate"] == "2024-10-28"
    assert "location" not in event


def test_a_board_the_panel_does_not_run_is_organised_by_itself(client):
    board = BodyFactory(name="Corporate Governance Board", kind=Body.Kind.BOARD)
    sub_committee = BodyFactory(name="Complaints Sub-Committee", kind=Body.Kind.SUB_COMMITTEE)
    board_event = event_of(client, MeetingFactory(published=True, body=board))
    assert board_event["organizer"] == {
        "@type": "Organization",
        "name": "Corporate Governance Board",
    }
    sub_event = event_of(client, MeetingFactory(published=True, body=sub_committee))
    assert sub_event["organizer"]["name"] == "Complaints Sub-Committee"
    assert sub_event["organizer"]["parentOrganization"]["name"] == PANEL_NAME


def test_a_decision_is_a_creative_work_of_its_meeting(client):
    meeting = published_minutes_meeting(date=datetime.date(2024, 10, 28))
    minute = MinuteFactory(meeting=meeting, number=29, title="Draft Police and Crime Plan")
    resolution = ResolutionFactory(
        minute=minute, label="(c)", text="That the PCC be requested to submit a response."
    )
    work = decision_of(client, resolution)
    url = f"{SITE}decisions/{resolution.pk}/"
    assert (work["@id"], work["url"]) == (url, url)
    assert work["name"] == "Decision 29(c): Draft Police and Crime Plan"
    assert work["text"] == "That the PCC be requested to submit a response."
    assert work["dateCreated"] == "2024-10-28"
    assert work["datePublished"] == PUBLISHED_AT.isoformat()
    event_id = f"{SITE}meetings/{meeting.pk}/#event"
    assert work["isPartOf"]["@type"] == "Event"
    assert work["isPartOf"]["@id"] == event_id
    assert work["isPartOf"]["url"] == f"{SITE}meetings/{meeting.pk}/"
    assert work["recordedAt"] == {"@id": event_id}
    assert work["publisher"]["name"] == PANEL_NAME
    assert work["publisher"]["url"] == SITE
    # The same node as the meeting page's Event.
    assert event_of(client, meeting)["@id"] == event_id


def test_a_title_cannot_close_the_data_block(client):
    breakout = '</script><script>alert("x")</script><!--'
    meeting = MeetingFactory(published=True, title=breakout)
    AgendaItemFactory(meeting=meeting, title=f"Item {breakout} & more")
    html = page_of(client, reverse("meetings:meeting-detail", args=[meeting.pk]))
    (block,) = blocks_of(html)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    event = json.loads(block)
    assert event["name"].endswith(f": {breakout}")
    assert f"Item {breakout} & more" in event["description"]
    assert 'alert("x")</script>' not in html.split("</head>")[0]


def test_an_exempt_items_content_is_not_in_the_json_ld(client_as, exempt_meeting):
    for reader in (None, "member"):
        html = page_of(
            client_as(reader), reverse("meetings:meeting-detail", args=[exempt_meeting.pk])
        )
        (block,) = blocks_of(html)
        assert SECRET not in block
        # The title is public, as on the page; the withdrawn item is not business.
        assert "12. Operational Summary" in json.loads(block)["description"]
        assert "Rape Offences" not in block


def test_staff_reading_an_exempt_decision_get_no_json_ld(client_as, exempt_meeting):
    resolution = Resolution.objects.get(minute__meeting=exempt_meeting)
    html = page_of(client_as("member"), reverse("meetings:decision-detail", args=[resolution.pk]))
    assert SECRET in html  # staff read it on the page
    assert blocks_of(html) == []


@pytest.mark.parametrize("fixture", ["private_meeting", "unpublished_meeting"])
def test_staff_reading_a_meeting_not_public_get_no_json_ld(client_as, request, fixture):
    meeting = request.getfixturevalue(fixture)
    html = page_of(client_as("member"), reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "Not public" in html
    assert blocks_of(html) == []


def test_a_decision_in_unpublished_minutes_has_none_for_staff(client_as):
    meeting = MeetingFactory(published=True, status=Meeting.Status.HELD)
    resolution = ResolutionFactory(minute=MinuteFactory(meeting=meeting), text="Draft decision")
    html = page_of(client_as("member"), reverse("meetings:decision-detail", args=[resolution.pk]))
    assert "Draft decision" in html
    assert blocks_of(html) == []


def test_each_panel_publishes_under_its_own_name(other_panel):
    with panel_scope(other_panel):
        meeting = MeetingFactory(published=True)
    client = Client(HTTP_HOST="northshire.testserver")
    event = event_of(client, meeting)
    assert event["url"] == f"http://northshire.testserver/meetings/{meeting.pk}/"
    assert event["organizer"]["name"] == "Northshire Police, Fire and Crime Panel"
    assert event["organizer"]["url"] == "http://northshire.testserver/"
