"""Importing minutes from a file: upload, watch the parse, review side by side, commit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from core.forms import form_errors_from
from core.htmx import wants_partial
from core.permissions import can_manage_meetings, require_permission
from imports.attendance import attendee_review
from imports.batch_views import archive_upload, upload_is_archive
from imports.forms import ImportReviewForm, ImportUploadForm
from imports.jobs import (
    UPLOAD_IN_PROGRESS,
    AlreadyImported,
    import_job_commit,
    import_job_create,
    import_job_reject,
    import_job_review_save,
)
from imports.models import ImportJob
from imports.selectors import (
    import_batch_list_recent,
    import_default_body,
    import_job_get,
    import_job_list_recent,
)
from imports.services import import_job_attendance_save

UPLOAD = "imports/import_upload.html"
JOB = "imports/import_job.html"
REVIEW_SAVED = "Your corrections are saved. Nothing has been imported yet."
REJECTED = "The import was rejected; nothing was written."
COMMITTED = (
    "Imported as draft minutes of this meeting, with {count} tracked items. Nothing is "
    "published: check the minutes, then publish them from here."
)


def _job_or_404(pk: int) -> ImportJob:
    job = import_job_get(pk=pk)
    if job is None:
        raise Http404("No such import")
    return job


def _review_form(job: ImportJob, data: Any = None) -> ImportReviewForm | None:
    """The review of a parsed job, with each attendee matched to the panel's people."""
    if not job.result:
        return None
    return ImportReviewForm(data, result=job.result, attendance=attendee_review(job=job))


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def import_upload(request: HttpRequest) -> HttpResponse:
    default_body = import_default_body()
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"body": default_body.pk if default_body else None},
    )
    previous = None
    if request.method == "POST" and form.is_valid() and upload_is_archive(form):
        # A ZIP of many files becomes a batch, followed on its own page.
        batch = archive_upload(request, form)
        if batch is not None:
            return redirect(batch)
    elif request.method == "POST" and form.is_valid():
        try:
            job, created = import_job_create(
                actor=request.user,
                body=form.cleaned_data["body"],
                upload=form.cleaned_data["file"],
            )
        except AlreadyImported as error:
            form.add_error("file", error.messages[0])
            previous = error.meeting
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            if not created:
                messages.info(request, UPLOAD_IN_PROGRESS)
            return redirect(job)
    recent = import_job_list_recent()
    batches = import_batch_list_recent()
    context = {"form": form, "previous": previous, "recent": recent, "batches": batches}
    return render(request, UPLOAD, context)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(pk)
    if request.method == "POST":
        return _job_post(request, job)
    if wants_partial(request):
        if job.is_running:
            return render(request, f"{JOB}#progress", {"job": job})
        # Parsed or failed: the whole page changes (review form or message), and polling stops
        # because the reloaded page has no polling element.
        return HttpResponseClientRefresh()
    return render(request, JOB, {"job": job, "form": _review_form(job)})


def _job_post(request: HttpRequest, job: ImportJob) -> HttpResponse:
    """Reject, save the corrections, or commit; a refusal shows the review again with why."""
    action = request.POST.get("action", "")
    if action == "reject":
        return _reject(request, job)
    form = _review_form(job, request.POST or None)
    if form is not None and form.is_valid():
        try:
            import_job_attendance_save(
                job=job, actor=request.user, choices=form.attendance_choices()
            )
            if action == "commit":
                return _commit(request, job, form)
            import_job_review_save(job=job, actor=request.user, review=form.review())
        except ValidationError as error:
            form_errors_from(form, error)
            job.refresh_from_db()
        else:
            messages.success(request, REVIEW_SAVED)
            return redirect(job)
    return render(request, JOB, {"job": job, "form": form})


def _reject(request: HttpRequest, job: ImportJob) -> HttpResponse:
    try:
        import_job_reject(job=job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, REJECTED)
    return redirect(job)


def _commit(request: HttpRequest, job: ImportJob, form: ImportReviewForm) -> HttpResponse:
    meeting = import_job_commit(job=job, actor=request.user, review=form.review())
    job.refresh_from_db()
    count = sum(1 for s in job.result["suggestions"] if s["accepted"])
    messages.success(request, COMMITTED.format(count=count))
    return redirect("meetings:manage-meeting-detail", pk=meeting.pk)
