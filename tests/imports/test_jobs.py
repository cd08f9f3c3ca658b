"""The import job services and the Celery task: parse, progress, review, commit, re-import."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from core.lifecycle import status_history
from core.models import DomainEvent, OutboxMessage
from imports import jobs, parsing, results
from imports.jobs import (
    AlreadyImported,
    import_job_commit,
    import_job_create,
    import_job_reject,
    import_job_review_save,
)
from imports.models import ImportJob
from imports.parser import as_json, parse
from imports.parsing import import_job_parse
from imports.tasks import import_parse
from meetings.models import Meeting, Minute, Resolution
from scrutiny.models import TrackedItem
from tests.imports.conftest import FIXTURES
from tests.meetings.factories import BodyFactory

pytestmark = pytest.mark.django_db

Status = ImportJob.Status


def upload(name: str = "pdf_glued.txt", content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, content, content_type="text/plain")


@pytest.fixture
def body():
    return BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel")


def queued(users, body, **kwargs) -> ImportJob:
    """A job whose task has not run (the dispatch is mocked, as for a real broker)."""
    with mock.patch("core.outbox.outbox_dispatch"):
        job, created = import_job_create(
            actor=users["democratic"], body=body, upload=upload(**kwargs)
        )
    assert created
    return job


def parsed(users, body, **kwargs) -> ImportJob:
    job = queued(users, body, **kwargs)
    import_job_parse(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_upload_queues_the_task_on_commit(users, body, django_capture_on_commit_callbacks) -> None:
    with (
        mock.patch("core.outbox.outbox_dispatch") as dispatch,
        django_capture_on_commit_callbacks(execute=True),
    ):
        job, created = import_job_create(actor=users["democratic"], body=body, upload=upload())
    dispatch.assert_called_once()
    message = dispatch.call_args.kwargs["message"]
    assert message.task == "meetings.tasks.import_parse" and message.args == [job.pk]
    assert OutboxMessage.objects.get() == message and message.key == f"import_parse:{job.pk}"
    assert created and job.status == Status.QUEUED and job.progress == 0
    assert len(job.sha256) == 64 and job.filename == "pdf_glued.txt"
    assert job.file.read() == (FIXTURES / "pdf_glued.txt").read_bytes()


def test_upload_runs_the_task_eagerly_without_a_broker(
    users, body, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job, _ = import_job_create(actor=users["democratic"], body=body, upload=upload())
    job.refresh_from_db()
    assert job.status == Status.PARSED and job.progress == 100


@pytest.mark.parametrize("role", ["member", "opcc"])
def test_upload_refused_without_meetings_permission(users, body, role) -> None:
    with pytest.raises(PermissionDenied):
        import_job_create(actor=users[role], body=body, upload=upload())
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.doc", b"old word", "this is a .doc file"),
        ("minutes", b"text", "has no extension"),
        ("minutes.txt", b"", "The file is empty."),
    ],
)
def test_upload_refuses_bad_names_and_empty_files(users, body, name, content, message) -> None:
    with pytest.raises(ValidationError, match=message):
        import_job_create(
            actor=users["democratic"], body=body, upload=SimpleUploadedFile(name, content)
        )


@override_settings(UPLOAD_MAX_BYTES=100)
def test_upload_refuses_a_file_over_the_limit(users, body) -> None:
    with pytest.raises(ValidationError, match="files over 0 MB cannot be imported"):
        import_job_create(actor=users["democratic"], body=body, upload=upload())


def test_parse_records_progress_and_result_with_line_numbers(users, body) -> None:
    job = queued(users, body)
    seen: list[tuple[str, int]] = []
    real = parsing._progress

    def spy(job_id, **kwargs):
        real(job_id, **kwargs)
        row = ImportJob.objects.get(pk=job_id)
        seen.append((row.status, row.progress))

    with mock.patch.object(parsing, "_progress", spy):
        import_job_parse(job_id=job.pk)
    assert seen == [(Status.PARSING, 40), (Status.PARSING, 80)]
    job.refresh_from_db()
    assert (job.status, job.progress) == (Status.PARSED, 100)
    items = job.result["items"]
    assert [i["number"] for i in items] == ["12", "13", "14"]
    suggestion = job.result["suggestions"][0]
    assert suggestion["label"] == "13 2." and suggestion["kind"] == "resolution"
    assert suggestion["addressee"] == "pcc" and suggestion["lines"] == [24, 25]
    assert suggestion["due_date"] == "2025-03-31"  # the meeting date plus eight weeks
    start, end = items[0]["span"]
    assert str(items[0]["line"]) in job.result["lines"] and start <= items[0]["line"] <= end


def test_task_is_idempotent(users, body) -> None:
    job = queued(users, body)
    assert import_parse(job.pk) == Status.PARSED
    job.refresh_from_db()
    first = job.result
    with mock.patch.object(parsing, "parse") as parse:
        assert import_parse(job.pk) == Status.PARSED
    parse.assert_not_called()
    job.refresh_from_db()
    assert job.result == first
    assert import_parse(999_999) is None


def test_a_redelivered_task_finishes_a_job_left_parsing(users, body) -> None:
    job = queued(users, body)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.PARSING, progress=40)
    import_parse(job.pk)
    job.refresh_from_db()
    assert job.status == Status.PARSED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("garbage.txt", bytes(range(256)) * 40, "binary file"),
        ("broken.pdf", b"%PDF-1.4 not really", "this PDF cannot be read"),
        ("broken.docx", b"PK\x03\x04 not a zip", "cannot be opened"),
        ("no_minutes.txt", None, "No minute items were found in no_minutes.txt"),
    ],
)
def test_bad_files_fail_with_a_clear_message(users, body, name, content, message) -> None:
    job = parsed(users, body, name=name, content=content)
    assert job.status == Status.FAILED and message in job.error
    assert not Meeting.objects.exists()


def test_unexpected_errors_fail_the_job_rather_than_crash(users, body) -> None:
    job = queued(users, body)
    with mock.patch.object(parsing, "parse", side_effect=RuntimeError("boom")):
        import_job_parse(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.FAILED and "RuntimeError" in job.error


def test_the_same_open_upload_returns_the_existing_job(users, body) -> None:
    job = parsed(users, body)
    again, created = import_job_create(actor=users["democratic"], body=body, upload=upload())
    assert again == job and not created
    assert ImportJob.objects.count() == 1


def _review(job: ImportJob, **suggestions) -> dict[str, Any]:
    return {
        "meeting": {},
        "items": {},
        "suggestions": {
            s["key"]: {
                "accepted": suggestions.get(s["key"], s["accepted"]),
                "addressee": s["addressee"],
                "due_date": datetime.date(2025, 4, 1),
            }
            for s in job.result["suggestions"]
        },
    }


def test_commit_creates_the_draft_meeting_minutes_and_accepted_items(users, body) -> None:
    job = parsed(users, body)
    review = _review(job)
    review["items"] = {0: {"title": "Minutes of the last meeting (corrected)", "points": {}}}
    meeting = import_job_commit(job=job, actor=users["democratic"], review=review)
    job.refresh_from_db()
    assert job.status == Status.COMMITTED and job.meeting == meeting and job.committed_at
    assert meeting.status == Meeting.Status.HELD and not meeting.is_public
    assert meeting.minutes_published_at is None
    assert Minute.objects.get(number=12).title == "Minutes of the last meeting (corrected)"
    item = TrackedItem.objects.get()
    clause = Resolution.objects.get(kind="request_information")
    assert item.resolution == clause and item.addressee == "pcc"
    assert item.due_date == datetime.date(2025, 4, 1) and not item.is_public
    assert DomainEvent.objects.filter(verb="import.committed").count() == 1


def test_rejected_suggestions_are_not_tracked(users, body) -> None:
    job = parsed(users, body)
    key = job.result["suggestions"][0]["key"]
    import_job_commit(job=job, actor=users["democratic"], review=_review(job, **{key: False}))
    assert Minute.objects.count() == 3 and not TrackedItem.objects.exists()


def test_commit_refused_leaves_nothing_half_written(users, body) -> None:
    job = parsed(users, body)
    review = _review(job)
    key = job.result["suggestions"][0]["key"]
    review["suggestions"][key]["addressee"] = ""
    review["items"] = {1: {"title": "Kept correction"}}
    with pytest.raises(ValidationError, match="Say who each accepted tracked item"):
        import_job_commit(job=job, actor=users["democratic"], review=review)
    assert not Meeting.objects.exists() and not TrackedItem.objects.exists()
    job.refresh_from_db()
    assert job.status == Status.PARSED
    assert job.result["items"][1]["title"] == "Kept correction"  # the review was kept


def test_a_failure_inside_the_tracker_rolls_back_the_minutes(users, body) -> None:
    job = parsed(users, body)
    with (
        mock.patch.object(jobs, "item_create", side_effect=ValidationError("tracker refused")),
        pytest.raises(ValidationError, match="tracker refused"),
    ):
        import_job_commit(job=job, actor=users["democratic"], review=_review(job))
    assert not Meeting.objects.exists() and not Minute.objects.exists()
    assert not DomainEvent.objects.filter(verb="minutes.imported").exists()


def test_each_move_of_the_job_is_a_status_change_row(users, body) -> None:
    job = parsed(users, body)
    import_job_commit(job=job, actor=users["democratic"])
    moves = [
        (c.from_status, c.to_status, c.actor)
        for c in status_history(job, "status").order_by("changed_at", "pk")
    ]
    assert moves == [
        (Status.QUEUED, Status.PARSING, None),  # the task
        (Status.PARSING, Status.PARSED, None),
        (Status.PARSED, Status.COMMITTED, users["democratic"]),
    ]


def test_commit_twice_is_refused(users, body) -> None:
    job = parsed(users, body)
    import_job_commit(job=job, actor=users["democratic"])
    with pytest.raises(ValidationError, match="cannot be changed"):
        import_job_commit(job=job, actor=users["democratic"])
    assert Meeting.objects.count() == 1 and TrackedItem.objects.count() == 1


def test_reupload_of_a_committed_file_names_its_meeting(users, body) -> None:
    job = parsed(users, body)
    meeting = import_job_commit(job=job, actor=users["democratic"])
    with pytest.raises(AlreadyImported, match="3 February 2025") as error:
        import_job_create(actor=users["democratic"], body=body, upload=upload())
    assert error.value.meeting == meeting
    assert ImportJob.objects.count() == 1 and Meeting.objects.count() == 1


def test_reupload_of_a_file_imported_by_the_command_is_detected(users, body) -> None:
    call_command("import_minutes", str(FIXTURES / "pdf_glued.txt"), "--user", "admin")
    with pytest.raises(AlreadyImported) as error:
        import_job_create(actor=users["democratic"], body=body, upload=upload())
    assert error.value.meeting == Meeting.objects.get()


def test_review_save_and_commit_need_permission(users, body) -> None:
    job = parsed(users, body)
    with pytest.raises(PermissionDenied):
        import_job_review_save(job=job, actor=users["opcc"], review=_review(job))
    with pytest.raises(PermissionDenied):
        import_job_commit(job=job, actor=users["member"])
    with pytest.raises(PermissionDenied):
        import_job_reject(job=job, actor=users["member"])


def test_reject_writes_nothing_and_is_final(users, body) -> None:
    job = parsed(users, body)
    import_job_reject(job=job, actor=users["democratic"])
    job.refresh_from_db()
    assert job.status == Status.REJECTED and not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        import_job_commit(job=job, actor=users["democratic"])


def test_document_round_trips_through_the_stored_result(users, body) -> None:
    document = parse((FIXTURES / "moderngov_web.txt").read_text())
    result = results.result_from(document, "", kind="text")
    assert as_json(results.document_from(result)) == as_json(document)
