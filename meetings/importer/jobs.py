"""The web upload journey: upload → parse in a Celery task (with progress) → review → commit.

An `ImportJob` moves queued → parsing → parsed → committed, or to failed or rejected. Only the
functions here change its status, and each checks the transition table. Committing writes the
draft meeting and minutes through `minutes_import` (meetings.importer.services) and the accepted
tracked items through `scrutiny.services.item_create`, all in one transaction: if anything is
refused, nothing is written and the job stays ready for review with the reason.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import textwrap
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.events import EventType
from core.outbox import outbox_enqueue
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from meetings.importer import parser as p
from meetings.importer.readers import ReadError, read_bytes
from meetings.importer.services import import_already_done, minutes_import
from meetings.models import Body, ImportJob, Meeting
from meetings.services._common import Actor, date_long
from meetings.tasks import import_parse

logger = logging.getLogger(__name__)

Status = ImportJob.Status

# Which status may follow which; anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.QUEUED: frozenset({Status.PARSING, Status.FAILED, Status.REJECTED}),
    # A worker that died mid-parse leaves "parsing"; the redelivered task parses again.
    Status.PARSING: frozenset({Status.PARSING, Status.PARSED, Status.FAILED}),
    Status.PARSED: frozenset({Status.COMMITTED, Status.REJECTED}),
    Status.COMMITTED: frozenset(),
    Status.FAILED: frozenset({Status.REJECTED}),
    Status.REJECTED: frozenset(),
}

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
JOB_NO_MINUTES = "No minute items were found in {name}: is it a set of minutes?"
JOB_UNEXPECTED = "The file could not be read ({reason}); nothing was imported."
JOB_ILLEGAL_MOVE = "This import is “{status}”, so it cannot be {action}."
JOB_DUE_DATE_REQUIRED = "Give a due date for each accepted tracked item ({label})."
JOB_ADDRESSEE_REQUIRED = "Say who each accepted tracked item is addressed to ({label})."

# The parser names parties; the tracker stores these values (scrutiny.models.TrackedItem.Addressee).
ADDRESSEE_FOR_PARTY = {p.PCC: "pcc", p.OPCC: "opcc", p.CHIEF_CONSTABLE: "force", p.PANEL: "panel"}
# A suggested due date when the minutes give none: panels meet about every two months.
DEFAULT_DUE_DAYS = 56
# The source excerpt shown beside each minute is capped so an agenda pack stays readable.
MAX_SPAN_LINES = 300

PROGRESS_READING = 10
PROGRESS_PARSING = 40
PROGRESS_REVIEWING = 80
PROGRESS_DONE = 100


class AlreadyImported(ValidationError):
    """The file was committed before; `meeting` is what it became (None if not found)."""

    def __init__(self, message: str, meeting: Meeting | None) -> None:
        super().__init__(message)
        self.meeting = meeting


def _move(job: ImportJob, to: str, action: str) -> None:
    if to not in TRANSITIONS[job.status]:
        raise ValidationError(
            JOB_ILLEGAL_MOVE.format(status=job.get_status_display().lower(), action=action)
        )
    job.status = to


def _locked(job_id: int) -> ImportJob:
    return ImportJob.objects.select_for_update().get(pk=job_id)


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


# --- Parsing (the Celery task's body) ----------------------------------------------------------


def _progress(job_id: int, *, progress: int) -> None:
    """Save how far the task has got; a job another run has finished is left alone."""
    with transaction.atomic():
        job = _locked(job_id)
        if job.status == Status.PARSING:
            job.progress = progress
            job.save(update_fields=["progress", "updated_at"])


def _fail(job_id: int, message: str) -> ImportJob:
    with transaction.atomic():
        job = _locked(job_id)
        if job.status != Status.PARSING:  # another run finished first
            return job
        _move(job, Status.FAILED, "marked failed")
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
        _move(job, Status.PARSING, "parsed")
        job.progress = PROGRESS_READING
        job.error = ""
        job.save(update_fields=["status", "progress", "error", "updated_at"])
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
        source = read_bytes(content, name=job.filename)
        _progress(job_id, progress=PROGRESS_PARSING)
        document = p.parse(source.text)
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
        job = _locked(job_id)
        if job.status != Status.PARSING:  # another run finished first
            return job
        _move(job, Status.PARSED, "parsed")
        job.progress = PROGRESS_DONE
        job.result = result
        job.save(update_fields=["status", "progress", "result", "updated_at"])
    return job


# --- The stored result -------------------------------------------------------------------------


def _iso(value: datetime.date | datetime.time | None) -> str | None:
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if value is not None else None


def _span(item: p.MinuteItem, following: p.MinuteItem | None) -> tuple[int, int]:
    used = [item.line]
    for thing in (*item.points, *item.resolutions, *item.actions):
        used.extend(n for n in thing.lines if n > 0)
    end = max(used)
    if following is not None and following.line > end:
        end = following.line - 1
    return item.line, min(end, item.line + MAX_SPAN_LINES - 1)


def _first(lines: list[int]) -> int:
    return min((n for n in lines if n > 0), default=0)


def _reference(number: str, label: str) -> str:
    """As minutes cite themselves: "29(c)", but "13 2." rather than "132."."""
    return f"{number}{label}" if label.startswith("(") or not label else f"{number} {label}"


def result_from(document: p.ParsedDocument, text: str, *, kind: str) -> dict[str, Any]:
    """The parser output as JSON, with the source lines each minute came from and the
    suggested tracked items (trackable clauses and undertakings) for the review."""
    source = text.split("\n")
    lines: dict[str, str] = {}
    items = []
    suggestions = []
    default_due = (
        document.meeting.date + datetime.timedelta(days=DEFAULT_DUE_DAYS)
        if document.meeting.date
        else None
    )
    for index, item in enumerate(document.items):
        following = document.items[index + 1] if index + 1 < len(document.items) else None
        start, end = _span(item, following)
        while end > start and (end > len(source) or not source[end - 1].strip()):
            end -= 1
        for n in range(start, end + 1):
            if 0 < n <= len(source):
                lines[str(n)] = source[n - 1].rstrip()
        items.append(
            {
                "number": item.number,
                "title": item.title,
                "line": item.line,
                "span": [start, end],
                "preamble": item.preamble,
                "narrative": list(item.narrative),
                "points": [
                    {"label": x.label, "text": x.text, "lines": x.lines} for x in item.points
                ],
                "resolutions": [
                    {
                        "label": r.label,
                        "text": r.text,
                        "kind": r.kind,
                        "category": r.category,
                        "addressee": r.addressee,
                        "trackable": r.trackable,
                        "lines": r.lines,
                    }
                    for r in item.resolutions
                ],
                "actions": [
                    {
                        "text": a.text,
                        "addressee": a.addressee,
                        "lines": a.lines,
                        "source": a.source,
                        "duplicates": a.duplicates,
                    }
                    for a in item.actions
                ],
            }
        )
        for r_index, clause in enumerate(item.resolutions):
            if clause.trackable:
                suggestions.append(
                    {
                        "key": f"r{index}-{r_index}",
                        "kind": "resolution",
                        "item": index,
                        "index": r_index,
                        "label": _reference(item.number, clause.label),
                        "text": clause.text,
                        "lines": clause.lines,
                        "addressee": ADDRESSEE_FOR_PARTY.get(clause.addressee or "", ""),
                        "accepted": True,
                        "due_date": _iso(default_due),
                    }
                )
        for a_index, action in enumerate(item.actions):
            if action.duplicates:  # the same commitment as a RESOLVED clause: offered once
                continue
            point = next(
                (
                    i
                    for i, x in enumerate(item.points)
                    if set(x.lines) & {n for n in action.lines if n > 0}
                ),
                None,
            )
            label = _reference(item.number, item.points[point].label if point is not None else "")
            suggestions.append(
                {
                    "key": f"a{index}-{a_index}",
                    "kind": "action",
                    "item": index,
                    "index": a_index,
                    "point": point,
                    "label": label,
                    "text": action.text,
                    "lines": action.lines,
                    "addressee": ADDRESSEE_FOR_PARTY.get(action.addressee or "", ""),
                    # Undertakings are guesses from prose: the officer opts in.
                    "accepted": False,
                    "due_date": _iso(default_due),
                }
            )
    meeting = document.meeting
    return {
        "kind": kind,
        "meeting": {
            "body": meeting.body,
            "date": _iso(meeting.date),
            "start_time": _iso(meeting.start_time),
            "end_time": _iso(meeting.end_time),
            "venue": meeting.venue,
            "lines": meeting.lines,
        },
        "attendees": [
            {"name": a.name, "capacity": a.capacity, "role": a.role, "line": a.line}
            for a in document.attendees
        ],
        "items": items,
        "suggestions": suggestions,
        "warnings": list(document.warnings),
        "lines": lines,
    }


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def document_from(result: dict[str, Any]) -> p.ParsedDocument:
    """Back from the stored (and reviewed) JSON to what `minutes_import` writes."""
    m = result["meeting"]
    return p.ParsedDocument(
        meeting=p.Meeting(
            body=m.get("body"),
            date=_date(m.get("date")),
            start_time=_time(m.get("start_time")),
            end_time=_time(m.get("end_time")),
            venue=m.get("venue"),
            lines=list(m.get("lines") or []),
        ),
        attendees=[p.Attendee(**a) for a in result.get("attendees", [])],
        items=[
            p.MinuteItem(
                number=i["number"],
                title=i["title"],
                line=i["line"],
                preamble=i.get("preamble", ""),
                narrative=list(i.get("narrative", [])),
                points=[p.Point(**x) for x in i["points"]],
                resolutions=[p.Resolution(**r) for r in i["resolutions"]],
                actions=[p.Action(**a) for a in i["actions"]],
            )
            for i in result["items"]
        ],
        warnings=list(result.get("warnings", [])),
    )


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
    job = _locked(job.pk)
    _editable(job, actor)
    result = job.result
    meeting = review.get("meeting", {})
    for field in ("date", "start_time", "end_time"):
        if field in meeting:
            result["meeting"][field] = _iso(meeting[field])
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
        suggestion["due_date"] = _iso(choice.get("due_date"))
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
    from scrutiny.services import item_create

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
        minute = minutes[int(re.match(r"\d+", item["number"]).group())]  # type: ignore[union-attr]
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
            due_date=_date(suggestion["due_date"]),
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
        job = _locked(job.pk)
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
        _move(job, Status.COMMITTED, "committed")
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
    job = _locked(job.pk)
    _move(job, Status.REJECTED, "rejected")
    job.save(update_fields=["status", "updated_at"])
    event_record(
        subject=job,
        verb=EventType.IMPORT_REJECTED,
        actor=actor,
        summary=f"Import of {job.filename} rejected; nothing was written.",
    )
    return job
