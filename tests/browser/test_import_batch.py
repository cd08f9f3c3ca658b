"""A whole archive in a real browser: upload a ZIP of twenty minutes files, watch the batch's
page count them as their tasks finish (htmx polling), then commit those without warnings.
axe-core checks every page visited."""

from __future__ import annotations

import pytest

from core import outbox
from imports.models import ImportBatch, ImportJob
from imports.tasks import import_batch_parse
from meetings.models import Meeting
from tests.browser.conftest import assert_accessible, login
from tests.imports.test_batches import twenty_files, zip_of
from tests.meetings.factories import BodyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_a_zip_and_watch_twenty_files_read(page, users, monkeypatch, tmp_path) -> None:
    BodyFactory(slug="pcp", name="Eastshire Police and Crime Panel", short_name="PCP")
    archive = tmp_path / "minutes-2023.zip"
    archive.write_bytes(zip_of(twenty_files()))
    # Hold the tasks back, as a busy worker would, so that the page can be watched filling in;
    # the test then runs each task's body itself.
    monkeypatch.setattr(outbox, "outbox_dispatch", lambda *, message: False)
    login(page, "democratic")
    page.goto("/manage/meetings/import/")
    page.get_by_label("File of minutes").set_input_files(str(archive))
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_load_state()

    batch = ImportBatch.objects.get()
    assert page.url.endswith(batch.get_absolute_url())
    page.get_by_text("0 of 20 files read.").wait_for()
    assert page.get_by_role("link", name="Refresh").count() == 1
    assert_accessible(page)

    jobs = list(batch.jobs.order_by("pk"))
    assert len(jobs) == 20
    for job in jobs[:10]:
        import_batch_parse(job.pk, [])
    # The page polls: the files read so far show without a reload.
    page.get_by_text("10 of 20 files read.").wait_for()
    for job in jobs[10:]:
        import_batch_parse(job.pk, [])
    page.get_by_text("20 of 20 files read: finished.").wait_for()
    progress = page.locator("#batch-progress")
    assert progress.get_attribute("hx-trigger") is None  # the last swap stopped the polling
    assert page.locator("#batch-files-done").inner_text() == "20 of 20"
    assert progress.get_by_role("link", name="no_minutes.txt").count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="Commit all files without warnings").click()
    # Eighteen files tried, one transaction each, in the one request. Two fixtures number
    # their minutes from 1 in the same municipal year: the second is refused and reported,
    # and the others carry on.
    page.get_by_text("Imported 17 of the files as draft minutes").wait_for(timeout=30_000)
    refusal = "numbered_paragraphs.txt was not imported: Minute 1 is already used"
    assert page.get_by_text(refusal).count() == 1
    assert_accessible(page)
    assert Meeting.objects.count() == 17
    statuses = dict(ImportJob.objects.filter(batch=batch).values_list("filename", "status"))
    assert statuses["numbered_paragraphs.txt"] == ImportJob.Status.PARSED
    assert statuses["broken_numbering.txt"] == ImportJob.Status.PARSED  # warnings: reviewed
    assert statuses["no_minutes.txt"] == ImportJob.Status.FAILED
