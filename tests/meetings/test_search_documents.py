"""The stored search documents follow every change of the text they are made of: the services,
a save of only some fields (the importer's), and a bulk load rebuilt afterwards. On SQLite the
search reads the text itself, so the same tests check the same finds there."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from meetings import services
from meetings.models import Meeting, Minute, Resolution
from meetings.search import meeting_ids_matching, search_documents_rebuild
from tests.meetings.factories import AgendaItemFactory, MinuteFactory
from tests.meetings.portal import published_minutes_meeting

pytestmark = pytest.mark.django_db


def found(query: str) -> set[int]:
    return set(meeting_ids_matching(query))


@pytest.fixture
def meeting() -> Meeting:
    # Held, with its minutes published: minutes may still be changed, and the public finds them.
    return published_minutes_meeting(status=Meeting.Status.MINUTES_DRAFT)


def test_a_minute_changed_is_found_by_its_new_words_only(users, meeting):
    minute = services.minute_create(
        meeting=meeting, actor=users["democratic"], number=1, title="Estates strategy"
    )
    assert found("estates") == {meeting.pk}
    services.minute_update(
        minute=minute,
        actor=users["democratic"],
        number=1,
        title="Victims' services",
        preamble="The Panel considered the commissioning of victims' services.",
    )
    assert found("estates") == set()
    assert found("commissioning") == {meeting.pk}


def test_points_and_resolutions_added_are_found(users, meeting):
    minute = MinuteFactory(meeting=meeting, title="Precept")
    services.minute_point_add(minute=minute, actor=users["democratic"], text="Drones were noted.")
    services.resolution_add(
        minute=minute,
        actor=users["democratic"],
        text="That the helicopter bid be supported.",
        kind=Resolution.Kind.ENDORSE,
    )
    assert found("drones") == found("helicopter") == {meeting.pk}


def test_a_save_of_some_fields_rewrites_the_document(meeting):
    # As the importer writes a minute's narrative after creating it.
    minute = MinuteFactory(meeting=meeting, title="Update")
    minute.body_text = "Mounted patrols in the city centre."
    minute.save(update_fields=["body_text", "updated_at"])
    assert found("patrols") == {meeting.pk}
    minute.refresh_from_db()
    if connection.vendor == "postgresql":
        assert "patrol" in minute.search_document
    else:
        assert minute.search_document is None  # unused on SQLite


def test_an_agenda_item_changed_is_found(users):
    draft = published_minutes_meeting(
        status=Meeting.Status.AGENDA_PUBLISHED, date=datetime.date(2031, 1, 6)
    )
    item = AgendaItemFactory(meeting=draft, title="Annual report")
    services.agenda_item_update(
        item=item,
        actor=users["democratic"],
        title="Annual report",
        kind=item.kind,
        report_by="",
        description="Knife crime in the county.",
        page_start=None,
        page_end=None,
        paper_status=item.paper_status,
        exempt=False,
        exempt_reason="",
        change_note="Description added.",
    )
    assert found("knife") == {draft.pk}


def test_rows_loaded_in_bulk_are_found_once_rebuilt(meeting):
    Minute.objects.bulk_create(
        [Minute(meeting=meeting, body=meeting.body, municipal_year=2024, number=9, title="Cyber")]
    )
    rebuilt = search_documents_rebuild(Minute.objects.filter(meeting=meeting))
    assert rebuilt == (1 if connection.vendor == "postgresql" else 0)
    assert found("cyber") == {meeting.pk}
