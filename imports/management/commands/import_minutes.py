"""`python manage.py import_minutes PATH [--body SLUG] [--user NAME] [--panel SLUG] [--dry-run]
[--format json|text]`

Reads minutes (or a whole agenda pack containing them) from a .txt, .html, .docx or .pdf file.
With --dry-run it writes nothing and prints what it found: with --format json, exactly one JSON
object on stdout. Without --dry-run it creates the draft minutes (never published) of the
body's meeting on that date, refusing a file it has imported before.

PATH may also be a folder or a .zip of such files (saved ModernGov meeting and item pages are
joined per meeting, imports.moderngov). With --dry-run each file is parsed and summarised (with
--format json, one JSON list of {"file": name, "result": <the single-file object>}, "result"
null with an "error" or "skipped" reason beside it for a file not read). Without, the files
become one batch of import jobs, as a ZIP uploaded on the import page does: each is parsed by
its own task and reviewed (or committed with the others) from the batch's page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.models import Panel
from core.readers import ReadError, read_bytes, read_path
from core.tenancy import current_panel_or_none, panel_scope
from imports.batches import ArchiveError, BatchFiles, archive_read, folder_read, is_archive
from imports.jobs import import_batch_create, import_write
from imports.models import ImportBatch
from imports.parser import ParsedDocument, as_json, parse
from imports.results import result_from
from imports.selectors import DEFAULT_BODY_SLUG, import_batch_progress
from meetings.models import Body

BODY_NOT_FOUND = "No body with the slug “{slug}”; see the bodies in the admin."
USER_NOT_FOUND = "No active user “{username}”."
USER_NEEDED = (
    "Give --user: the democratic services officer or administrator the import is recorded "
    "against (no superuser exists to default to)."
)
NOT_PERMITTED = "{username} may not manage meetings, so cannot import minutes."
NO_MINUTES_FOUND = "No minute items were found in {name}: is it a set of minutes?"
PANEL_NOT_FOUND = "No panel with the slug “{slug}”."
PATH_NOT_FOUND = "{name}: no such file or folder."
PANEL_NEEDED = "Give --panel: the slug of the panel whose minutes these are (none is the default)."


class Command(BaseCommand):
    help = "Import the minutes of a meeting from a text, HTML, Word or PDF file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The minutes or agenda pack (.txt, .html, .docx, .pdf).")
        parser.add_argument(
            "--body", default=DEFAULT_BODY_SLUG, help="Slug of the body (default: pcp)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Write nothing; print what was found."
        )
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument(
            "--user", help="Username the import is recorded against (default: a superuser)."
        )
        parser.add_argument(
            "--panel", help="Slug of the panel imported into (default: the default panel)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if path.is_dir() or is_archive(path.name):
            self._batch(path, options)
            return
        if options["dry_run"]:
            self._file(path, options)
            return
        with self._panel(options.get("panel")):
            self._file(path, options)

    def _panel(self, slug: str | None) -> Any:
        """The panel to write in: --panel, else the one already chosen (a test's), else the
        default panel."""
        if slug:
            panel = Panel.objects.filter(slug=slug).first()
            if panel is None:
                raise CommandError(PANEL_NOT_FOUND.format(slug=slug))
            return panel_scope(panel)
        current = current_panel_or_none()
        if current is not None:
            return panel_scope(current)
        panel = Panel.objects.filter(is_default=True).first()
        if panel is None:
            raise CommandError(PANEL_NEEDED)
        return panel_scope(panel)

    def _batch(self, path: Path, options: dict[str, Any]) -> None:
        """A folder or a ZIP: summarised file by file (--dry-run), or queued as one batch."""
        if not path.exists():
            raise CommandError(PATH_NOT_FOUND.format(name=path))
        try:
            found = archive_read(path, name=path.name) if path.is_file() else folder_read(path)
        except ArchiveError as error:
            raise CommandError(f"{path.name}: {error.message_text}") from error
        if options["dry_run"]:
            self.stdout.write(batch_dry_run(found, fmt=options["format"]))
            return
        with self._panel(options.get("panel")):
            body = Body.objects.filter(slug=options["body"]).first()
            if body is None:
                raise CommandError(BODY_NOT_FOUND.format(slug=options["body"]))
            actor = self._actor(options.get("user"))
            try:
                batch = import_batch_create(actor=actor, body=body, found=found)
            except PermissionDenied as error:
                raise CommandError(NOT_PERMITTED.format(username=actor.get_username())) from error
            self.stdout.write(batch_queued(batch, fmt=options["format"]))

    def _file(self, path: Path, options: dict[str, Any]) -> None:
        try:
            source = read_path(path)
        except ReadError as error:
            raise CommandError(str(error)) from error
        document = parse(source.text)
        if options["dry_run"]:
            self._print(document, options["format"])
            return
        if not document.items:
            raise CommandError(NO_MINUTES_FOUND.format(name=path.name))
        body = Body.objects.filter(slug=options["body"]).first()
        if body is None:
            raise CommandError(BODY_NOT_FOUND.format(slug=options["body"]))
        actor = self._actor(options.get("user"))
        try:
            # The parser's trackable clauses become tracked items (due eight weeks after the
            # meeting), as the review screen suggests; undertakings in the prose are only listed.
            with transaction.atomic():
                meeting, tracked = import_write(
                    result=result_from(document, source.text, kind=source.kind),
                    body=body,
                    actor=actor,
                    sha256=source.sha256,
                    filename=path.name,
                    content=path.read_bytes(),
                )
        except PermissionDenied as error:
            raise CommandError(NOT_PERMITTED.format(username=actor.get_username())) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if options["format"] == "json":
            payload = as_json(document) | {
                "meeting_id": meeting.pk,
                "status": meeting.status,
                "tracked_items": tracked,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self._print(document, "text")
            self.stdout.write(
                f"Imported as draft minutes of meeting {meeting.pk} ({meeting}); not published. "
                f"Tracked items raised: {', '.join(tracked) or 'none'}."
            )

    @staticmethod
    def _actor(username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(USER_NOT_FOUND.format(username=username))
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(USER_NEEDED)
        return user

    def _print(self, document: ParsedDocument, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(as_json(document), ensure_ascii=False))
            return
        self.stdout.write(text_report(document))


def text_report(document: ParsedDocument) -> str:
    meeting = document.meeting
    out = [
        f"Meeting: {meeting.body or '?'}",
        f"Date: {meeting.date or '?'}  Time: {meeting.start_time or '?'}–{meeting.end_time or '?'}",
        f"Venue: {meeting.venue or '?'}",
    ]
    if document.agenda is not None:
        out.append(f"\nAgenda (line {document.agenda.line}):")
        for entry in document.agenda.items:
            pages = (
                f" (pages {entry.page_start}–{entry.page_end})"
                if entry.page_start is not None
                else ""
            )
            by = f" [report by {entry.report_by}]" if entry.report_by else ""
            out.append(f"  {entry.number}. {entry.title}{pages}{by}")
    if document.attendees:
        out.append("\nAttendees:")
        for a in document.attendees:
            role = f" – {a.role}" if a.role else ""
            out.append(f"  [{a.capacity}] {a.name}{role}  (line {a.line})")
    for item in document.items:
        out.append(f"\n{item.number}. {item.title}  (line {item.line})")
        for point in item.points:
            out.append(f"  point {point.label or '-'} (lines {_span(point.lines)}): {point.text}")
        for clause in item.resolutions:
            track = f"TRACK → {clause.addressee or '?'}" if clause.trackable else "not tracked"
            out.append(
                f"  RESOLVED {clause.label or '-'} [{clause.kind}; {track}] "
                f"(lines {_span(clause.lines)}): {clause.text}"
            )
        for action in item.actions:
            dup = f"; repeats {action.duplicates}" if action.duplicates else ""
            out.append(f"  suggested action → {action.addressee or '?'}{dup}: {action.text}")
    if document.warnings:
        out.append("\nWarnings:")
        out.extend(f"  {w}" for w in document.warnings)
    return "\n".join(out)


def _span(lines: list[int]) -> str:
    lines = [n for n in lines if n > 0]
    if not lines:
        return "?"
    return str(lines[0]) if lines[0] == lines[-1] else f"{lines[0]}–{lines[-1]}"


# --- A folder or a ZIP -----------------------------------------------------------------------


def batch_dry_run(found: BatchFiles, *, fmt: str) -> str:
    """Each file parsed and summarised (or, in JSON, its single-file object); nothing written."""
    entries: list[dict[str, Any]] = []
    lines: list[str] = []
    read = 0
    for file in found.files:
        try:
            source = read_bytes(file.content, name=Path(file.name).name)
        except ReadError as error:
            entries.append({"file": file.name, "result": None, "error": str(error)})
            lines.append(f"{file.name}: not read: {error}")
            continue
        read += 1
        document = parse(source.text)
        result = as_json(document)
        result["warnings"] = [*file.warnings, *result["warnings"]]
        entries.append({"file": file.name, "result": result})
        lines.extend(_file_summary(file.name, document, result["warnings"], file.made_from))
    for skip in found.skipped:
        entries.append({"file": skip["file"], "result": None, "skipped": skip["reason"]})
        lines.append(f"{skip['file']}: skipped, {skip['reason']}.")
    if fmt == "json":
        return json.dumps(entries, ensure_ascii=False)
    not_read = len(found.files) - read
    lines.append(
        f"{len(found.files)} files: {read} read, {not_read} not read, "
        f"{len(found.skipped)} skipped. Nothing was written (dry run)."
    )
    return "\n".join(lines)


def _file_summary(
    name: str, document: ParsedDocument, warnings: list[str], made_from: tuple[str, ...]
) -> list[str]:
    meeting = document.meeting
    clauses = [r for item in document.items for r in item.resolutions]
    tracked = sum(1 for r in clauses if r.trackable)
    out = [
        f"{name}: {meeting.body or '?'}, {meeting.date or '?'}: {len(document.items)} minutes, "
        f"{len(clauses)} resolutions ({tracked} to track), {len(warnings)} warnings"
    ]
    if made_from:
        out.append(f"  made from {', '.join(made_from)}")
    out.extend(f"  warning: {w}" for w in warnings)
    return out


def batch_queued(batch: ImportBatch, *, fmt: str) -> str:
    """What became of each file of a batch just created (parsed already without a broker)."""
    progress = import_batch_progress(batch=batch)
    if fmt == "json":
        return json.dumps(
            {
                "batch": batch.pk,
                "url": batch.get_absolute_url(),
                "files": [
                    {
                        "file": row.job.filename,
                        "job": row.job.pk,
                        "status": row.job.status,
                        "items": row.items,
                        "warnings": row.warnings,
                        "error": row.job.error,
                    }
                    for row in progress.rows
                ],
                "skipped": progress.skipped,
            },
            ensure_ascii=False,
        )
    out = [
        f"Batch {batch.pk} ({batch.name}) for {batch.body.name}: {progress.total} files "
        f"queued, {len(progress.skipped)} skipped; {progress.done} read so far."
    ]
    for row in progress.rows:
        detail = f", {row.items} minutes, {row.warnings} warnings" if row.items else ""
        error = f": {row.job.error}" if row.job.is_failed else ""
        out.append(f"  {row.job.filename}: {row.job.get_status_display()}{detail}{error}")
    out.extend(f"  {s['file']}: skipped, {s['reason']}." for s in progress.skipped)
    out.append(f"Review them at {batch.get_absolute_url()} (nothing is published).")
    return "\n".join(out)
