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

import hashlib
import textwrap
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.outbox import outbox_enqueue
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from imports.models import ImportJob
from imports.results import date_from_iso, document_from, to_iso
from imports.services import import_already_done, minute_number, minutes_import
from imports.tasks import import_parse
from imports.transitions import JOB_ILLEGAL_MOVE, job_locked, job_move
from meetings.models import Body, Meeting
from scrutiny.services import item_create

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
    "resolutions": {j: text}}} and "suggestions" {key: {"accepted", "addressee", "due_date"}}."""
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
    created = []
    for suggestion in accepted:
        item = result["items"][suggestion["item"]]
        minute = minutes[minute_number(item["number"])]
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
