"""The API's selectors: each gives what the public may read, and leaves the rest out."""

from __future__ import annotations

import pytest
from django.utils import timezone

from api import selectors
from meetings.models import Document, Meeting
from tests.grants.factories import AwardFactory
from tests.meetings.factories import BodyFactory, DocumentFactory, MeetingFactory, PersonFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


def test_bodies_memberships_and_people_are_those_of_public_meetings(record):
    hidden = BodyFactory(name="Office of the PCC", slug="opcc")
    MeetingFactory(body=hidden)  # never published
    assert list(selectors.bodies()) == [record.body]
    assert list(selectors.memberships()) == [record.membership]
    people = selectors.people()
    assert list(people) == [record.person]
    assert people[0].public_memberships == [record.membership]
    assert list(selectors.people_of_body(people, record.body.pk)) == [record.person]
    assert list(selectors.people_of_body(people, hidden.pk)) == []
    PersonFactory(display_name="Named nowhere public")
    assert selectors.people().count() == 1


def test_organisations_are_those_the_public_record_names(record):
    names = {o.name for o in selectors.organisations()}
    assert names == {"pcp County Council", record.award.application.organisation.name}
    unpublished = AwardFactory()  # its round has not reached "awards made"
    assert unpublished.application.organisation.name not in {
        o.name for o in selectors.organisations()
    }
    of_body = selectors.organisations_of_body(selectors.organisations(), record.body.pk)
    assert [o.name for o in of_body] == ["pcp County Council"]


def test_files_are_the_public_papers_of_public_meetings(record):
    titles = {d.title for d in selectors.files()}
    assert titles == {"Draft plan report", "Appendix A", "Supplementary note"}
    DocumentFactory(meeting=record.meeting, title="Withdrawn", withdrawn_at=timezone.now())
    DocumentFactory(meeting=record.meeting, title="Pack", kind=Document.Kind.AGENDA_PACK)
    assert {d.title for d in selectors.files()} == titles


def test_agenda_items_carry_their_published_resolutions(record):
    items = {i.number: i for i in selectors.agenda_items()}
    assert set(items) == {"5", "12"}  # neither the private nor the unpublished meeting's
    assert items["5"].has_paper and not items["12"].has_paper
    texts = [r.text for m in items["5"].public_minutes for r in m.public_resolutions]
    assert texts == ["That the PCC be requested to submit a written response."]
    assert [r for m in items["12"].public_minutes for r in m.public_resolutions] == []


def test_meetings_are_public_ones_with_their_agenda_and_own_papers(record):
    meeting = selectors.meetings().get()
    assert meeting == record.meeting
    assert [i.number for i in meeting.agenda] == ["5", "12"]
    assert [d.title for d in meeting.auxiliary_files] == ["Supplementary note"]


def test_papers_are_items_with_public_papers_the_report_first(record):
    paper = selectors.papers().get()
    assert paper == record.item
    assert selectors.paper_main_file(paper) == record.report
    assert [f.title for f in paper.public_files] == ["Draft plan report", "Appendix A"]


def test_a_meeting_s_packs_follow_what_it_has_published(record):
    packs = selectors.meeting_packs(record.meeting)
    assert set(packs) == {"invitation", "resultsProtocol"}
    assert packs["resultsProtocol"].original_filename == "minutes-2024-10-28.pdf"
    agenda_only = MeetingFactory(body=record.body, published=True)
    assert set(selectors.meeting_packs(agenda_only)) == {"invitation"}
    with pytest.raises(Meeting.DoesNotExist):
        selectors.meeting_pack(meeting_pk=agenda_only.pk, role="resultsProtocol")
    with pytest.raises(Meeting.DoesNotExist):
        selectors.meeting_pack(meeting_pk=record.private_meeting.pk, role="invitation")


def test_the_tracker_s_public_items_responses_and_reviews(record):
    items = selectors.tracked_items()
    assert {i.title for i in items} == {"Written response on the plan", "Figures on e-scooters"}
    answered = items.get(pk=record.tracked.pk)
    assert answered.public_responses == [record.response]
    assert list(selectors.responses()) == [record.response]  # never the draft
    assert list(selectors.reviews()) == [record.review]
    assert selectors.meeting_is_public(record.meeting)
    assert not selectors.meeting_is_public(record.private_meeting)
    assert not selectors.meeting_is_public(None)
    TrackedItemFactory(body=record.body, withdrawn_at=timezone.now(), withdrawn_reason="Spent")
    assert selectors.tracked_items().count() == 2


def test_grants_are_the_published_awards(record):
    AwardFactory()
    assert list(selectors.grants()) == [record.award]


def test_the_system_is_the_current_panel(record, panel):
    assert selectors.system_panel() == panel
