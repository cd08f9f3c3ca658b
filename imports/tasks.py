"""Background jobs for importing minutes: thin wrappers over imports.parsing."""

from __future__ import annotations

from celery import shared_task

from imports.batches import import_job_warnings_add
from imports.parsing import import_job_parse


# The name it had in the meetings app: outbox rows store a task by name, and rows queued before
# the move must still find it.
@shared_task(name="meetings.tasks.import_parse", acks_late=True)
def import_parse(job_id: int) -> str | None:
    """Read and parse an uploaded file of minutes, updating the job's progress as it goes.

    Queued through the outbox by `imports.jobs.import_job_create`. Safe to run twice (a resent
    or redelivered message): a job already parsed, failed or committed is left alone.
    """
    job = import_job_parse(job_id=job_id)
    return job.status if job is not None else None


@shared_task(name="imports.tasks.import_batch_parse", acks_late=True)
def import_batch_parse(job_id: int, warnings: list[str]) -> str | None:
    """Parse one file of a batch as `import_parse` does, then add what the batch knows of it
    (`warnings`, e.g. an item page imported without its meeting) to the parser's warnings.

    Queued through the outbox by `imports.jobs.import_batch_create`, one task per file, so a
    file that fails fails alone. Safe to run twice, as both steps are.
    """
    job = import_job_parse(job_id=job_id)
    if job is not None and warnings:
        job = import_job_warnings_add(job_id=job_id, warnings=warnings)
    return job.status if job is not None else None
