"""The files of a batch: a ZIP (uploaded) or a folder (given to `import_minutes`) read safely,
ModernGov pages grouped into one text per meeting (imports.moderngov), and which files were
imported or queued before.

A ZIP is never unpacked to disk: each member is read into memory, up to a limit per member
(`UPLOAD_MAX_BYTES`, as for one uploaded file) and in all (`ARCHIVE_MAX_TOTAL_BYTES`), counted
as the bytes come out rather than as the archive's directory claims, so that a small archive
that unpacks to gigabytes (a "zip bomb") is refused before it fills the memory. A member whose
name leaves the archive ("../", "/etc/…", "C:\\…") refuses the whole archive: nothing in it is
trusted. See https://docs.python.org/3/library/zipfile.html#decompression-pitfalls.

Nothing here queues work: imports.jobs creates the batch, its jobs and their tasks; the task's
second step, `import_job_warnings_add`, is here because the task module cannot import the jobs.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.dates import date_long
from core.models import DomainEvent
from imports.models import ImportJob
from imports.moderngov import ImportFile, SourceFile, moderngov_group
from imports.services import IMPORT_VERB
from meetings.models import Meeting

Status = ImportJob.Status

IMPORTABLE_EXTENSIONS = (".txt", ".html", ".htm", ".pdf", ".docx")
ARCHIVE_EXTENSIONS = (".zip",)
ARCHIVE_MAX_FILES = 500
ARCHIVE_MAX_TOTAL_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024

ARCHIVE_NOT_A_ZIP = "This file is not a ZIP archive, or it is damaged, so nothing was imported."
ARCHIVE_UNSAFE_NAME = (
    "The archive holds a file named “{name}”, which points outside the archive (an absolute "
    "path or “..”), so nothing was imported."
)
ARCHIVE_MEMBER_TOO_LARGE = (
    "“{name}” in the archive is over {limit} MB once unpacked (files over {limit} MB cannot be "
    "imported), so nothing was imported."
)
ARCHIVE_TOO_LARGE = (
    "The files in the archive come to over {limit} MB once unpacked, so nothing was imported: "
    "split it into smaller archives."
)
ARCHIVE_TOO_MANY = (
    "The archive holds more than {limit} files, so nothing was imported: split it into "
    "smaller archives."
)
ARCHIVE_NOTHING = (
    "There is no .txt, .html, .htm, .pdf or .docx file in it, so nothing was imported."
)
FOLDER_NOT_FOUND = "{name}: no such file or folder."

SKIP_UNSUPPORTED = "not a .txt, .html, .htm, .pdf or .docx file"
SKIP_ENCRYPTED = "password-protected, so it cannot be read"
SKIP_DAMAGED = "damaged: it cannot be unpacked"
SKIP_TOO_LARGE = "over {limit} MB (files over {limit} MB cannot be imported)"
SKIP_DUPLICATE = "the same file as {other}, earlier in this batch"
SKIP_IMPORTED = "already imported, as the draft minutes of the meeting of {date}"
SKIP_IMPORTED_GONE = "already imported, into a meeting since removed"
SKIP_QUEUED = "already queued for import, as {filename} ({status})"
SKIP_TRIED = "already uploaded as {filename} ({status}); upload it on its own to try again"


class ArchiveError(ValidationError):
    """An archive or folder refused as a whole; the message says why, for the upload's field."""

    def __init__(self, message: str) -> None:
        super().__init__({"file": message})
        self.message_text = message


@dataclass
class BatchFiles:
    """What an archive or folder holds: the files to import and those left out, with why."""

    name: str
    files: list[ImportFile] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)


