"""Calendar (.ics) and Atom feeds of public meetings.

Calendar entries carry `DTSTART;TZID=Europe/London` with a VTIMEZONE, so calendar apps place
meetings correctly across BST and GMT, and a UID that never changes for a meeting, so a
subscriber's calendar updates an entry rather than duplicating it (RFC 5545 §3.8.4.7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from icalendar import Timezone

from core.dates import date_long
from core.tenancy import current_panel
from meetings.models import Body, Meeting
from meetings.selectors import meetings_for_calendar, meetings_recently_published

# A meeting with no start time in the papers is shown as an all-day event; one with no end
# time is given two hours.
DEFAULT_LENGTH = datetime.timedelta(hours=2)
PRODID = "-//Scrutiny Tracker//Police and Crime Panel meetings//EN"


# What a calendar entry needs of a meeting: read as plain rows, since model objects and
# icalendar's components cost seconds for a panel with ten thousand meetings.
CALENDAR_FIELDS = ("pk", "date", "start_time", "end_time", "venue", "title", "status", "body__name")
CRLF = "\r\n"


def ical_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 §3.3.11 asks: backslash, semicolon, comma, line break."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def ical_fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets (RFC 5545 §3.1), each continuation
    starting with a space, never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line
    if line.isascii():
        pieces = [line[:75]] + [line[at : at + 74] for at in range(75, len(line), 74)]
        return f"{CRLF} ".join(pieces)
    piece: list[str] = []
    pieces, size, limit = [], 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append("".join(piece))
            piece, size, limit = [], 0, 74  # the continuation's leading space is an octet
        piece.append(char)
        size += width
    pieces.append("".join(piece))
    return f"{CRLF} ".join(pieces)


def _summary(row: Mapping[str, Any]) -> str:
    name: str = row["body__name"]
    if row["title"]:
        name = f"{name}: {row['title']}"
    if row["status"] == Meeting.Status.CANCELLED:
        name = f"CANCELLED – {name}"
    return name


def _local(day: datetime.date, at: datetime.time) -> str:
    return f"{day:%Y%m%d}T{at:%H%M%S}"


def _event(row: Mapping[str, Any], *, host: str, url: str, stamp: str) -> list[str]:
    day: datetime.date = row["date"]
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{row['pk']}@{host}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{ical_text(_summary(row))}",
    ]
    if row["start_time"]:
        start = datetime.datetime.combine(day, row["start_time"])
        end = (
            datetime.datetime.combine(day, row["end_time"])
            if row["end_time"]
            else start + DEFAULT_LENGTH
        )
        lines.append(f"DTSTART;TZID=Europe/London:{_local(start.date(), start.time())}")
        lines.append(f"DTEND;TZID=Europe/London:{_local(end.date(), end.time())}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}")
    if row["venue"]:
        lines.append(f"LOCATION:{ical_text(row['venue'])}")
    lines.append(f"URL:{url}")
    lines.append(f"DESCRIPTION:{ical_text(f'Agenda and minutes: {url}')}")
    cancelled = row["status"] == Meeting.Status.CANCELLED
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    lines.append("END:VEVENT")
    return lines


def meetings_calendar(
    *,
    rows: Iterable[Mapping[str, Any]],
    host: str,
    base_url: str,
    name: str,
    stamp: datetime.datetime,
) -> bytes:
    """An iCalendar file of the meetings in `rows` (`CALENDAR_FIELDS`); `base_url` is the scheme
    and host for links, `stamp` the DTSTAMP of every entry (when the file is made)."""
    # One reverse() for every link: a meeting's address with its number put in.
    prefix, suffix = reverse("meetings:meeting-detail", args=[0]).rsplit("0", 1)
    dtstamp = f"{stamp.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"
    events: list[str] = []
    years = set()
    for row in rows:
        years.add(row["date"].year)
        url = f"{base_url}{prefix}{row['pk']}{suffix}"
        events.extend(_event(row, host=host, url=url, stamp=dtstamp))
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        # As icalendar wrote it, unescaped: calendar apps show this non-standard name verbatim.
        f"X-WR-CALNAME:{' '.join(name.splitlines())}",
        "X-WR-TIMEZONE:Europe/London",
    ]
    zone = ""
    if years:
        # The VTIMEZONE must cover every date used, so build it for the span of years: once per
        # calendar, so icalendar's own (slow) serialiser is fine here.
        first = datetime.datetime(min(years), 1, 1)
        last = datetime.datetime(max(years) + 1, 1, 1)
        timezone_ = Timezone.from_tzid("Europe/London", first_date=first, last_date=last)
        zone = timezone_.to_ical().decode()
    text = "".join(f"{ical_fold(line)}{CRLF}" for line in head) + zone
    text += "".join(f"{ical_fold(line)}{CRLF}" for line in events)
    return f"{text}END:VCALENDAR{CRLF}".encode()


def calendar_render(*, body_slug: str, host: str, base_url: str) -> bytes | None:
    """The iCalendar file of the panel's public meetings (of one body, with `body_slug`), in a
    fixed number of queries; None for a body that does not exist."""
    if body_slug:
        body = Body.objects.filter(slug=body_slug).values_list("name", flat=True).first()
        if body is None:
            return None
        name = f"{body} meetings"
    else:
        name = f"{current_panel().name} meetings"
    rows = meetings_for_calendar(body_slug=body_slug).values(*CALENDAR_FIELDS)
    return meetings_calendar(
        rows=rows.iterator(chunk_size=2000),
        host=host,
        base_url=base_url,
        name=name,
        stamp=timezone.now(),
    )


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
