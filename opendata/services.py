"""Building the bulk downloads, and queueing their rebuilds through the outbox.

How a change is noticed: `exports_queue_stale`, run by beat every five minutes, compares the
state each export was built from with the state of the records now (`selectors.source_states`:
row counts and latest `updated_at` of every source model, per panel) and queues a rebuild of
each export that differs. Chosen over `post_save` receivers because it cannot miss a change,
however it was made (a service, the admin, an import, a bulk create, a delete, a deploy that
changes the columns), and it adds nothing to the request that saves. A rebuild's outbox key is
the pair (state built, state now), so a burst of changes, however many checks see it before the
worker gets to it, queues one rebuild. Each night every export is rebuilt whatever its state,
for a change that touched no timestamp (raw SQL, a changed rule). A rebuild whose bytes are the
same (a change to records the public does not see) keeps its file, date and ETag.

A download never builds in its request: with no export yet, it queues one and says so. Without
a broker (eager mode) queued work runs on commit, so there the build runs then.
"""

from __future__ import annotations

import datetime
import hashlib
import tempfile
from typing import IO

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage, Panel
from core.outbox import outbox_enqueue
from core.tenancy import panel_scope
from opendata import selectors, tasks  # the module: opendata.tasks imports these in turn
from opendata.archive import SCHEMA, archive_write
from opendata.models import OpenDataExport
from opendata.selectors import SourceState

# A build is written to memory up to this size, then to a temporary file.
SPOOL_BYTES = 16 * 1024 * 1024


def _scope(panel: Panel | None) -> str:
    return f"panel:{panel.pk}" if panel is not None else "national"


def export_filename(panel: Panel | None) -> str:
    """The name a download is saved as."""
    return f"{panel.slug if panel is not None else 'national'}-open-data.zip"


# --- Building -----------------------------------------------------------------------------------


def export_build(*, panel: Panel | None, force: bool = False) -> OpenDataExport:
    """Build the bulk download of `panel` (None: the national one) unless the records are as
    they were at the last build (`force`: build anyway). Safe to run twice: the second run finds
    the export current and builds nothing, and a build of unchanged records keeps its file."""
    state = selectors.source_states(schema=SCHEMA)[panel.pk if panel is not None else None]
    current = selectors.export_current(panel=panel)
    if current is not None and current.source_state == state.digest and not force:
        return current
    # The state is read before the records: a change made during the build leaves the export
    # behind the records, and the next check rebuilds it.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        archive_write(spool, panel=panel)
        size = spool.tell()
        spool.seek(0)
        digest = _sha256(spool)
        spool.seek(0)
        return _export_store(panel=panel, content=spool, size=size, sha256=digest, state=state)


def _sha256(content: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: content.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


@transaction.atomic
def _export_store(
    *, panel: Panel | None, content: IO[bytes], size: int, sha256: str, state: SourceState
) -> OpenDataExport:
    export = OpenDataExport.objects.select_for_update(of=("self",)).filter(panel=panel).first()
    if export is not None and export.sha256 == sha256 and selectors.export_file_present(export):
        export.source_state, export.source_modified = state.digest, state.modified
        export.save(update_fields=["source_state", "source_modified"])
        return export
    replaced = export.file.name if export is not None and export.file else ""
    export = export or OpenDataExport(panel=panel)
    name = f"{panel.slug if panel is not None else 'national'}-{sha256[:16]}.zip"
    export.file.save(name, File(content), save=False)
    export.size, export.sha256, export.built_at = size, sha256, timezone.now()
    export.source_state, export.source_modified = state.digest, state.modified
    export.save()
    if replaced and replaced != export.file.name:
        storage = export.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return export


# --- Queueing -----------------------------------------------------------------------------------


def _enqueue(panel: Panel | None, *, key: str, force: bool = False) -> OutboxMessage:
    args = [panel.pk if panel is not None else None, force]
    if panel is None:
        return outbox_enqueue(task=tasks.export_rebuild, args=args, key=key)
    with panel_scope(panel):  # recorded with the panel it is for (the admin shows it)
        return outbox_enqueue(task=tasks.export_rebuild, args=args, key=key)


@transaction.atomic
def exports_queue_stale() -> int:
    """Queue a rebuild of every export whose records changed since it was built, and a first
    build of every panel (and the nation) without one; returns how many are stale."""
    states = selectors.source_states(schema=SCHEMA)
    built: dict[int | None, str] = dict(
        OpenDataExport.objects.values_list("panel_id", "source_state")
    )
    panels = Panel.objects.in_bulk()
    stale = 0
    for panel_id, state in states.items():
        was = built.get(panel_id)
        if was == state.digest:
            continue
        panel = panels[panel_id] if panel_id is not None else None
        key = f"opendata:{_scope(panel)}:{(was or 'none')[:16]}:{state.digest[:16]}"
        _enqueue(panel, key=key)
        stale += 1
    return stale


@transaction.atomic
def exports_queue_all(*, today: datetime.date | None = None) -> int:
    """The nightly safety net: rebuild every export (and the nation's) whatever its state."""
    today = today or timezone.localdate()
    scopes: list[Panel | None] = [*Panel.objects.order_by("pk"), None]
    for panel in scopes:
        _enqueue(panel, key=f"opendata:{_scope(panel)}:nightly:{today.isoformat()}", force=True)
    return len(scopes)


def export_request(*, panel: Panel | None, force: bool = False) -> OutboxMessage:
    """A reader asked for a download that is not there (never built, or its file lost): queue
    a build, at most one a minute however many ask."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    return _enqueue(panel, key=f"opendata:{_scope(panel)}:requested:{minute}", force=force)