def is_archive(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in ARCHIVE_EXTENSIONS


def _mb(limit: int) -> int:
    return round(limit / 1024 / 1024)


def _ignored(parts: tuple[str, ...]) -> bool:
    """Folders and files a computer adds unasked: hidden ones, and macOS's __MACOSX copies."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _unsafe(name: str) -> bool:
    path = name.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"^[A-Za-z]:", path)) or ".." in path.split("/")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, refusing the archive once more than `limit` come out."""
    out = bytearray()
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            out.extend(chunk)
            if len(out) > limit:
                raise ArchiveError(
                    ARCHIVE_MEMBER_TOO_LARGE.format(name=info.filename, limit=_mb(limit))
                )
    return bytes(out)


def archive_read(handle: IO[bytes] | str | Path, *, name: str) -> BatchFiles:
    """The importable files of a ZIP, grouped (ModernGov pages per meeting); refuses an unsafe
    or oversized archive with ArchiveError, and lists each file it leaves out."""
    member_limit = settings.UPLOAD_MAX_BYTES
    total_limit = ARCHIVE_MAX_TOTAL_BYTES
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ArchiveError(ARCHIVE_NOT_A_ZIP) from error
    found = BatchFiles(name=PurePosixPath(name).name)
    sources: list[SourceFile] = []
    with archive:
        members = archive.infolist()
        for info in members:
            if _unsafe(info.filename):
                raise ArchiveError(ARCHIVE_UNSAFE_NAME.format(name=info.filename))
        files = [i for i in members if not i.is_dir()]
        if len(files) > ARCHIVE_MAX_FILES:
            raise ArchiveError(ARCHIVE_TOO_MANY.format(limit=ARCHIVE_MAX_FILES))
        total = 0
        for info in files:
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if _ignored(path.parts):
                continue
            if path.suffix.lower() not in IMPORTABLE_EXTENSIONS:
                found.skipped.append({"file": str(path), "reason": SKIP_UNSUPPORTED})
                continue
            if info.flag_bits & 0x1:
                found.skipped.append({"file": str(path), "reason": SKIP_ENCRYPTED})
                continue
            # The directory's sizes may lie: they refuse early, and the read counts anyway.
            if info.file_size > member_limit:
                raise ArchiveError(
                    ARCHIVE_MEMBER_TOO_LARGE.format(name=info.filename, limit=_mb(member_limit))
                )
            if total + info.file_size > total_limit:
                raise ArchiveError(ARCHIVE_TOO_LARGE.format(limit=_mb(total_limit)))
            try:
                content = _read_member(archive, info, member_limit)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
                found.skipped.append({"file": str(path), "reason": SKIP_DAMAGED})
                continue
            total += len(content)
            if total > total_limit:
                raise ArchiveError(ARCHIVE_TOO_LARGE.format(limit=_mb(total_limit)))
            sources.append(SourceFile(name=str(path), content=content))
    if not sources:
        raise ArchiveError(ARCHIVE_NOTHING)
    found.files = moderngov_group(sources)
    return found


def folder_read(path: Path) -> BatchFiles:
    """The importable files under a folder (hidden ones and __MACOSX left out), grouped as
    `archive_read` groups them; a file too large is listed as skipped."""
    if not path.is_dir():
        raise ArchiveError(FOLDER_NOT_FOUND.format(name=path))
    member_limit = settings.UPLOAD_MAX_BYTES
    found = BatchFiles(name=path.name or str(path))
    sources: list[SourceFile] = []
    total = 0
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not _ignored((d,)))
        for filename in sorted(names):
            full = Path(root) / filename
            relative = full.relative_to(path).as_posix()
            if _ignored((filename,)) or full.is_symlink() or not full.is_file():
                continue
            if full.suffix.lower() not in IMPORTABLE_EXTENSIONS:
                found.skipped.append({"file": relative, "reason": SKIP_UNSUPPORTED})
                continue
            size = full.stat().st_size
            if size > member_limit:
                reason = SKIP_TOO_LARGE.format(limit=_mb(member_limit))
                found.skipped.append({"file": relative, "reason": reason})
                continue
            total += size
            if total > ARCHIVE_MAX_TOTAL_BYTES:
                raise ArchiveError(ARCHIVE_TOO_LARGE.format(limit=_mb(ARCHIVE_MAX_TOTAL_BYTES)))
            sources.append(SourceFile(name=relative, content=full.read_bytes()))
    if not sources:
        raise ArchiveError(ARCHIVE_NOTHING)
    found.files = moderngov_group(sources)
    return found


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def batch_skip_reasons(*, sha256s: list[str]) -> dict[str, str]:
    """Why each of these checksums is not imported again, in the current panel: imported (by
    a job or the command, from the "minutes.imported" event), or already a job. Three queries,
    however many files."""
    if not sha256s:
        return {}
    # The strongest reason wins: imported, then on its way, then tried before (the newest).
    ranked: dict[str, tuple[int, str]] = {}

    def offer(sha256: str, rank: int, reason: str) -> None:
        if rank >= ranked.get(sha256, (0, ""))[0]:
            ranked[sha256] = (rank, reason)

    events = list(
        DomainEvent.objects.filter(verb=IMPORT_VERB, data__sha256__in=sha256s).only(
            "object_id", "data"
        )
    )
    meetings = Meeting.objects.in_bulk([e.object_id for e in events])
    for event in events:
        offer(event.data["sha256"], 3, _imported(meetings.get(event.object_id)))
    jobs = ImportJob.objects.filter(sha256__in=sha256s).select_related("meeting")
    for job in jobs.order_by("created_at", "pk"):
        status = job.get_status_display().lower()
        if job.status == Status.COMMITTED:
            offer(job.sha256, 3, _imported(job.meeting))
        elif job.is_running or job.status == Status.PARSED:
            offer(job.sha256, 2, SKIP_QUEUED.format(filename=job.filename, status=status))
        else:
            offer(job.sha256, 1, SKIP_TRIED.format(filename=job.filename, status=status))
    return {sha256: reason for sha256, (_, reason) in ranked.items()}


def _imported(meeting: Meeting | None) -> str:
    return SKIP_IMPORTED.format(date=date_long(meeting.date)) if meeting else SKIP_IMPORTED_GONE


def import_job_warnings_add(*, job_id: int, warnings: list[str]) -> ImportJob | None:
    """After a batch file is parsed: what the batch knows of it (an item page imported without
    its meeting) joins the parser's warnings, so the review shows it and the batch's "commit
    all" leaves the file for review. Safe to run twice: a warning is added once."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Status.PARSED or not warnings:
            return job
        result: dict[str, Any] = job.result
        have = result.setdefault("warnings", [])
        added = [w for w in warnings if w not in have]
        if added:
            result["warnings"] = [*added, *have]
            job.result = result
            job.save(update_fields=["result", "updated_at"])
    return job
