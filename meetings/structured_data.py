"""schema.org JSON-LD for the public meeting and decision pages, read by search engines and
calendar tools.

Built only from what the public may read, whoever is looking: a page a signed-in reader opens on
an unpublished or private meeting, or on a decision of an exempt item, gets none, and nothing
here reads an item's description, papers or minute. The page's template embeds the result with
the `ld_json` filter (core.templatetags.structured_data), which escapes it for HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

from django.urls import reverse
from django.utils import timezone

from core import visibility
from core.dates import date_long
from core.models import Panel
from meetings.models import AgendaItem, Body, Meeting, Resolution

SCHEMA = "https://schema.org"
JsonLd = dict[str, Any]

ATTENDANCE_MODES = {
    Meeting.Mode.IN_PERSON: f"{SCHEMA}/OfflineEventAttendanceMode",
    Meeting.Mode.VIRTUAL: f"{SCHEMA}/OnlineEventAttendanceMode",
    Meeting.Mode.HYBRID: f"{SCHEMA}/MixedEventAttendanceMode",
}
# A meeting is never postponed or moved in this model (a new meeting is scheduled instead), so
# only cancellation differs from EventScheduled, which schema.org also uses for events held.
EVENT_CANCELLED = f"{SCHEMA}/EventCancelled"
EVENT_SCHEDULED = f"{SCHEMA}/EventScheduled"
# Bodies the panel itself runs; the rest (the PCC's boards, partnerships) are only recorded here.
PANEL_BODY_KINDS = {Body.Kind.SUB_COMMITTEE, Body.Kind.TASK_GROUP}
# Police and Crime Panels exist in England and Wales only.
COUNTRY = "GB"


def panel_organisation(*, panel: Panel, site_url: str) -> JsonLd:
    """The panel as the publisher of its site: its name, and the site's home page."""
    return {
        "@type": "Organization",
        "@id": f"{site_url}#panel",
        "name": panel.name,
        "alternateName": panel.short_name,
        "url": site_url,
    }


def event_id(*, meeting: Meeting, site_url: str) -> str:
    """The meeting's node, shared by its page and the pages of its decisions."""
    return f"{_meeting_url(meeting, site_url)}#event"


def meeting_event(
    *, meeting: Meeting, agenda_items: Iterable[AgendaItem], panel: Panel, site_url: str
) -> JsonLd | None:
    """The meeting as a schema.org Event, or None when the public may not read the meeting.

    `agenda_items` are the page's (meetings.selectors.agenda_items_public); only their numbers
    and titles are read, which the public sees even for an exempt item.
    """
    if not visibility.meeting_may_read(visibility.PUBLIC, meeting):
        return None
    panel_node = panel_organisation(panel=panel, site_url=site_url)
    event: JsonLd = {
        "@context": SCHEMA,
        **_event_node(meeting, site_url),
        "endDate": _end(meeting),
        "eventStatus": EVENT_CANCELLED if meeting.is_cancelled else EVENT_SCHEDULED,
        "eventAttendanceMode": ATTENDANCE_MODES[Meeting.Mode(meeting.mode)],
        "location": _locations(meeting),
        "organizer": _organiser(meeting.body, panel_node),
        "description": _description(meeting, agenda_items),
        "isAccessibleForFree": True,
        "inLanguage": "en-GB",
        "subjectOf": _papers(meeting, site_url),
    }
    return _without_empty(event)


def decision_work(*, resolution: Resolution, panel: Panel, site_url: str) -> JsonLd | None:
    """A decision (a RESOLVED clause) as a schema.org CreativeWork that is part of its meeting,
    or None when the public may not read it (unpublished minutes, an exempt item)."""
    minute = resolution.minute
    meeting = minute.meeting
    exempt = minute.agenda_item is not None and visibility.item_content_hidden(
        visibility.PUBLIC, minute.agenda_item
    )
    if exempt or not visibility.minutes_may_read(visibility.PUBLIC, meeting):
        return None
    work: JsonLd = {
        "@context": SCHEMA,
        "@type": "CreativeWork",
        "@id": urljoin(site_url, resolution.get_absolute_url()),
        "url": urljoin(site_url, resolution.get_absolute_url()),
        "name": f"Decision {minute.number}{resolution.label}: {minute.title}",
        "text": resolution.text,
        "genre": resolution.get_kind_display(),
        "dateCreated": meeting.date.isoformat(),
        "datePublished": _instant(meeting.minutes_published_at),
        "inLanguage": "en-GB",
        # schema.org expects a CreativeWork for isPartOf; recordedAt (a work to the event it
        # came from) names the same Event node with the type schema.org expects.
        "isPartOf": _event_node(meeting, site_url),
        "recordedAt": {"@id": event_id(meeting=meeting, site_url=site_url)},
        "publisher": panel_organisation(panel=panel, site_url=site_url),
    }
    return _without_empty(work)


