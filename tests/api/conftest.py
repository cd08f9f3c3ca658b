"""A panel's public record for the API tests, with a secret word planted in everything the
public may not read (a private session, an unpublished meeting, an exempt item's description,
paper and resolution, an exempt paper, a private tracked item, a draft response, a person's
contact details)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from meetings.models import AgendaItem, Body, Document, Meeting, Membership, Person
from scrutiny.models import Response, Review, TrackedItem
from tests.conftest import make_user
from tests.grants.factories import published_award
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
    OrganisationFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.meetings.portal import PUBLISHED_AT, published_minutes_meeting
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

SECRET = "qzapisecretqz"


@dataclass
class Record:
    body: Body
    meeting: Meeting
    item: AgendaItem
    exempt_item: AgendaItem
    report: Document
    appendix: Document
    private_meeting: Meeting
    unpublished_meeting: Meeting
    person: Person
    membership: Membership
    tracked: TrackedItem
    response: Response
    review: Review
    award: Any


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    """Throttle counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> Client:
    return Client()


def build_record(prefix: str = "pcp") -> Record:
    council = OrganisationFactory(name=f"{prefix} County Council", slug=f"{prefix}-council")
    body = BodyFactory(name=f"{prefix} Police and Crime Panel", short_name="PCP", slug=prefix)
    person = PersonFactory(
        display_name="Mrs D. Taylor CC",
        given_name="Deborah",
        family_name="Taylor",
        email=f"{SECRET}@example.org",
        phone=SECRET,
    )
    membership = MembershipFactory(
        person=person, body=body, role=Membership.Role.CHAIRMAN, represents=council
    )
    meeting = published_minutes_meeting(body=body, host_authority=council)
    AttendanceFactory(meeting=meeting, person=person)
    item = AgendaItemFactory(meeting=meeting, number="5", position=5, title="Police and Crime Plan")
    report = DocumentFactory(meeting=meeting, agenda_item=item, title="Draft plan report")
    appendix = DocumentFactory(
        meeting=meeting, agenda_item=item, title="Appendix A", kind=Document.Kind.APPENDIX
    )
    DocumentFactory(meeting=meeting, agenda_item=item, title=f"Appendix {SECRET}", exempt=True)
    DocumentFactory(meeting=meeting, title="Supplementary note")
    minute = MinuteFactory(meeting=meeting, agenda_item=item, number=29)
    resolution = ResolutionFactory(
        minute=minute, label="(c)", text="That the PCC be requested to submit a written response."
    )
    exempt_item = AgendaItemFactory(
        meeting=meeting,
        number="12",
        position=12,
        title="Operational Summary",
        exempt=True,
        exempt_reason="Paragraph 7 of Schedule 12A",
        description=f"Description {SECRET}",
    )
    DocumentFactory(meeting=meeting, agenda_item=exempt_item, title=f"Paper {SECRET}")
    exempt_minute = MinuteFactory(meeting=meeting, agenda_item=exempt_item, number=40)
    ResolutionFactory(minute=exempt_minute, text=f"Resolution {SECRET}")

    private_meeting = MeetingFactory(
        published=True,
        body=body,
        session=Meeting.Session.PRIVATE,
        minutes_published_at=PUBLISHED_AT,
        title=f"Private {SECRET}",
    )
    AgendaItemFactory(meeting=private_meeting, title=f"Private item {SECRET}")
    DocumentFactory(meeting=private_meeting, title=f"Private paper {SECRET}")
    unpublished_meeting = MeetingFactory(body=body, title=f"Unpublished {SECRET}")
    AgendaItemFactory(meeting=unpublished_meeting, title=f"Unpublished item {SECRET}")
    AttendanceFactory(
        meeting=private_meeting, person=PersonFactory(display_name=f"Officer {SECRET}")
    )

    author = make_user(f"{prefix}-author", None)
    tracked = TrackedItemFactory(
        body=body, meeting=meeting, resolution=resolution, title="Written response on the plan"
    )
    response = ResponseFactory(
        item=tracked,
        author=author,
        status=Response.Status.ACCEPTED,
        submitted_at=PUBLISHED_AT,
        body="The Commissioner will include the figures.",
    )
    review = Review.objects.create(
        response=response,
        outcome=Review.Outcome.ACCEPTED,
        reviewer=author,
        reason=f"Reason {SECRET}",
    )
    drafted = TrackedItemFactory(body=body, meeting=meeting, title="Figures on e-scooters")
    ResponseFactory(item=drafted, author=author, status=Response.Status.DRAFT, body=SECRET)
    TrackedItemFactory(body=body, is_public=False, title=f"Private item {SECRET}")
    award = published_award(decision__decided_on=datetime.date(2024, 12, 2))
    return Record(
        body=body,
        meeting=meeting,
        item=item,
        exempt_item=exempt_item,
        report=report,
        appendix=appendix,
        private_meeting=private_meeting,
        unpublished_meeting=unpublished_meeting,
        person=person,
        membership=membership,
        tracked=tracked,
        response=response,
        review=review,
        award=award,
    )


@pytest.fixture
def record(db) -> Record:
    return build_record()
