"""Background jobs for the meetings app: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task
from django.core.exceptions import ValidationError

from meetings.models import Meeting


@shared_task(acks_late=True)
def meeting_pdf_build(meeting_id: int, kind: str) -> int | None:
    """Render and store a public agenda pack or minutes PDF; returns the Document id.

    Queued through the outbox by `meetings.services._common.pdf_build_on_commit`, in the
    publishing transaction. Safe to run twice (a resent or redelivered message): an identical
    rendering is not stored again.
    """
    from meetings.services.publishing import meeting_pdf_store

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return None
    try:
        return meeting_pdf_store(meeting=meeting, kind=kind).pk
    except ValidationError:
        # Not (or no longer) public: nothing to publish, and retrying would not change that.
        return None


@shared_task(acks_late=True)
def import_parse(job_id: int) -> str | None:
    """Read and parse an uploaded file of minutes, updating the job's progress as it goes.

    Queued through the outbox by `meetings.importer.jobs.import_job_create`. Safe to run twice
    (a resent or redelivered message): a job already parsed, failed or committed is left alone.
    """
    from meetings.importer.jobs import import_job_parse

    job = import_job_parse(job_id=job_id)
    return job.status if job is not None else None
