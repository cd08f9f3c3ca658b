"""imports 0001-0002 and meetings 0006: ImportJob moves from meetings to imports. Its rows stay in
their table and what points at it by content type (its events) follows it, both ways."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import DomainEvent

BEFORE = [("meetings", "0004_import_job"), ("imports", None)]
WHEN = datetime.datetime(2025, 2, 3, 10, 0, tzinfo=datetime.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_import_jobs_and_their_events_move_to_the_imports_app_and_back():
    after = _leaves()
    try:
        old = _migrate(BEFORE)
        body = old.get_model("meetings", "Body").objects.create(slug="pcp", name="Panel")
        job = old.get_model("meetings", "ImportJob").objects.create(
            filename="minutes.txt", sha256="a" * 64, body=body, file="imports/minutes.txt"
        )
        # core and contenttypes are not migrated back: their current models fit their tables.
        old_type, _ = ContentType.objects.get_or_create(app_label="meetings", model="importjob")
        DomainEvent.objects.create(
            content_type_id=old_type.pk,
            object_id=job.pk,
            verb="import.uploaded",
            summary="minutes.txt uploaded for import into Panel.",
            occurred_at=WHEN,
        )

        new = _migrate(after)
        moved = new.get_model("imports", "ImportJob").objects.get()
        assert (moved.pk, moved.filename, moved.body_id) == (job.pk, "minutes.txt", body.pk)
        new_type = ContentType.objects.get(app_label="imports", model="importjob")
        event = DomainEvent.objects.get()
        assert (event.content_type_id, event.object_id) == (new_type.pk, job.pk)

        old = _migrate(BEFORE)
        assert old.get_model("meetings", "ImportJob").objects.get().pk == job.pk
        back = ContentType.objects.get(app_label="meetings", model="importjob")
        assert DomainEvent.objects.get().content_type_id == back.pk
    finally:
        _migrate(after)
        ContentType.objects.clear_cache()
