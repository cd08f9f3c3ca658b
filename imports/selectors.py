"""Reads for the import screens."""

from __future__ import annotations

from django.db.models import QuerySet

from imports.models import ImportJob
from meetings.models import Body

# The body an upload is for unless the officer chooses another (the command's --body default).
DEFAULT_BODY_SLUG = "pcp"
RECENT_JOBS = 10


def import_job_get(*, pk: int) -> ImportJob | None:
    return ImportJob.objects.select_related("body", "meeting", "created_by").filter(pk=pk).first()


def import_job_list_recent() -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("body", "meeting")[:RECENT_JOBS]


def import_default_body() -> Body | None:
    return Body.objects.filter(slug=DEFAULT_BODY_SLUG).first()
