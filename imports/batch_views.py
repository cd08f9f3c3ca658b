"""A batch of minutes files: the ZIP upload's part, the progress page (htmx polling, and a
refresh link without JavaScript) and "commit all files without warnings"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.forms import form_errors_from
from core.htmx import wants_partial
from core.permissions import can_manage_meetings, require_permission
from imports.batches import is_archive
from imports.forms import ImportUploadForm
from imports.jobs import import_batch_commit_ready, import_batch_upload
from imports.models import ImportBatch
from imports.selectors import import_batch_get, import_batch_progress

BATCH = "imports/import_batch.html"
BATCH_ALL_SKIPPED = "Nothing new in {name}: every file was skipped (see below why)."
BATCH_COMMITTED = (
    "Imported {count} of the files as draft minutes, each with its suggested tracked items. "
    "Nothing is published: check the minutes of each meeting, then publish them."
)
BATCH_NOT_COMMITTED = "{filename} was not imported: {reason}"
BATCH_NAMES_LEFT_OUT = (
    "{filename}: {count} of the names it records matched no one of the panel's people and were "
    "not recorded as attending: {names}. Record them on the meeting's attendance."
)
BATCH_NOTHING_READY = (
    "No file is ready to import without review: files with warnings are reviewed one by one."
)


def upload_is_archive(form: ImportUploadForm) -> bool:
    upload = form.cleaned_data.get("file")
    return upload is not None and is_archive(upload.name or "")


def archive_upload(request: HttpRequest, form: ImportUploadForm) -> ImportBatch | None:
    """The upload form's ZIP as a batch; None with the refusal on the form."""
    try:
        batch = import_batch_upload(
            actor=request.user, body=form.cleaned_data["body"], upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        form_errors_from(form, error)
        return None
    if not batch.jobs.exists():
        messages.info(request, BATCH_ALL_SKIPPED.format(name=batch.name))
    return batch


def _batch_or_404(pk: int) -> ImportBatch:
    batch = import_batch_get(pk=pk)
    if batch is None:
        raise Http404("No such batch")
    return batch


@require_GET
@require_permission(can_manage_meetings)
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(pk)
    context = {"batch": batch, "progress": import_batch_progress(batch=batch)}
    if wants_partial(request):
        # The poll gets the fragment; once every file is read it has no polling attributes,
        # so the swap that shows the last file done also stops the polling.
        return render(request, f"{BATCH}#progress", context)
    return render(request, BATCH, context)


@require_POST
@require_permission(can_manage_meetings)
def import_batch_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(pk)
    done = import_batch_commit_ready(batch=batch, actor=request.user)
    if done.committed:
        messages.success(request, BATCH_COMMITTED.format(count=len(done.committed)))
    for job, names in done.left_out:
        messages.warning(
            request,
            BATCH_NAMES_LEFT_OUT.format(
                filename=job.filename, count=len(names), names="; ".join(names)
            ),
        )
    for job, reason in done.failed:
        messages.error(request, BATCH_NOT_COMMITTED.format(filename=job.filename, reason=reason))
    if not done.committed and not done.failed:
        messages.info(request, BATCH_NOTHING_READY)
    return redirect(batch)
