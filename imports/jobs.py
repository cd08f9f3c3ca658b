"""The web upload journey: upload → parse in a Celery task (with progress) → review → commit.

An `ImportJob` moves queued → parsing → parsed → committed, or to failed or rejected, through
`IMPORT_JOB_STATUS` (imports.models) and `imports.transitions.job_move`. The task's part is in
imports.parsing; the officer's (upload, review, commit, reject) is here. Committing writes the
draft meeting and minutes through `minutes_import` (imports.services) and the accepted tracked
items through `scrutiny.services.item_create`, all in one transaction: if anything is refused,
nothing is written and the job stays ready for review with the reason. Nothing is published:
the minutes are drafts until staff publish them from the meeting's page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import textwrap
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.outbox import outbox_enqueue
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from imports.batches import (
    ARCHIVE_MAX_TOTAL_BYTES,
    SKIP_DUPLICATE,
    ArchiveError,
    BatchFiles,
    archive_read,
    batch_skip_reasons,
    sha256_of,
)
from imports.models import ImportBatch, ImportJob
from imports.moderngov import ImportFile
from imports.results import date_from_iso, document_from, to_iso
from imports.selectors import import_batch_ready_jobs
from imports.services import import_already_done, minute_numbers, minutes_import
from imports.tasks import import_batch_parse, import_parse
from imports.transitions import JOB_ILLEGAL_MOVE, job_locked, job_move
from meetings.models import Body, Meeting
from scrutiny.models import TrackedItem
from scrutiny.services import item_create

logger = logging.getLogger(__name__)

Status = ImportJob.Status

UPLOAD_EXTENSIONS = ("txt", "html", "htm", "docx", "pdf")
UPLOAD_BAD_EXTENSION = "Upload a .txt, .html, .docx or .pdf file (this is a .{ext} file)."
UPLOAD_NO_EXTENSION = "Upload a .txt, .html, .docx or .pdf file; this file has no extension."
UPLOAD_TOO_LARGE = "The file is {size} MB; files over {limit} MB cannot be imported."
UPLOAD_EMPTY = "The file is empty."
UPLOAD_ALREADY_COMMITTED = (
    "This file has already been imported, as the draft minutes of the meeting of {date}; "
    "nothing new was created."
)
UPLOAD_IN_PROGRESS = "This file is already being imported; here is that import."
JOB_DUE_DATE_REQUIRED = "Give a due date for each accepted tracked item ({label})."
JOB_ADDRESSEE_REQUIRED = "Say who each accepted tracked item is addressed to ({label})."
BATCH_UPLOAD_TOO_LARGE = (
    "The archive is {size} MB; archives over {limit} MB cannot be imported: split it into "
    "smaller ones."
)
BATCH_COMMIT_FAILED = "It could not be saved ({reason}); nothing of it was written."
# The stored file's name is cut to fit the FileField (100 characters with its folders).
STORED_NAME_STEM = 60


class AlreadyImported(ValidationError):
    """The file was committed before; `meeting` is what it became (None if not found)."""

    def __init__(self, message: str, meeting: Meeting | None) -> None:
        super().__init__(message)
        self.meeting = meeting


def import_previous_meeting(*, sha256: str) -> tuple[bool, Meeting | None]:
    """Was a file with this checksum committed, by this journey or the command, and into what?"""
    job = (
        ImportJob.objects.filter(sha256=sha256, status=Status.COMMITTED)
        .select_related("meeting")
        .first()
    )
    if job is not None:
        return True, job.meeting
    event = import_already_done(sha256=sha256)
    if event is not None:
        return True, Meeting.objects.filter(pk=event.object_id).first()
    return False, None


# --- Upload ----------------------------------------------------------------------------------


def upload_check(upload: UploadedFile) -> None:
    """The file's name and size; its contents are the task's business."""
    name = upload.name or ""
    ext = PurePath(name).suffix.lower().lstrip(".")
    if not ext:
        raise ValidationError({"file": UPLOAD_NO_EXTENSION})
    if ext not in UPLOAD_EXTENSIONS:
        raise ValidationError({"file": UPLOAD_BAD_EXTENSION.format(ext=ext)})
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": UPLOAD_TOO_LARGE.format(
                    size=round(upload.size / 1024 / 1024, 1), limit=round(limit / 1024 / 1024)
                )
            }
        )
    if not upload.size:
        raise ValidationError({"file": UPLOAD_EMPTY})


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def import_job_create(*, actor: Actor, body: Body, upload: UploadedFile) -> tuple[ImportJob, bool]:
    """Store the upload and queue its parsing. Returns (job, created): the same file already on
    its way gives back that job; a file already committed is refused, naming its meeting."""
    ensure_allowed(can_manage_meetings, actor)
    upload_check(upload)
    sha256 = _sha256(upload)
    done, meeting = import_previous_meeting(sha256=sha256)
    if done:
        raise AlreadyImported(
            UPLOAD_ALREADY_COMMITTED.format(
                date=date_long(meeting.date) if meeting else "a meeting since removed"
            ),
            meeting,
        )
    open_job = (
        ImportJob.objects.filter(
            sha256=sha256, body=body, status__in=[Status.QUEUED, Status.PARSING, Status.PARSED]
        )
        .order_by("-created_at")
        .first()
    )
    if open_job is not None:
        return open_job, False
    filename = PurePath(upload.name or "upload").name[:255]
    job = ImportJob(
        filename=filename,
        sha256=sha256,
        body=body,
        created_by=actor if actor.is_authenticated else None,
    )
    job.file.save(filename, upload, save=False)
    job.full_clean()
    job.save()
    event_record(
        subject=job,
        verb=EventType.IMPORT_UPLOADED,
        actor=actor,
        summary=f"{filename} uploaded for import into {body.name}.",
        data={"sha256": sha256},
    )
    _parse_later(job)
    return job, True


def _parse_later(job: ImportJob) -> None:
    """Queue the parse with the job, in its transaction: sent after commit, and sent again by
    the outbox sweep until it has run (the task is safe to run twice)."""
    outbox_enqueue(task=import_parse, args=[job.pk], key=f"import_parse:{job.pk}")


# --- Review ----------------------------------------------------------------------------------


def _editable(job: ImportJob, actor: Actor) -> None:
    ensure_allowed(can_manage_meetings, actor)
    if job.status != Status.PARSED:
        raise ValidationError(
            JOB_ILLEGAL_MOVE.format(status=job.get_status_display().lower(), action="changed")
        )


@transaction.atomic
def import_job_review_save(*, job: ImportJob, actor: Actor, review: dict[str, Any]) -> ImportJob:
    """Keep the officer's corrections. `review` is the review form's cleaned data: "meeting"
    (date, start_time, end_time, venue), "items" {index: {"title", "points": {j: text},
    "resolutions": {j: text}}} and "suggestions" {key: {"accepted", "addressee", "due_date",
    "recurrence"}}."""
    job = job_locked(job.pk)
    _editable(job, actor)
    result = job.result
    meeting = review.get("meeting", {})
    for field in ("date", "start_time", "end_time"):
        if field in meeting:
            result["meeting"][field] = to_iso(meeting[field])
    if "venue" in meeting:
        result["meeting"]["venue"] = meeting["venue"] or None
    for index, changes in review.get("items", {}).items():
        item = result["items"][int(index)]
        if changes.get("title"):
            item["title"] = changes["title"].strip()
        for kind in ("points", "resolutions"):
            for j, text in changes.get(kind, {}).items():
                if text and text.strip():
                    item[kind][int(j)]["text"] = text.strip()
    by_key = {s["key"]: s for s in result["suggestions"]}
    for key, choice in review.get("suggestions", {}).items():
        suggestion = by_key.get(key)
        if suggestion is None:
            continue
        suggestion["accepted"] = bool(choice.get("accepted"))
        suggestion["addressee"] = choice.get("addressee") or ""
        suggestion["due_date"] = to_iso(choice.get("due_date"))
        suggestion["recurrence"] = choice.get("recurrence") or suggestion.get("recurrence", "none")
        if suggestion["kind"] == "resolution":
            # The clause text may have been corrected above: the tracked item quotes it.
            item = result["items"][suggestion["item"]]
            suggestion["text"] = item["resolutions"][suggestion["index"]]["text"]
    job.result = result
    job.save(update_fields=["result", "updated_at"])
    return job


def import_write(
    *,
    result: dict[str, Any],
    body: Body,
    actor: Actor,
    sha256: str,
    filename: str,
    content: bytes | None,
) -> tuple[Meeting, list[str]]:
    """Write the draft meeting and minutes of a parse `result`, then the accepted suggestions as
    tracked items. Run inside the caller's transaction: a refusal anywhere writes nothing."""
    accepted = [s for s in result["suggestions"] if s["accepted"]]
    for suggestion in accepted:
        if not suggestion.get("addressee"):
            raise ValidationError(JOB_ADDRESSEE_REQUIRED.format(label=suggestion["label"]))
        if not suggestion.get("due_date"):
            raise ValidationError(JOB_DUE_DATE_REQUIRED.format(label=suggestion["label"]))
    meeting = minutes_import(
        document=document_from(result),
        body=body,
        actor=actor,
        sha256=sha256,
        filename=filename,
        content=content,
    )
    minutes = {m.number: m for m in meeting.minutes.prefetch_related("points", "resolutions")}
    numbers = minute_numbers([(i["number"], i.get("agenda_item")) for i in result["items"]])
    created = []
    for suggestion in accepted:
        minute = minutes[numbers[suggestion["item"]]]
        extra: dict[str, Any] = {}
        if suggestion["kind"] == "resolution":
            extra["resolution"] = list(minute.resolutions.all())[suggestion["index"]]
        elif suggestion.get("point") is not None:
            extra["minute_point"] = list(minute.points.all())[suggestion["point"]]
        else:
            extra.update(
                body=meeting.body,
                raised_on=meeting.date,
                source_document=f"Minutes of {date_long(meeting.date)}, minute {minute.number}",
                reference_suffix=f"{minute.number}A",
            )
        tracked = item_create(
            actor=actor,
            title=textwrap.shorten(suggestion["text"], width=120, placeholder="…"),
            text=suggestion["text"],
            addressee=suggestion["addressee"],
            due_date=date_from_iso(suggestion["due_date"]),
            recurrence=suggestion.get("recurrence") or TrackedItem.Recurrence.NONE,
            **extra,
        )
        created.append(tracked.reference)
    return meeting, created


