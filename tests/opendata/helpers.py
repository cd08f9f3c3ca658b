"""Reading a built bulk download the way a user would: unzip it, read its CSVs."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

from meetings.models import Meeting
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)

PUBLISHED = datetime.datetime(2024, 11, 1, 9, 0, tzinfo=datetime.UTC)


def members(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def export_members(export) -> dict[str, str]:
    with export.file.open("rb") as stored:
        return members(stored.read())


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def everything(files: dict[str, str]) -> str:
    return "\n".join(files.values())


def public_meeting(word: str, body=None, **extra) -> Meeting:
    """A public meeting with published agenda and minutes: an item with a paper, a minute with a
    point and a resolution, each carrying `word`."""
    meeting = MeetingFactory(
        body=body or BodyFactory(),
        title=f"Meeting {word}",
        status=Meeting.Status.MINUTES_DRAFT,
        agenda_published_at=PUBLISHED,
        minutes_published_at=PUBLISHED,
        **extra,
    )
    item = AgendaItemFactory(meeting=meeting, description=f"Item {word}")
    DocumentFactory(meeting=meeting, agenda_item=item, title=f"Paper {word}")
    minute = MinuteFactory(meeting=meeting, agenda_item=item, body_text=f"Minute {word}")
    MinutePointFactory(minute=minute, text=f"Point {word}")
    ResolutionFactory(minute=minute, text=f"Resolved {word}")
    return meeting
