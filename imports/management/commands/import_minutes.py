"""`python manage.py import_minutes PATH [--body SLUG] [--dry-run] [--format json|text]`

Reads minutes (or a whole agenda pack containing them) from a .txt, .html, .docx or .pdf file.
With --dry-run it writes nothing and prints what it found: with --format json, exactly one JSON
object on stdout. Without --dry-run it creates the draft minutes (never published) of the
body's meeting on that date, refusing a file it has imported before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from core.readers import ReadError, read_path
from imports.jobs import import_write
from imports.parser import ParsedDocument, as_json, parse
from imports.results import result_from
from imports.selectors import DEFAULT_BODY_SLUG
from meetings.models import Body

BODY_NOT_FOUND = "No body with the slug “{slug}”; see the bodies in the admin."
USER_NOT_FOUND = "No active user “{username}”."
USER_NEEDED = (
    "Give --user: the democratic services officer or administrator the import is recorded "
    "against (no superuser exists to default to)."
)
NOT_PERMITTED = "{username} may not manage meetings, so cannot import minutes."
NO_MINUTES_FOUND = "No minute items were found in {name}: is it a set of minutes?"


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

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
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
