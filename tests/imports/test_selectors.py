"""The import screens' selectors: one job, the latest jobs (no more than the page lists), and the
body an upload is for unless the officer chooses another."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from imports import selectors
from imports.models import ImportJob
from meetings.models import Body
from tests.meetings.factories import BodyFactory

pytestmark = pytest.mark.django_db


def job(body: Body, n: int, **fields) -> ImportJob:
    made = ImportJob.objects.create(
        file=ContentFile(b"minutes", name=f"m{n}.txt"),
        filename=f"m{n}.txt",
        sha256=f"{n:064d}",
        body=body,
        **fields,
    )
    # One an hour, oldest first, so that "latest" does not depend on the clock's resolution.
    created = timezone.now() - datetime.timedelta(hours=100 - n)
    ImportJob.objects.filter(pk=made.pk).update(created_at=created)
    return made


def test_one_job_by_its_id_or_none(users):
    made = job(BodyFactory(), 1, created_by=users["democratic"])
    found = selectors.import_job_get(pk=made.pk)
    assert found == made and found.created_by == users["democratic"]
    assert selectors.import_job_get(pk=made.pk + 1) is None


def test_the_latest_jobs_newest_first_and_no_more_than_the_page_lists():
    body = BodyFactory()
    jobs = [job(body, n) for n in range(selectors.RECENT_JOBS + 2)]
    recent = list(selectors.import_job_list_recent())
    assert recent == jobs[::-1][: selectors.RECENT_JOBS]
    assert jobs[0] not in recent and jobs[1] not in recent


def test_the_default_body_is_the_panel_when_there_is_one():
    assert selectors.import_default_body() is None
    BodyFactory(slug="cgb")
    panel = BodyFactory(slug=selectors.DEFAULT_BODY_SLUG)
    assert selectors.import_default_body() == panel
