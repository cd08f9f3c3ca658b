"""Background jobs for the bulk download: thin wrappers over `opendata.services`."""

from __future__ import annotations

from celery import shared_task

from core.models import Panel
from opendata import services  # the module: opendata.services imports these tasks in turn


@shared_task(acks_late=True, ignore_result=True)
def export_rebuild(panel_id: int | None, force: bool = False) -> int | None:
    """Build the panel's bulk download (None: the national one) if its records changed since
    the last build; returns the export's id. Queued through the outbox (opendata.services);
    safe to run twice, as the second run finds the export current."""
    panel = None
    if panel_id is not None:
        panel = Panel.objects.filter(pk=panel_id).first()
        if panel is None:  # the panel is gone, and its export with it
            return None
    return services.export_build(panel=panel, force=force).pk


@shared_task(acks_late=True, ignore_result=True)
def exports_refresh() -> int:
    """Queue a rebuild of each export whose records changed (every five minutes, by beat)."""
    return services.exports_queue_stale()


@shared_task(acks_late=True, ignore_result=True)
def exports_rebuild_nightly() -> int:
    """Rebuild every export whatever its state (each night, the safety net)."""
    return services.exports_queue_all()
