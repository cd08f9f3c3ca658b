"""The board's pages: its dashboard, meetings, the requests the PCC makes of the Force, their
outcomes, and the public report for the panel. HTTP only: each view parses the request, calls
one selector or service and renders or redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import visibility
from core.forms import form_errors_from
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import can_manage_cgb, can_read_internal, require_permission
from governance import selectors, services
from governance.forms import (
    CgbAttachForm,
    CgbAttendanceForm,
    CgbItemForm,
    CgbMeetingForm,
    CgbOutcomeForm,
    CgbRequestForm,
)
from governance.pdf import cgb_report_pdf
from meetings.models import Meeting

T = TypeVar("T")


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.board_meeting_get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such board meeting") from exc


def _saved(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    success: Callable[[T], str],
) -> T | None:
    """Run `save` (a service call, once per submission: `core.idempotency`) with the data of a
    bound, valid form (an unbound one, a GET's, is never valid) and say so. Returns what it
    made, or what the first sending of the same form made (saying ALREADY_SAVED); None when the
    form or the service refused, the reasons on it."""
    if not form.is_valid():
        return None
    try:
        made = save(form.cleaned_data)
    except AlreadySubmitted as done:
        messages.info(request, ALREADY_SAVED)
        return cast(T, done.subject)
    except ValidationError as error:
        form_errors_from(form, error)
        return None
    messages.success(request, success(made))
    return made


@require_GET
@require_permission(can_manage_cgb)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Open requests to the Force by owner and age, what returns at the next meeting."""
    board = selectors.board_dashboard()
    return render(request, "governance/dashboard.html", {"dashboard": board})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = CgbMeetingForm(request.POST or None)
    if meeting := _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.cgb_meeting_create(actor=request.user, **data),
        ),
        lambda made: "Board meeting added.",
    ):
        return redirect("governance:cgb-meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"form": form})


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    context = {
        "record": selectors.board_record(
            meeting=meeting, reader=visibility.reader_for(request.user)
        ),
        "can_manage": can_manage_cgb(request.user),
        "attendance_form": forms.get("attendance_form") or CgbAttendanceForm(),
        "item_form": forms.get("item_form") or CgbItemForm(meeting=meeting),
    }
    return render(request, "governance/meeting.html", context)


@require_GET
@require_permission(can_read_internal)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting_or_404(pk))


@require_POST
@require_permission(can_manage_cgb)
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    form = CgbAttendanceForm(request.POST)
    if _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.cgb_attendance_add(actor=request.user, meeting=meeting, **data),
        ),
        lambda made: "Attendance recorded.",
    ):
        return redirect("governance:cgb-meeting", pk=pk)
    return _meeting_page(request, meeting, attendance_form=form)


@require_POST
@require_permission(can_manage_cgb)
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    form = CgbItemForm(request.POST, meeting=meeting)
    if _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.cgb_item_add(actor=request.user, meeting=meeting, **data),
        ),
        lambda item: f"Item {item.number} added.",
    ):
        return redirect("governance:cgb-meeting", pk=pk)
    return _meeting_page(request, meeting, item_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def request_create(request: HttpRequest, item_pk: int) -> HttpResponse:
    agenda_item = get_object_or_404(selectors.board_agenda_items(), pk=item_pk)
    form = CgbRequestForm(request.POST or None)
    if _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.cgb_request_create(
                actor=request.user, agenda_item=agenda_item, **data
            ),
        ),
        lambda tracked: f"Request {tracked.reference} recorded.",
    ):
        return redirect("governance:cgb-meeting", pk=agenda_item.meeting_id)
    context = {"form": form, "agenda_item": agenda_item}
    return render(request, "governance/request_form.html", context)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.board_requests(), pk=pk)
    form = CgbOutcomeForm(request.POST or None, item=item)
    if _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.item_outcome_record(actor=request.user, item=item, **data),
        ),
        lambda made: "Outcome recorded.",
    ):
        return redirect("governance:cgb-meeting", pk=form.cleaned_data["meeting"].pk)
    return render(request, "governance/outcome_form.html", {"form": form, "item": item})


@require_http_methods(["GET", "POST"])
@require_permission(can_read_internal)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The public report: what the panel and the public read (redacted items say so). Its
    managers attach it to a panel agenda from here."""
    meeting = _meeting_or_404(pk)
    can_manage = can_manage_cgb(request.user)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = CgbAttachForm(request.POST or None)
    if _saved(
        request,
        form,
        lambda data: submission_create(
            token=form.token,
            create=lambda: services.cgb_report_attach(
                actor=request.user, cgb_meeting=meeting, **data
            ),
        ),
        lambda document: f"Attached “{document.title}” to the panel agenda.",
    ):
        return redirect("governance:cgb-report", pk=pk)
    record = selectors.board_record(meeting=meeting, reader=visibility.PUBLIC)
    context = {"record": record, "form": form, "can_manage": can_manage}
    return render(request, "governance/report.html", context)


@require_GET
@require_permission(can_read_internal)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    response = HttpResponse(cgb_report_pdf(meeting=meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cgb-report-{meeting.date}.pdf"'
    return response
