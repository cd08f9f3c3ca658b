"""Rebuilt by the worker on change: a change queues one rebuild through the outbox, running it
twice builds once, and the nightly job rebuilds whatever the state."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from core.models import OutboxMessage
from core.outbox import outbox_message_run
from core.tenancy import panel_scope
from opendata import services
from opendata.models import OpenDataExport
from opendata.services import export_build, exports_queue_all, exports_queue_stale
from tests.opendata.helpers import export_members, public_meeting

pytestmark = pytest.mark.django_db
TASK = "opendata.tasks.export_rebuild"


def rebuilds(**scope) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(task=TASK, **scope).order_by("pk"))


@pytest.fixture
def built(panel):
    """The panel's and the national exports, current; a public meeting in them."""
    meeting = public_meeting("qzpublicqz")
    export_build(panel=panel)
    export_build(panel=None)
    return meeting


@pytest.fixture
def archive_writes():
    """How many times a build actually wrote a ZIP."""
    with mock.patch.object(services, "archive_write", wraps=services.archive_write) as write:
        yield write


def test_with_nothing_changed_nothing_is_queued(built):
    assert exports_queue_stale() == 0
    assert rebuilds() == []


def test_a_burst_of_changes_queues_exactly_one_rebuild(built, panel):
    for title in ("First", "Second", "Third"):
        built.title = title
        built.save()
    assert exports_queue_stale() == 2  # the panel's and the national export
    assert exports_queue_stale() == 2  # seen again by the next check: still one each
    panel_build, national_build = rebuilds()
    assert (panel_build.args, panel_build.panel_id) == ([panel.pk, False], panel.pk)
    assert national_build.args == [None, False]


def test_running_the_rebuild_twice_builds_once(built, panel, archive_writes):
    built.title = "Renamed"
    built.save()
    exports_queue_stale()
    message = rebuilds(panel=panel)[0]
    outbox_message_run(message_id=message.pk)
    outbox_message_run(message_id=message.pk)  # redelivered: the row is done
    assert archive_writes.call_count == 1
    export = OpenDataExport.objects.get(panel=panel)
    assert "Renamed" in export_members(export)["meetings.csv"]
    # The task itself, run again without the outbox, finds the export current.
    services.tasks.export_rebuild(panel.pk)
    assert archive_writes.call_count == 1
    assert exports_queue_stale() == 1  # only the national export is still behind


def test_a_later_change_queues_a_new_rebuild(built, panel):
    built.title = "Renamed"
    built.save()
    exports_queue_stale()
    for message in rebuilds():
        outbox_message_run(message_id=message.pk)
    built.title = "Renamed again"
    built.save()
    assert exports_queue_stale() == 2
    assert len(rebuilds()) == 4
    assert len({m.key for m in rebuilds()}) == 4


def test_a_deleted_record_is_noticed(built, panel):
    built.documents.first().delete()
    assert exports_queue_stale() == 2


def test_a_change_in_another_panel_rebuilds_that_panel_and_the_nation_only(
    built, panel, other_panel
):
    with panel_scope(other_panel):
        export_build(panel=other_panel)
    export_build(panel=None)
    with panel_scope(other_panel):
        public_meeting("qznorthqz")
    assert exports_queue_stale() == 2
    assert {m.args[0] for m in rebuilds()} == {other_panel.pk, None}


def test_a_panel_never_built_is_queued_a_first_build(panel):
    assert exports_queue_stale() == 2
    assert {m.args[0] for m in rebuilds()} == {panel.pk, None}


def test_in_eager_mode_the_queued_build_runs_on_commit(panel, django_capture_on_commit_callbacks):
    public_meeting("qzpublicqz")
    with django_capture_on_commit_callbacks(execute=True):
        exports_queue_stale()
    assert OpenDataExport.objects.count() == 2
    assert all(m.done_at is not None for m in rebuilds())


def test_the_nightly_job_rebuilds_every_export_once_a_night(built, panel, archive_writes):
    assert exports_queue_all() == 2
    assert exports_queue_all() == 2
    nightly = rebuilds()
    assert len(nightly) == 2 and all(m.args[1] is True for m in nightly)
    for message in nightly:
        outbox_message_run(message_id=message.pk)
    assert archive_writes.call_count == 2  # forced, though nothing changed


def test_the_schedules_are_installed():
    call_command("install_schedules", stdout=mock.Mock())
    refresh = PeriodicTask.objects.get(task="opendata.tasks.exports_refresh")
    assert refresh.crontab.minute == "*/5" and refresh.crontab.hour == "*"
    nightly = PeriodicTask.objects.get(task="opendata.tasks.exports_rebuild_nightly")
    assert nightly.crontab.hour == "2"