def import_job_commit(
    *, job: ImportJob, actor: Actor, review: dict[str, Any] | None = None
) -> Meeting:
    """Write the draft meeting, minutes and accepted tracked items, all or nothing. On refusal
    the job stays ready for review and the ValidationError says why; nothing is published."""
    if review is not None:
        # Saved first, on its own: a refused commit keeps the officer's corrections.
        job = import_job_review_save(job=job, actor=actor, review=review)
    with transaction.atomic():
        job = job_locked(job.pk)
        _editable(job, actor)
        with job.file.open("rb") as handle:
            content = handle.read()
        meeting, created = import_write(
            result=job.result,
            body=job.body,
            actor=actor,
            sha256=job.sha256,
            filename=job.filename,
            content=content,
        )
        job_move(job, Status.COMMITTED, action="committed", actor=actor, save=False)
        job.meeting = meeting
        job.committed_at = timezone.now()
        job.error = ""
        job.full_clean()
        job.save(update_fields=["status", "meeting", "committed_at", "error", "updated_at"])
        event_record(
            subject=job,
            verb=EventType.IMPORT_COMMITTED,
            actor=actor,
            summary=(
                f"{job.filename} imported as draft minutes of {date_long(meeting.date)}, "
                f"with {len(created)} tracked items."
            ),
            data={"meeting": meeting.pk, "tracked_items": created},
        )
    return meeting


