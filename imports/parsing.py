"""The Celery task's body: read and parse an uploaded file, saving progress as it goes.

The job moves queued → parsing → parsed, or to failed with a message for the officer. Safe to
run twice (a resent or redelivered message): a job no longer queued or parsing is left alone.
"""

from __future__ import annotations

import logging

from django.db import transaction

from core.readers import ReadError, read_bytes
from imports.models import ImportJob
from imports.parser import parse
from imports.results import result_from
from imports.transitions import job_locked, job_move

logger = logging.getLogger(__name__)

Status = ImportJob.Status

JOB_NO_MINUTES = "No minute items were found in {name}: is it a set of minutes?"
JOB_UNEXPECTED = "The file could not be read ({reason}); nothing was imported."

PROGRESS_READING = 10
PROGRESS_PARSING = 40
PROGRESS_REVIEWING = 80
PROGRESS_DONE = 100


def _progress(job_id: int, *, progress: int) -> None:
    """Save how far the task has got; a job another run has finished is left alone."""
    with transaction.atomic():
        job = job_locked(job_id)
        if job.status == Status.PARSING:
            job.progress = progress
            job.save(update_fields=["progress", "updated_at"])


def _fail(job_id: int, message: str) -> ImportJob:
    with transaction.atomic():
        job = job_locked(job_id)
        if job.status != Status.PARSING:  # another run finished first
            return job
        job_move(job, Status.FAILED, action="marked failed", actor=None, reason=message, save=False)
        job.error = message
        job.progress = PROGRESS_DONE
        job.save(update_fields=["status", "error", "progress", "updated_at"])
    return job


def import_job_parse(*, job_id: int) -> ImportJob | None:
    """Read and parse the job's file, saving progress as it goes. Safe to run twice: a job that
    is no longer queued or parsing is left as it is. Never raises on a bad file."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_running:
            return job
        job_move(job, Status.PARSING, action="parsed", actor=None, save=False)
        job.progress = PROGRESS_READING
        job.error = ""
        job.save(update_fields=["status", "progress", "error", "updated_at"])
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        source = read_bytes(content, name=job.filename)
        _progress(job_id, progress=PROGRESS_PARSING)
        document = parse(source.text)
        if not document.items:
            return _fail(job_id, JOB_NO_MINUTES.format(name=job.filename))
        _progress(job_id, progress=PROGRESS_REVIEWING)
        result = result_from(document, source.text, kind=source.kind)
    except ReadError as error:
        return _fail(job_id, str(error))
    except Exception as error:  # a file must never leave the job stuck or crash the worker
        logger.exception("import job %s failed", job_id)
        return _fail(job_id, JOB_UNEXPECTED.format(reason=type(error).__name__))
    with transaction.atomic():
        job = job_locked(job_id)
        if job.status != Status.PARSING:  # another run finished first
            return job
        job_move(job, Status.PARSED, action="parsed", actor=None, save=False)
        job.progress = PROGRESS_DONE
        job.result = result
        job.save(update_fields=["status", "progress", "result", "updated_at"])
    return job
