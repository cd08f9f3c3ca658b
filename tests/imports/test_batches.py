"""A whole archive at once: a ZIP upload becomes one batch of jobs (one task per file), its
progress page (htmx polling, a refresh link without JS, a pinned query count), skipping what was
imported or queued before, refusing unsafe archives, "commit all files without warnings", and
`import_minutes` on a folder and on a ZIP."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from imports import batch_views, batches
from imports.batches import BatchFiles, archive_read, import_job_warnings_add
from imports.jobs import import_batch_create, import_job_commit
from imports.models import ImportBatch, ImportJob
from imports.moderngov import ImportFile
from imports.tasks import import_batch_parse
from meetings.models import Meeting
from tests.imports.conftest import FIXTURES
from tests.meetings.factories import BodyFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("imports:manage-import")
HX = {"HX-Request": "true"}
Status = ImportJob.Status
BINARY_JUNK = bytes(range(256)) * 40


def synthetic_minutes(n: int) -> str:
    """Minutes of an invented meeting, one fortnight apart per `n`: no warnings, one clause
    to track (addressed to the Commissioner)."""
    day = datetime.date(2023, 1, 9) + datetime.timedelta(weeks=2 * n)
    first = 10 + 3 * n  # minute numbers run on through the year, never used twice
    return (
        "Minutes of the Meeting of the Eastshire Police and Crime Panel\n"
        f"Held: {day:%A}, {day.day} {day:%B %Y} at 2.00 pm at County Offices, Eastbridge\n\n"
        "PRESENT: Councillor Davies (Chair) Councillor Evans\n\n"
        f"{first}.Minutes of the last meeting\n"
        "RESOLVED: That the minutes of the previous meeting be confirmed as an accurate record.\n"
        f"{first + 1}.Police and Crime Plan update\n"
        "RESOLVED:\n"
        "1. That the update be noted.\n"
        "2. That the Commissioner be requested to provide the Panel with a report on response "
        f"times in district {n}.\n"
    )


def twenty_files() -> dict[str, bytes]:
    """The suite's .txt fixtures (one has no minutes, one has warnings), then invented minutes
    up to twenty files."""
    files = {path.name: path.read_bytes() for path in sorted(FIXTURES.glob("*.txt"))}
    n = 0
    while len(files) < 20:
        files[f"more/minutes_{n:02d}.txt"] = synthetic_minutes(n).encode()
        n += 1
    return files


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def the_zip(files: dict[str, bytes], name: str = "minutes.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, zip_of(files), content_type="application/zip")


@pytest.fixture
def body():
    return BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel")


@pytest.fixture
def upload(client_as, body, django_capture_on_commit_callbacks):
    """POST a ZIP to the upload page as democratic services; the tasks run on commit (eager)."""
    client = client_as("democratic")

    def post(files: dict[str, bytes], name: str = "minutes.zip"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(UPLOAD_URL, {"body": body.pk, "file": the_zip(files, name)})

    post.client = client
    return post


def queued_batch(users, body, files: dict[str, bytes]) -> ImportBatch:
    """A batch whose tasks were held back (as by a busy worker)."""
    found = BatchFiles(
        name="held.zip", files=[ImportFile(name=n, content=c) for n, c in files.items()]
    )
    with mock.patch("core.outbox.outbox_dispatch"):
        return import_batch_create(actor=users["democratic"], body=body, found=found)


# --- Upload and progress ---------------------------------------------------------------------


def test_zip_of_twenty_files_becomes_one_batch_with_one_job_each(upload) -> None:
    response = upload(twenty_files())
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    assert batch.get_absolute_url() == f"/imports/batches/{batch.pk}/"
    jobs = list(batch.jobs.all())
    assert len(jobs) == 20 and all(job.body == batch.body for job in jobs)
    assert {job.status for job in jobs} == {Status.PARSED, Status.FAILED}
    assert [job.filename for job in jobs if job.is_failed] == ["no_minutes.txt"]
    page = upload.client.get(batch.get_absolute_url()).content.decode()
    assert "20 of 20 files read: finished." in page
    assert all(f'href="{job.get_absolute_url()}"' in page for job in jobs)
    assert 'hx-trigger="every 2s"' not in page  # nothing left to poll for
    # 18 read cleanly; broken_numbering.txt has warnings and no_minutes.txt failed.
    assert "18 files read without warnings can be imported together" in page
    assert 'Files that failed</dt><dd class="govuk-summary-list__value">1<' in page


def test_reupload_skips_every_file_as_queued_or_imported(upload, users) -> None:
    files = twenty_files()
    upload(files)
    first = ImportBatch.objects.get()
    done = first.jobs.get(filename="pdf_glued.txt")
    import_job_commit(job=done, actor=users["democratic"])

    response = upload(files, name="again.zip")
    again = ImportBatch.objects.exclude(pk=first.pk).get()
    assert response["Location"] == again.get_absolute_url()
    assert not again.jobs.exists() and ImportJob.objects.count() == 20
    reasons = {skip["file"]: skip["reason"] for skip in again.skipped}
    assert set(reasons) == set(files)
    assert reasons["pdf_glued.txt"] == batches.SKIP_IMPORTED.format(date="3 February 2025")
    assert reasons["more/minutes_00.txt"] == batches.SKIP_QUEUED.format(
        filename="minutes_00.txt", status="ready for review"
    )
    assert reasons["no_minutes.txt"].startswith("already uploaded as no_minutes.txt (failed)")
    page = upload.client.get(again.get_absolute_url()).content.decode()
    assert page.count("Already queued for import") == 18
    assert batch_views.BATCH_ALL_SKIPPED.format(name="again.zip") in page


def test_a_file_uploaded_on_its_own_before_is_skipped(upload, client_as, body) -> None:
    content = synthetic_minutes(1).encode()
    client_as("democratic").post(
        UPLOAD_URL, {"body": body.pk, "file": SimpleUploadedFile("single.txt", content)}
    )
    upload({"in_zip.txt": content, "other.txt": synthetic_minutes(2).encode()})
    batch = ImportBatch.objects.get()
    assert [job.filename for job in batch.jobs.all()] == ["other.txt"]
    reason = batches.SKIP_QUEUED.format(filename="single.txt", status="queued")
    assert batch.skipped == [{"file": "in_zip.txt", "reason": reason}]


def test_the_same_file_twice_in_one_archive_is_imported_once(upload) -> None:
    content = synthetic_minutes(3).encode()
    upload({"a/minutes.txt": content, "b/copy.txt": content})
    batch = ImportBatch.objects.get()
    assert batch.jobs.count() == 1
    assert batch.skipped == [
        {"file": "b/copy.txt", "reason": batches.SKIP_DUPLICATE.format(other="a/minutes.txt")}
    ]


def test_a_broken_file_fails_alone(upload) -> None:
    files = {f"m{n}.txt": synthetic_minutes(n).encode() for n in range(3)}
    files["junk.txt"] = BINARY_JUNK
    upload(files)
    batch = ImportBatch.objects.get()
    statuses = {job.filename: job.status for job in batch.jobs.all()}
    assert statuses == {
        "m0.txt": Status.PARSED,
        "m1.txt": Status.PARSED,
        "m2.txt": Status.PARSED,
        "junk.txt": Status.FAILED,
    }
    assert "binary file" in batch.jobs.get(filename="junk.txt").error
    page = upload.client.get(batch.get_absolute_url()).content.decode()
    assert "junk.txt: this looks like a binary file" in page


def test_directories_hidden_files_and_macos_copies_are_left_out(upload) -> None:
    good = synthetic_minutes(4).encode()
    upload(
        {
            "2023/": b"",
            "2023/minutes.txt": good,
            ".DS_Store": b"x",
            "2023/.hidden.txt": synthetic_minutes(5).encode(),
            "__MACOSX/2023/._minutes.txt": b"\x00\x05",
            "2023/notes.xlsx": b"PK",
        }
    )
    batch = ImportBatch.objects.get()
    assert [job.filename for job in batch.jobs.all()] == ["minutes.txt"]
    assert batch.skipped == [{"file": "2023/notes.xlsx", "reason": batches.SKIP_UNSUPPORTED}]


@pytest.mark.parametrize("name", ["../escape.txt", "minutes/../../escape.txt", "/etc/x.txt"])
def test_an_archive_with_a_name_outside_it_is_refused(upload, name) -> None:
    response = upload({"fine.txt": synthetic_minutes(6).encode(), name: b"minutes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert batches.ARCHIVE_UNSAFE_NAME.format(name=name) in page
    assert not ImportBatch.objects.exists() and not ImportJob.objects.exists()


def test_a_windows_path_is_refused(upload) -> None:
    # zipfile turns backslashes into slashes when writing; this entry is renamed in place
    # (a name of the same length, so the archive stays whole).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("placeholder.txt")
        archive.writestr(info, b"minutes")
    raw = buffer.getvalue().replace(b"placeholder.txt", b"C:\\evil\\xyz.txt")
    with pytest.raises(batches.ArchiveError) as error:
        archive_read(io.BytesIO(raw), name="w.zip")
    assert error.value.message_text == batches.ARCHIVE_UNSAFE_NAME.format(name="C:\\evil\\xyz.txt")


MB = 1024 * 1024


def test_an_oversize_member_is_refused(upload, settings) -> None:
    settings.UPLOAD_MAX_BYTES = MB
    # 1.5 MB of one letter: a few kilobytes once compressed, as a zip bomb is.
    response = upload({"small.txt": b"minutes " * 10, "big.txt": b"x" * (MB + MB // 2)})
    assert response.status_code == 200
    message = batches.ARCHIVE_MEMBER_TOO_LARGE.format(name="big.txt", limit=1)
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_archive_too_large_in_all_is_refused(upload, monkeypatch) -> None:
    monkeypatch.setattr(batches, "ARCHIVE_MAX_TOTAL_BYTES", 2 * MB)
    response = upload({f"m{n}.txt": b"x" * (MB // 2 + n) for n in range(5)})
    assert batches.ARCHIVE_TOO_LARGE.format(limit=2) in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_member_larger_than_its_directory_says_is_never_read_past_the_claim(settings) -> None:
    settings.UPLOAD_MAX_BYTES = MB
    raw = zip_of({"liar.txt": b"y" * (2 * MB), "fine.txt": b"minutes"})
    # The sizes in the local header and the central directory now claim 10 bytes.
    real = (2 * MB).to_bytes(4, "little")
    found = archive_read(io.BytesIO(raw.replace(real, (10).to_bytes(4, "little"))), name="l.zip")
    # Reading stops at the claimed size and the checksum then fails: left out as damaged.
    assert [f.name for f in found.files] == ["fine.txt"]
    assert found.skipped == [{"file": "liar.txt", "reason": batches.SKIP_DAMAGED}]


def test_an_archive_of_too_many_files_is_refused(upload, monkeypatch) -> None:
    monkeypatch.setattr(batches, "ARCHIVE_MAX_FILES", 3)
    response = upload({f"m{n}.txt": b"minutes" for n in range(4)})
    assert batches.ARCHIVE_TOO_MANY.format(limit=3) in response.content.decode()


def test_a_damaged_or_empty_archive_is_refused(upload, client_as, body) -> None:
    response = client_as("democratic").post(
        UPLOAD_URL, {"body": body.pk, "file": SimpleUploadedFile("bad.zip", b"not a zip")}
    )
    assert batches.ARCHIVE_NOT_A_ZIP in response.content.decode()
    response = upload({"readme.md": b"nothing to import"})
    assert batches.ARCHIVE_NOTHING in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_single_file_upload_is_unchanged(upload, client_as, body) -> None:
    response = client_as("democratic").post(
        UPLOAD_URL,
        {"body": body.pk, "file": SimpleUploadedFile("one.txt", synthetic_minutes(7).encode())},
    )
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.batch is None
    assert not ImportBatch.objects.exists()


def test_the_page_polls_while_files_are_read_and_works_without_javascript(
    users, body, client_as
) -> None:
    batch = queued_batch(users, body, {f"m{n}.txt": synthetic_minutes(n).encode() for n in (1, 2)})
    client = client_as("democratic")
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "0 of 2 files read." in page
    assert f'hx-get="{batch.get_absolute_url()}"' in page and 'hx-trigger="every 2s"' in page
    assert f'<a class="govuk-link" href="{batch.get_absolute_url()}">Refresh</a>' in page
    first, second = batch.jobs.order_by("filename")
    import_batch_parse(first.pk, [])
    fragment = client.get(batch.get_absolute_url(), headers=HX).content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="batch-progress"')
    assert "1 of 2 files read." in fragment and 'hx-trigger="every 2s"' in fragment
    import_batch_parse(second.pk, [])
    fragment = client.get(batch.get_absolute_url(), headers=HX).content.decode()
    assert "2 of 2 files read: finished." in fragment and "hx-trigger" not in fragment
    assert "Commit all files without warnings" in fragment


def test_batch_page_query_count_does_not_grow_with_its_files(
    users, body, client_as, django_assert_num_queries
) -> None:
    client = client_as("democratic")
    small = queued_batch(users, body, {"a.txt": synthetic_minutes(1).encode()})
    for job in small.jobs.all():
        import_batch_parse(job.pk, [])
    # The session, the user and the user's roles; the batch; its jobs with their counts.
    with django_assert_num_queries(5):
        assert client.get(small.get_absolute_url()).status_code == 200
    large = queued_batch(
        users, body, {f"m{n}.txt": synthetic_minutes(n).encode() for n in range(2, 22)}
    )
    for job in large.jobs.all()[:10]:
        import_batch_parse(job.pk, [])
    with django_assert_num_queries(5):
        page = client.get(large.get_absolute_url()).content.decode()
    assert "10 of 20 files read." in page
    with django_assert_num_queries(5):
        client.get(large.get_absolute_url(), headers=HX)


def test_batch_pages_are_for_democratic_services_only(users, body, client_as) -> None:
    batch = queued_batch(users, body, {"a.txt": synthetic_minutes(1).encode()})
    commit = reverse("imports:import-batch-commit", args=[batch.pk])
    for role, status in (("member", 403), ("opcc", 403)):
        assert client_as(role).get(batch.get_absolute_url()).status_code == status
        assert client_as(role).post(commit).status_code == status
    assert client_as(None).get(batch.get_absolute_url()).status_code == 302
    assert client_as("democratic").get(commit).status_code == 405
    assert client_as("admin").get("/imports/batches/999999/").status_code == 404


# --- Commit all files without warnings -------------------------------------------------------


def test_commit_all_commits_files_without_warnings_and_reports_refusals(upload, users) -> None:
    clash = synthetic_minutes(1).replace("district 1", "district one").encode()  # same meeting
    upload(
        {
            "a_m1.txt": synthetic_minutes(1).encode(),
            "c_m2.txt": synthetic_minutes(2).encode(),
            "b_m1_again.txt": clash,
            "broken_numbering.txt": (FIXTURES / "broken_numbering.txt").read_bytes(),
            "junk.txt": BINARY_JUNK,
        }
    )
    batch = ImportBatch.objects.get()
    response = upload.client.post(
        reverse("imports:import-batch-commit", args=[batch.pk]), follow=True
    )
    statuses = {job.filename: job.status for job in batch.jobs.all()}
    # In the page's order: a_m1.txt is committed, then b_m1_again.txt (the same meeting) is
    # refused and stays ready for review, and the rest carry on.
    assert statuses == {
        "a_m1.txt": Status.COMMITTED,
        "b_m1_again.txt": Status.PARSED,
        "c_m2.txt": Status.COMMITTED,
        "broken_numbering.txt": Status.PARSED,  # warnings: left for its review page
        "junk.txt": Status.FAILED,
    }
    assert Meeting.objects.count() == 2
    page = response.content.decode()
    assert batch_views.BATCH_COMMITTED.format(count=2) in page
    assert (
        "b_m1_again.txt was not imported: The meeting of 23 January 2023 already has minutes"
    ) in page
    assert 'Files imported</dt><dd class="govuk-summary-list__value">2<' in page
    # The directory is empty, so no name recorded matched: each is listed, never dropped.
    assert "a_m1.txt: 2 of the names it records matched no one" in page
    assert "Councillor Davies" in page
    # Each committed file raised its tracked item, as its review's commit would have.
    committed = batch.jobs.get(filename="c_m2.txt")
    assert committed.meeting is not None and committed.meeting.minutes.count() == 2
    again = upload.client.post(
        reverse("imports:import-batch-commit", args=[batch.pk]), follow=True
    ).content.decode()
    assert "b_m1_again.txt was not imported" in again  # still refused, still reported


def test_commit_all_with_nothing_ready_says_so(users, body, client_as) -> None:
    batch = queued_batch(users, body, {"a.txt": synthetic_minutes(1).encode()})
    response = client_as("democratic").post(
        reverse("imports:import-batch-commit", args=[batch.pk]), follow=True
    )
    assert batch_views.BATCH_NOTHING_READY in response.content.decode()


def test_batch_warnings_join_the_parse_once(users, body) -> None:
    batch = queued_batch(users, body, {"a.txt": synthetic_minutes(1).encode()})
    job = batch.jobs.get()
    import_batch_parse(job.pk, ["Made from one page only."])
    import_batch_parse(job.pk, ["Made from one page only."])  # a resent task
    import_job_warnings_add(job_id=job.pk, warnings=["Made from one page only."])
    job.refresh_from_db()
    assert job.result["warnings"] == ["Made from one page only."]


# --- The command -----------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_minutes", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    for name, content in twenty_files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    (root / ".hidden.txt").write_text("not read")
    (root / "notes.csv").write_text("a,b")
    return root


def test_command_dry_run_of_a_folder_summarises_each_file(folder: Path) -> None:
    out = run(str(folder), "--dry-run")
    assert "pdf_glued.txt: Eastshire Police and Crime Panel, 2025-02-03: 3 minutes" in out
    assert "no_minutes.txt: " in out and "notes.csv: skipped, not a .txt" in out
    assert ".hidden.txt" not in out
    assert out.strip().endswith(
        "20 files: 20 read, 0 not read, 1 skipped. Nothing was written (dry run)."
    )


def test_command_dry_run_json_of_a_zip_is_a_list_of_single_file_results(
    tmp_path: Path, folder: Path
) -> None:
    archive = tmp_path / "minutes.zip"
    files = twenty_files()
    files["junk.txt"] = BINARY_JUNK
    archive.write_bytes(zip_of(files))
    data = json.loads(run(str(archive), "--dry-run", "--format", "json"))
    assert len(data) == 21
    single = json.loads(run(str(FIXTURES / "pdf_glued.txt"), "--dry-run", "--format", "json"))
    assert {"file": "pdf_glued.txt", "result": single} in data
    assert all(set(e) == {"file", "result"} for e in data if e["file"] != "junk.txt")
    junk = next(e for e in data if e["file"] == "junk.txt")
    assert junk["result"] is None and "binary file" in junk["error"]


def test_command_on_a_folder_creates_a_batch(
    folder: Path, users, body, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        out = run(str(folder), "--user", "democratic")
    batch = ImportBatch.objects.get()
    assert batch.name == "archive" and batch.created_by == users["democratic"]
    assert batch.jobs.count() == 20
    assert out.startswith(f"Batch {batch.pk} (archive) for Eastshire Police and Crime Panel:")
    assert "notes.csv: skipped, not a .txt" in out
    assert f"Review them at /imports/batches/{batch.pk}/" in out
    with django_capture_on_commit_callbacks(execute=True):
        data = json.loads(run(str(folder), "--user", "democratic", "--format", "json"))
    assert data["files"] == [] and len(data["skipped"]) == 21


def test_command_on_a_zip_creates_a_batch_and_refuses_an_unsafe_one(
    tmp_path: Path, users, body, django_capture_on_commit_callbacks
) -> None:
    archive = tmp_path / "two.zip"
    archive.write_bytes(zip_of({f"m{n}.txt": synthetic_minutes(n).encode() for n in (1, 2)}))
    with django_capture_on_commit_callbacks(execute=True):
        # Printed inside the test's transaction, so before the tasks run on its "commit".
        data = json.loads(run(str(archive), "--user", "admin", "--format", "json"))
    assert [(f["file"], f["status"]) for f in data["files"]] == [
        ("m1.txt", "queued"),
        ("m2.txt", "queued"),
    ]
    batch = ImportBatch.objects.get(pk=data["batch"])
    assert data["url"] == batch.get_absolute_url()
    assert {job.status for job in batch.jobs.all()} == {Status.PARSED}
    unsafe = tmp_path / "unsafe.zip"
    unsafe.write_bytes(zip_of({"../m.txt": b"minutes"}))
    with pytest.raises(CommandError, match="points outside the archive"):
        run(str(unsafe), "--user", "admin")
    with pytest.raises(CommandError, match="no such file or folder"):
        run(str(tmp_path / "missing.zip"), "--dry-run")
    assert ImportBatch.objects.count() == 1


def test_command_batch_needs_a_permitted_user(folder: Path, users, body) -> None:
    with pytest.raises(CommandError, match="member may not manage meetings"):
        run(str(folder), "--user", "member")
    assert not ImportBatch.objects.exists()