@transaction.atomic
def import_job_reject(*, job: ImportJob, actor: Actor) -> ImportJob:
    ensure_allowed(can_manage_meetings, actor)
    job = job_locked(job.pk)
    job_move(job, Status.REJECTED, action="rejected", actor=actor)
    event_record(
        subject=job,
        verb=EventType.IMPORT_REJECTED,
        actor=actor,
        summary=f"Import of {job.filename} rejected; nothing was written.",
    )
    return job


# --- Batches ---------------------------------------------------------------------------------


def _batch_job(*, batch: ImportBatch, file: ImportFile, sha256: str, actor: Actor) -> ImportJob:
    filename = PurePath(file.name).name[:255]
    stored = PurePath(filename)
    job = ImportJob(
        filename=filename,
        sha256=sha256,
        body=batch.body,
        batch=batch,
        created_by=batch.created_by,
    )
    job.file.save(
        f"{stored.stem[:STORED_NAME_STEM]}{stored.suffix}", ContentFile(file.content), save=False
    )
    job.full_clean()
    job.save()
    event_record(
        subject=job,
        verb=EventType.IMPORT_UPLOADED,
        actor=actor,
        summary=f"{filename} uploaded for import into {batch.body.name}, in {batch.name}.",
        data={"sha256": sha256, "batch": batch.pk},
    )
    # One task per file, queued with the job: a file that fails fails alone.
    outbox_enqueue(
        task=import_batch_parse,
        args=[job.pk, list(file.warnings)],
        key=f"import_batch_parse:{job.pk}",
    )
    return job


