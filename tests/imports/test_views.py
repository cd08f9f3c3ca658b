"""The import screens: who may use them, upload, progress (htmx and without JS), review, commit."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports import jobs
from imports.jobs import import_job_create
from imports.models import ImportJob
from imports.parsing import import_job_parse
from meetings.models import Meeting, Minute
from scrutiny.models import TrackedItem
from tests.imports.conftest import FIXTURES
from tests.meetings.factories import BodyFactory

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("imports:manage-import")
HX = {"HX-Request": "true"}
Status = ImportJob.Status


@pytest.fixture
def body():
    return BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel")


def the_file(name: str = "pdf_glued.txt", content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, content, content_type="text/plain")


def make_job(users, body, *, parse: bool = True) -> ImportJob:
    with mock.patch("core.outbox.outbox_dispatch"):
        job, _ = import_job_create(actor=users["democratic"], body=body, upload=the_file())
    if parse:
        import_job_parse(job_id=job.pk)
    job.refresh_from_db()
    return job


def review_data(job: ImportJob, **overrides: str) -> dict[str, str]:
    """What the review form posts when the officer changes nothing."""
    data: dict[str, str] = {
        "date": job.result["meeting"]["date"] or "",
        "start_time": job.result["meeting"]["start_time"] or "",
        "end_time": job.result["meeting"]["end_time"] or "",
        "venue": job.result["meeting"]["venue"] or "",
    }
    for i, item in enumerate(job.result["items"]):
        data[f"item-{i}-title"] = item["title"]
        for kind in ("points", "resolutions"):
            for j, thing in enumerate(item[kind]):
                data[f"item-{i}-{kind}-{j}"] = thing["text"]
    for s in job.result["suggestions"]:
        data[f"{s['key']}-decision"] = "accept" if s["accepted"] else "reject"
        data[f"{s['key']}-addressee"] = s["addressee"]
        data[f"{s['key']}-due_date"] = s["due_date"] or ""
    data.update(overrides)
    return data


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("opcc", 403), (None, 302)])
def test_import_pages_refused_to_others(users, body, client_as, role, status) -> None:
    job = make_job(users, body)
    client = client_as(role)
    for url in (UPLOAD_URL, job.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == status
        if role is None:
            assert response["Location"].startswith("/accounts/login/")
    response = client.post(UPLOAD_URL, {"body": body.pk, "file": the_file("moderngov_web.txt")})
    assert response.status_code == status
    response = client.post(job.get_absolute_url(), {"action": "reject"})
    assert response.status_code == status
    assert ImportJob.objects.count() == 1
    job.refresh_from_db()
    assert job.status == Status.PARSED


@pytest.mark.parametrize("role", ["democratic", "admin"])
def test_import_pages_open_to_democratic_services(users, body, client_as, role) -> None:
    job = make_job(users, body)
    client = client_as(role)
    assert client.get(UPLOAD_URL).status_code == 200
    assert client.get(job.get_absolute_url()).status_code == 200


def test_meeting_list_links_to_the_upload_page(client_as, users) -> None:
    response = client_as("democratic").get(reverse("meetings:manage-meeting-list"))
    assert f'href="{UPLOAD_URL}"' in response.content.decode()


def test_upload_creates_the_job_and_parses_it(
    users, body, client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("democratic")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD_URL, {"body": body.pk, "file": the_file()})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Status.PARSED and job.created_by == users["democratic"]
    page = client.get(job.get_absolute_url()).content.decode()
    # The review: each minute beside its numbered source lines, and the suggestion to track.
    assert "Minute 13" in page and "Source, lines 12–25" in page
    assert '<span class="import-source__number">24</span>2. That the Commissioner' in page
    assert "RESOLVED, lines 24–25" in page
    assert "Suggested tracked item 13 2." in page
    assert 'name="action" value="commit"' in page


def test_running_job_shows_a_polling_progress_bar(users, body, client_as) -> None:
    job = make_job(users, body, parse=False)
    page = client_as("democratic").get(job.get_absolute_url()).content.decode()
    assert '<progress id="import-progress-bar"' in page and 'value="0"' in page
    assert '<label class="govuk-label govuk-label--s" for="import-progress-bar">' in page
    assert f'hx-get="{job.get_absolute_url()}"' in page and 'hx-trigger="every 1s"' in page
    assert ">Refresh</a>" in page  # without JavaScript


def test_htmx_poll_returns_only_the_progress_fragment(users, body, client_as) -> None:
    job = make_job(users, body, parse=False)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.PARSING, progress=40)
    response = client_as("democratic").get(job.get_absolute_url(), headers=HX)
    body_html = response.content.decode()
    assert "<html" not in body_html and 'id="import-progress"' in body_html
    assert 'value="40"' in body_html and "Finding the minutes" in body_html


def test_htmx_poll_of_a_finished_job_reloads_the_page(users, body, client_as) -> None:
    job = make_job(users, body)
    response = client_as("democratic").get(job.get_absolute_url(), headers=HX)
    assert response.headers["HX-Refresh"] == "true"


def test_boosted_request_gets_the_full_page(users, body, client_as) -> None:
    job = make_job(users, body, parse=False)
    response = client_as("democratic").get(
        job.get_absolute_url(), headers={**HX, "HX-Boosted": "true"}
    )
    assert "<html" in response.content.decode()


def test_upload_refuses_an_unsupported_file(users, body, client_as) -> None:
    response = client_as("democratic").post(
        UPLOAD_URL, {"body": body.pk, "file": SimpleUploadedFile("minutes.doc", b"word")}
    )
    assert response.status_code == 200
    assert jobs.UPLOAD_BAD_EXTENSION.format(ext="doc") in response.content.decode()
    assert not ImportJob.objects.exists()


def test_upload_without_a_file_says_so(users, body, client_as) -> None:
    response = client_as("democratic").post(UPLOAD_URL, {"body": body.pk})
    assert "Choose the file of minutes to import." in response.content.decode()


def test_binary_garbage_fails_with_a_message(
    users, body, client_as, django_capture_on_commit_callbacks
) -> None:
    client = client_as("democratic")
    garbage = SimpleUploadedFile("minutes.txt", bytes(range(256)) * 40)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(UPLOAD_URL, {"body": body.pk, "file": garbage})
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The file could not be imported" in page and "binary file" in page
    assert "Nothing was written." in page and "<progress" not in page


def test_save_corrections_keeps_them_without_importing(users, body, client_as) -> None:
    job = make_job(users, body)
    data = review_data(job, **{"item-1-title": "Precept 2025/26", "action": "save"})
    response = client_as("democratic").post(job.get_absolute_url(), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.result["items"][1]["title"] == "Precept 2025/26"
    assert job.status == Status.PARSED and not Meeting.objects.exists()


def test_commit_creates_minutes_and_accepted_items(users, body, client_as) -> None:
    job = make_job(users, body)
    key = job.result["suggestions"][0]["key"]
    data = review_data(
        job, **{f"{key}-addressee": "opcc", f"{key}-due_date": "2025-05-01", "action": "commit"}
    )
    response = client_as("democratic").post(job.get_absolute_url(), data)
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:manage-meeting-detail", args=[meeting.pk])
    assert Minute.objects.filter(meeting=meeting).count() == 3
    item = TrackedItem.objects.get()
    assert item.addressee == "opcc" and str(item.due_date) == "2025-05-01"
    assert item.resolution.minute.number == 13  # type: ignore[union-attr] # raised from one
    job.refresh_from_db()
    assert job.status == Status.COMMITTED
    page = client_as("democratic").get(job.get_absolute_url()).content.decode()
    assert "as the draft minutes of" in page and 'name="action"' not in page


def test_commit_with_a_missing_due_date_explains_and_writes_nothing(users, body, client_as) -> None:
    job = make_job(users, body)
    key = job.result["suggestions"][0]["key"]
    data = review_data(job, **{f"{key}-due_date": "", "action": "commit"})
    response = client_as("democratic").post(job.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Give a due date for each accepted tracked item (13 2.)" in response.content.decode()
    assert not Meeting.objects.exists() and not TrackedItem.objects.exists()


def test_reupload_after_commit_names_the_meeting(users, body, client_as) -> None:
    job = make_job(users, body)
    client = client_as("democratic")
    client.post(job.get_absolute_url(), review_data(job, action="commit"))
    meeting = Meeting.objects.get()
    response = client.post(UPLOAD_URL, {"body": body.pk, "file": the_file()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "already been imported" in page and "3 February 2025" in page
    assert reverse("meetings:manage-meeting-detail", args=[meeting.pk]) in page
    assert ImportJob.objects.count() == 1 and Meeting.objects.count() == 1


def test_reupload_while_open_goes_to_the_same_job(users, body, client_as) -> None:
    job = make_job(users, body)
    response = client_as("democratic").post(UPLOAD_URL, {"body": body.pk, "file": the_file()})
    assert response["Location"] == job.get_absolute_url()
    assert ImportJob.objects.count() == 1


def test_reject_button(users, body, client_as) -> None:
    job = make_job(users, body)
    response = client_as("democratic").post(job.get_absolute_url(), {"action": "reject"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.REJECTED and not Meeting.objects.exists()


def test_upload_page_query_count_does_not_grow_with_jobs(
    users, body, client_as, django_assert_max_num_queries
) -> None:
    client = client_as("democratic")
    make_job(users, body, parse=False)
    with django_assert_max_num_queries(12) as few:
        first = client.get(UPLOAD_URL)
    assert first.status_code == 200 and "pdf_glued.txt" in first.content.decode()
    for n in range(5):
        with mock.patch("core.outbox.outbox_dispatch"):
            import_job_create(
                actor=users["democratic"],
                body=body,
                upload=SimpleUploadedFile(f"m{n}.txt", f"minutes {n}".encode()),
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(UPLOAD_URL)
    assert page.status_code == 200  # and it lists every job, not a refusal or an empty table
    assert all(f"m{n}.txt" in page.content.decode() for n in range(5))
