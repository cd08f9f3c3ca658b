"""Meetings the public-pages tests read: public, private, unpublished and with exempt items."""

from __future__ import annotations

import pytest
from django.utils import timezone

from meetings.models import Meeting
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)
from tests.meetings.portal import PUBLISHED_AT, SECRET, published_minutes_meeting


@pytest.fixture
def public_meeting() -> Meeting:
    meeting = published_minutes_meeting()
    item = AgendaItemFactory(
        meeting=meeting, number="6", title="Presentation of a New Draft Police and Crime Plan."
    )
    minute = MinuteFactory(
        meeting=meeting,
        agenda_item=item,
        number=29,
        title="Presentation of a New Draft Police and Crime Plan.",
    )
    MinutePointFactory(
        minute=minute,
        position=1,
        label="(iv)",
        text="The Panel were pleased that the Plan set out the intention to address the "
        "illegal use of e-scooters.",
    )
    ResolutionFactory(
        minute=minute,
        position=1,
        label="(c)",
        text="That the PCC be requested to submit a written response addressing the comments.",
    )
    return meeting


@pytest.fixture
def private_meeting() -> Meeting:
    meeting = MeetingFactory(
        published=True,
        session=Meeting.Session.PRIVATE,
        minutes_published_at=PUBLISHED_AT,
        title="Private briefing",
    )
    minute = MinuteFactory(meeting=meeting, number=90, title="Confidential update")
    ResolutionFactory(minute=minute, text=f"That the {SECRET} be noted.")
    return meeting


@pytest.fixture
def unpublished_meeting() -> Meeting:
    return MeetingFactory(title="Not yet published")


@pytest.fixture
def exempt_meeting() -> Meeting:
    meeting = published_minutes_meeting()
    item = AgendaItemFactory(
        meeting=meeting,
        number="12",
        title="Operational Summary",
        exempt=True,
        exempt_reason="Paragraph 7 of Schedule 12A",
        description=f"Description {SECRET}",
    )
    DocumentFactory(meeting=meeting, agenda_item=item, title=f"Paper {SECRET}")
    open_item = AgendaItemFactory(meeting=meeting, number="5", title="Finance Update.")
    DocumentFactory(meeting=meeting, agenda_item=open_item, title="Exempt appendix", exempt=True)
    DocumentFactory(meeting=meeting, agenda_item=open_item, title="Finance report")
    AgendaItemFactory(
        meeting=meeting,
        number="9",
        title="Rape Offences.",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Deferred to February",
    )
    minute = MinuteFactory(
        meeting=meeting, agenda_item=item, number=40, title="Operational Summary"
    )
    minute.preamble = f"Preamble {SECRET}"
    minute.save()
    MinutePointFactory(minute=minute, text=f"Point {SECRET}")
    ResolutionFactory(minute=minute, text=f"Resolution {SECRET}")
    return meeting
