"""The import journey in a real browser: upload the 28 October 2024 agenda pack, watch the
progress bar (htmx polling), review the minutes beside their source lines, accept 29(c) and
commit. axe-core checks every page visited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core import outbox
from imports.models import ImportJob
from imports.parsing import import_job_parse
from meetings.models import Meeting
from scrutiny.models import TrackedItem
from tests.browser.conftest import assert_accessible, login
from tests.imports.conftest import SEED_2024
from tests.meetings.factories import BodyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The copy in tests/fixtures/seeds, else the shared seeds beside the repository.
SEED = next(
    (
        path
        for path in (
            SEED_2024,
            Path(__file__).resolve().parents[3] / "shared" / "seeds" / SEED_2024.name,
        )
        if path.exists()
    ),
    SEED_2024,
)


def test_upload_progress_review_and_commit(page, users, monkeypatch) -> None:
    if not SEED.exists():
        pytest.skip(f"seed {SEED.name} not found in {SEED.parent} (the seeds are not checked in)")
    BodyFactory(
        slug="pcp",
        name="Leicester, Leicestershire and Rutland Police and Crime Panel",
        short_name="PCP",
    )
    # Hold the task back, as a busy worker would, so that the progress bar can be watched; the
    # test then runs the task body itself.
    monkeypatch.setattr(outbox, "outbox_dispatch", lambda *, message: False)
    login(page, "democratic")
    page.goto("/manage/meetings/")
    page.get_by_role("link", name="Import minutes from a file").click()
    assert_accessible(page)
    page.get_by_label("File of minutes").set_input_files(str(SEED))
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_load_state()

    job = ImportJob.objects.get()
    bar = page.locator("progress#import-progress-bar")
    bar.wait_for()
    assert page.get_by_label("Waiting to start").count() == 1
    assert_accessible(page)
    # The page polls: progress saved by the task shows without a reload.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.PARSING, progress=40)
    page.get_by_text("Finding the minutes, points and resolutions").wait_for()
    assert bar.get_attribute("value") == "40"

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, progress=0)
    import_job_parse(job_id=job.pk)
    # Parsed: the poll reloads the page with the review, and the polling element is gone.
    page.get_by_role("heading", name=re.compile(r"^Minute 29")).wait_for()
    assert page.locator("#import-progress").count() == 0
    assert page.get_by_role("region", name=re.compile(r"Source of minute 29, lines")).count()
    assert_accessible(page)

    decision = page.get_by_role("group", name="Track 29(c)?")
    decision.get_by_label("Accept").check()
    assert page.get_by_label("Addressed to (29(c))").input_value() == "pcc"
    page.get_by_label("Due date (29(c))").fill("2024-12-20")
    page.get_by_role("button", name="Commit import").click()
    page.get_by_text("Imported as draft minutes of this meeting").wait_for()
    assert_accessible(page)

    meeting = Meeting.objects.get()
    assert meeting.date.isoformat() == "2024-10-28" and not meeting.is_public
    assert [m.number for m in meeting.minutes.order_by("number")] == list(range(24, 34))
    item = TrackedItem.objects.get(resolution__minute__number=29, resolution__label="(c)")
    assert item.addressee == "pcc" and item.due_date.isoformat() == "2024-12-20"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED and job.meeting == meeting