@transaction.atomic
def import_batch_create(*, actor: Actor, body: Body, found: BatchFiles) -> ImportBatch:
    """One job per file of `found`, each parsed by its own task once this commits. A file
    imported or queued before (by its sha256, in this panel), or twice in the batch, gets no
    job and is listed in the batch's `skipped` with why, beside what the archive left out."""
    ensure_allowed(can_manage_meetings, actor)
    sha256s = [sha256_of(file.content) for file in found.files]
    reasons = batch_skip_reasons(sha256s=sha256s)
    batch = ImportBatch(
        name=found.name[:255],
        body=body,
        created_by=actor if actor.is_authenticated else None,
        skipped=list(found.skipped),
        made_from={},
    )
    batch.full_clean()
    batch.save()
    first: dict[str, str] = {}
    for file, sha256 in zip(found.files, sha256s, strict=True):
        reason = reasons.get(sha256)
        if reason is None and sha256 in first:
            reason = SKIP_DUPLICATE.format(other=first[sha256])
        if reason is not None:
            batch.skipped.append({"file": file.name, "reason": reason})
            continue
        first[sha256] = file.name
        job = _batch_job(batch=batch, file=file, sha256=sha256, actor=actor)
        if file.made_from:
            batch.made_from[str(job.pk)] = list(file.made_from)
    batch.save(update_fields=["skipped", "made_from", "updated_at"])
    return batch


def import_batch_upload(*, actor: Actor, body: Body, upload: UploadedFile) -> ImportBatch:
    """A ZIP of minutes files as one batch; an unsafe or oversized archive is refused whole
    (ArchiveError, on the upload's field), with nothing created."""
    ensure_allowed(can_manage_meetings, actor)
    if upload.size is not None and upload.size > ARCHIVE_MAX_TOTAL_BYTES:
        raise ArchiveError(
            BATCH_UPLOAD_TOO_LARGE.format(
                size=round(upload.size / 1024 / 1024, 1),
                limit=round(ARCHIVE_MAX_TOTAL_BYTES / 1024 / 1024),
            )
        )
    found = archive_read(upload, name=upload.name or "archive.zip")
    return import_batch_create(actor=actor, body=body, found=found)


@dataclass
class BatchCommitted:
    """What "commit all files without warnings" did: each job committed, with its meeting,
    and each that could not be, with why."""

    committed: list[tuple[ImportJob, Meeting]]
    failed: list[tuple[ImportJob, str]]
    # The names each committed file records that matched no one and were not recorded: never
    # dropped silently, the batch page lists them.
    left_out: list[tuple[ImportJob, list[str]]] = dataclasses.field(default_factory=list)


def import_batch_commit_ready(*, batch: ImportBatch, actor: Actor) -> BatchCommitted:
    """Commit each parsed job of the batch that has no warning, each in its own transaction
    through `import_job_commit` (as the review's "Commit import" with nothing changed). A file
    refused is reported and left ready for review; the others carry on. Files with warnings
    are left for their review pages."""
    ensure_allowed(can_manage_meetings, actor)
    done = BatchCommitted(committed=[], failed=[])
    for job in import_batch_ready_jobs(batch=batch):
        try:
            meeting = import_job_commit(job=job, actor=actor)
        except ValidationError as error:
            done.failed.append((job, " ".join(error.messages)))
        except DatabaseError as error:  # its transaction rolled back; the next file is its own
            logger.exception("batch %s: commit of import job %s failed", batch.pk, job.pk)
            done.failed.append((job, BATCH_COMMIT_FAILED.format(reason=type(error).__name__)))
        else:
            done.committed.append((job, meeting))
            imported = import_already_done(sha256=job.sha256)
            names = [
                n["name"]
                for n in (imported.data if imported else {}).get("attendance_left_out", [])
            ]
            if names:
                done.left_out.append((job, names))
    return done
