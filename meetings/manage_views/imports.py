"""Importing minutes from a file: upload, watch the parse, review side by side, commit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from core.htmx import wants_partial
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import ImportReviewForm, ImportUploadForm, form_errors_from
from meetings.importer.jobs import (
    UPLOAD_IN_PROGRESS,
    AlreadyImported,
    import_job_commit,
    import_job_create,
    import_job_reject,
    import_job_review_save,
)
from meetings.models import Body, ImportJob

UPLOAD = "meetings/manage/import_upload.html"
JOB = "meetings/manage/import_job.html"
REVIEW_SAVED = "Your corrections are saved. Nothing has been imported yet."
REJECTED = "The import was rejected; nothing was written."
COMMITTED = (
    "Imported as draft minutes of this meeting, with {count} tracked items. Nothing is "
    "published: check the minutes, then publish them from here."
)


def _job_or_404(pk: int) -> ImportJob:
    job = ImportJob.objects.select_related("body", "meeting", "created_by").filter(pk=pk).first()
    if job is None:
        raise Http404("No such import")
    return job


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def import_upload(request: HttpRequest) -> HttpResponse:
    default_body = Body.objects.filter(slug="pcp").first()
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"body": default_body.pk if default_body else None},
    )
    previous = None
    if request.method == "POST" and form.is_valid():
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
    recent = ImportJob.objects.select_related("body", "meeting")[:10]
    return render(request, UPLOAD, {"form": form, "previous": previous, "recent": recent})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(pk)
    if request.method == "GET" and wants_partial(request):
        if job.is_running:
            return render(request, f"{JOB}#progress", {"job": job})
        # Parsed or failed: the whole page changes (review form or message), and polling stops
        # because the reloaded page has no polling element.
        return HttpResponseClientRefresh()
    form = ImportReviewForm(request.POST or None, result=job.result) if job.result else None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "reject":
            try:
                import_job_reject(job=job, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, REJECTED)
            return redirect(job)
        if form is not None and form.is_valid():
            try:
                if action == "commit":
                    meeting = import_job_commit(job=job, actor=request.user, review=form.review())
                    job.refresh_from_db()
                    count = sum(1 for s in job.result["suggestions"] if s["accepted"])
                    messages.success(request, COMMITTED.format(count=count))
                    return redirect("meetings:manage-meeting-detail", pk=meeting.pk)
                import_job_review_save(job=job, actor=request.user, review=form.review())
            except ValidationError as error:
                form_errors_from(form, error)
                job.refresh_from_db()
            else:
                messages.success(request, REVIEW_SAVED)
                return redirect(job)
    return render(request, JOB, {"job": job, "form": form})
