"""Publishing an agenda queues the public agenda pack to be built once the change commits."""

from __future__ import annotations

import pytest

from meetings.models import Document
from meetings.services import agenda_publish
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_publishing_builds_the_agenda_pack_after_commit(users, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Police and Crime Commissioner's Update")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        agenda_publish(meeting=meeting, actor=users["democratic"])
    # Only the build waits for the commit: the tracked items are published in the transaction
    # (scrutiny.services.meeting_agenda_publish), not by a receiver told after it. (The public
    # page cache also hears of the commit: core.public_cache.)
    work = [c for c in callbacks if getattr(c, "func", c).__module__ != "core.public_cache"]
    assert len(work) == 1
    pack = Document.objects.get(meeting=meeting, kind=Document.Kind.AGENDA_PACK)
    assert pack.file.read().startswith(b"%PDF")
