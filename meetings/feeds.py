"""Calendar (.ics) and Atom feeds of public meetings.

Calendar entries carry `DTSTART;TZID=Europe/London` with a VTIMEZONE, so calendar apps place
meetings correctly across BST and GMT, and a UID that never changes for a meeting, so a
subscriber's calendar updates an entry rather than duplicating it (RFC 5545 §3.8.4.7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event, Timezone

from core.dates import date_long
from core.tenancy import current_panel
from meetings.models import Meeting
from meetings.selectors import meetings_recently_published

LONDON = ZoneInfo("Europe/London")
# A meeting with no start time in the papers is shown as an all-day event; one with no end
# time is given two hours.
DEFAULT_LENGTH = datetime.timedelta(hours=2)
PRODID = "-//Scrutiny Tracker//Police and Crime Panel meetings//EN"


def meeting_uid(meeting: Meeting, host: str) -> str:
    return f"meeting-{meeting.pk}@{host}"


def _summary(meeting: Meeting) -> str:
    name = meeting.body.name
    if meeting.title:
        name = f"{name}: {meeting.title}"
    if meeting.status == Meeting.Status.CANCELLED:
        name = f"CANCELLED – {name}"
    return name


def meetings_calendar(*, meetings: Iterable[Meeting], host: str, base_url: str, name: str) -> bytes:
    """An iCalendar file of `meetings`; `base_url` is the scheme and host for links."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    events = []
    years = set()
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting_uid(meeting, host))
        event.add("dtstamp", stamp)
        event.add("summary", _summary(meeting))
        if meeting.start_time:
            start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
            end = (
                datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON)
                if meeting.end_time
                else start + DEFAULT_LENGTH
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + datetime.timedelta(days=1))
        years.add(meeting.date.year)
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("url", f"{base_url}{meeting.get_absolute_url()}")
        event.add("description", f"Agenda and minutes: {base_url}{meeting.get_absolute_url()}")
        if meeting.status == Meeting.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        events.append(event)
    if years:
        # The VTIMEZONE must cover every date used, so build it for the span of years.
        first = datetime.datetime(min(years), 1, 1)
        last = datetime.datetime(max(years) + 1, 1, 1)
        calendar.add_component(
            Timezone.from_tzid("Europe/London", first_date=first, last_date=last)
        )
    for event in events:
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


@dataclass(frozen=True)
class FeedEntry:
    meeting: Meeting
    kind: str  # "agenda" or "minutes"
    published: datetime.datetime

    @property
    def title(self) -> str:
        when = date_long(self.meeting.date)
        body = self.meeting.body.short_name or self.meeting.body.name
        if self.kind == "minutes":
            state = (
                "Minutes"
                if self.meeting.status == Meeting.Status.MINUTES_CONFIRMED
                else "Draft minutes"
            )
            return f"{state} published: {body}, {when}"
        return f"Agenda published: {body}, {when}"

    @property
    def link(self) -> str:
        url = self.meeting.get_absolute_url()
        return f"{url}#minutes" if self.kind == "minutes" else f"{url}#agenda"


class PapersFeed(Feed[FeedEntry, None]):
    """Newly published agendas and minutes of public meetings. Only what the public may see:
    the selector returns public meetings, and an entry links to the public page."""

    feed_type = Atom1Feed
    link = "/meetings/"
    limit = 30

    def title(self) -> str:
        return f"{current_panel().name}: agendas and minutes"

    def subtitle(self) -> str:
        return "Newly published agendas and minutes of public meetings."

    def items(self) -> list[FeedEntry]:
        agendas, minutes = meetings_recently_published(limit=self.limit)
        entries = [
            FeedEntry(m, "agenda", m.agenda_published_at)
            for m in agendas
            if m.agenda_published_at is not None
        ]
        entries += [
            FeedEntry(m, "minutes", m.minutes_published_at)
            for m in minutes
            if m.minutes_published_at is not None
        ]
        entries.sort(key=lambda e: e.published, reverse=True)
        return entries[: self.limit]

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        meeting = item.meeting
        where = f" at {meeting.venue}" if meeting.venue else ""
        return f"{meeting.body.name}, {date_long(meeting.date)}{where}."

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.published

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        return None