def _meeting_url(meeting: Meeting, site_url: str) -> str:
    return urljoin(site_url, meeting.get_absolute_url())


def _event_node(meeting: Meeting, site_url: str) -> JsonLd:
    """What identifies the meeting: enough for a decision page to name it."""
    name = _meeting_name(meeting)
    return {
        "@type": "Event",
        "@id": event_id(meeting=meeting, site_url=site_url),
        "url": _meeting_url(meeting, site_url),
        "name": f"{name}: {meeting.title}" if meeting.title else name,
        "startDate": _start(meeting),
    }


def _meeting_name(meeting: Meeting) -> str:
    return f"{meeting.body.name}, {date_long(meeting.date)}"


def _local(day: datetime.date, time: datetime.time) -> str:
    """ISO 8601 with the UK offset of that day (GMT or BST)."""
    return timezone.make_aware(datetime.datetime.combine(day, time)).isoformat()


def _start(meeting: Meeting) -> str:
    if meeting.start_time is None:
        return meeting.date.isoformat()  # a day, with no time announced
    return _local(meeting.date, meeting.start_time)


def _end(meeting: Meeting) -> str | None:
    return _local(meeting.date, meeting.end_time) if meeting.end_time else None


def _instant(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _locations(meeting: Meeting) -> JsonLd | list[JsonLd] | None:
    """The room (unless the meeting is virtual) and the webcast or online meeting."""
    places: list[JsonLd] = []
    if meeting.venue and meeting.mode != Meeting.Mode.VIRTUAL:
        # The venue is one line as the papers print it ("Sparkenhoe Committee Room, County
        # Hall, Glenfield"), not split into address parts.
        address = {
            "@type": "PostalAddress",
            "streetAddress": meeting.venue,
            "addressCountry": COUNTRY,
        }
        places.append({"@type": "Place", "name": meeting.venue, "address": address})
    if meeting.webcast_url or meeting.mode == Meeting.Mode.VIRTUAL:
        online = meeting.venue if meeting.mode == Meeting.Mode.VIRTUAL else "Webcast"
        places.append(
            _without_empty({"@type": "VirtualLocation", "name": online, "url": meeting.webcast_url})
        )
    if len(places) > 1:
        return places
    return places[0] if places else None


def _organiser(body: Body, panel: JsonLd) -> JsonLd:
    """The panel for its own meetings; a sub-committee or task group as part of the panel;
    any other body (a PCC's board) by its own name, since the panel only records it."""
    if body.kind == Body.Kind.PANEL:
        return panel
    organiser: JsonLd = {"@type": "Organization", "name": body.name}
    if body.kind in PANEL_BODY_KINDS:
        organiser["parentOrganization"] = panel
    return organiser


def _description(meeting: Meeting, agenda_items: Iterable[AgendaItem]) -> str:
    if meeting.is_cancelled:
        return f"Cancelled. {meeting.cancellation_reason}".strip()
    business = [f"{item.number}. {item.title}" for item in agenda_items if not item.is_withdrawn]
    return f"Agenda: {'; '.join(business)}" if business else ""


def _papers(meeting: Meeting, site_url: str) -> list[JsonLd]:
    """The published agenda pack and minutes, as the page links them."""
    published = [
        ("Agenda", "meetings:agenda-pdf", meeting.agenda_published_at),
        ("Minutes", "meetings:minutes-pdf", meeting.minutes_published_at),
    ]
    return [
        {
            "@type": "DigitalDocument",
            # Named to stand alone in a search result, away from the meeting's page.
            "name": f"{paper}, {_meeting_name(meeting)}",
            "url": urljoin(site_url, reverse(url_name, args=[meeting.pk])),
            "encodingFormat": "application/pdf",
            "datePublished": _instant(published_at),
        }
        for paper, url_name, published_at in published
        if published_at is not None
    ]


def _without_empty(node: JsonLd) -> JsonLd:
    """Drop properties with nothing to say (no end time, no venue, no papers)."""
    return {key: value for key, value in node.items() if value not in (None, "", [])}
