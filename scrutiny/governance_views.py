"""The Corporate Governance Board: its meetings, the requests the PCC makes of the Force, their
outcomes, the public report for the panel, and the chain from a panel recommendation onwards."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core import visibility
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import (
    can_manage_cgb,
    can_read_internal,
    require_permission,
)
from meetings.forms import form_errors_from
from meetings.models import AgendaItem, Meeting
from scrutiny import selectors, services
from scrutiny.forms import (
    CgbAttachForm,
    CgbAttendanceForm,
    CgbItemForm,
    CgbMeetingForm,
    CgbOutcomeForm,
    CgbRequestForm,
)
from scrutiny.models import TrackedItem
from scrutiny.pdf import cgb_report_pdf


def _cgb_meeting_or_404(pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("body").get(pk=pk, body__slug=selectors.CGB_SLUG)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such board meeting") from exc


@require_GET
@require_permission(can_manage_cgb)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Open requests to the Force by owner and age, what returns at the next meeting."""
    requests = list(selectors.cgb_open_requests()[:200])
    next_meeting = selectors.cgb_next_meeting()
    return render(
        request,
        "scrutiny/governance/dashboard.html",
        {
            "meetings": selectors.cgb_meetings()[:12],
            "owners": selectors.cgb_requests_by_owner(),
            "requests": requests,
            "next_meeting": next_meeting,
            "returning": [
                r for r in requests if next_meeting and r.due_meeting_id == next_meeting.pk
            ],
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = CgbMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = submission_create(
                token=form.token,
                create=lambda: services.cgb_meeting_create(actor=request.user, **form.cleaned_data),
            )
        except AlreadySubmitted as done:
            messages.info(request, ALREADY_SAVED)
            return redirect("scrutiny:cgb-meeting", pk=done.subject.pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Board meeting added.")
            return redirect("scrutiny:cgb-meeting", pk=meeting.pk)
    return render(request, "scrutiny/governance/meeting_form.html", {"form": form})


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms) -> HttpResponse:
    manage = can_manage_cgb(request.user)
    record = selectors.cgb_record(meeting=meeting, reader=visibility.reader_for(request.user))
    earlier = selectors.cgb_open_requests().filter(raised_on__lt=meeting.date)
    context = {
        "record": record,
        "can_manage": manage,
        "earlier_requests": list(earlier[:100]) if manage else [],
        "attendance_form": forms.get("attendance_form") or CgbAttendanceForm(),
        "item_form": forms.get("item_form") or CgbItemForm(meeting=meeting),
    }
    return render(request, "scrutiny/governance/meeting.html", context)


@require_GET
@require_permission(can_read_internal)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _cgb_meeting_or_404(pk))


@require_http_methods(["POST"])
@require_permission(can_manage_cgb)
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _cgb_meeting_or_404(pk)
    form = CgbAttendanceForm(request.POST)
    if form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: services.cgb_attendance_add(
                    actor=request.user,
                    meeting=meeting,
                    person=form.cleaned_data["person"],
                    office=form.cleaned_data["office"],
                    role_text=form.cleaned_data["role_text"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("scrutiny:cgb-meeting", pk=pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Attendance recorded.")
            return redirect("scrutiny:cgb-meeting", pk=pk)
    return _meeting_page(request, meeting, attendance_form=form)


@require_http_methods(["POST"])
@require_permission(can_manage_cgb)
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _cgb_meeting_or_404(pk)
    form = CgbItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            item = submission_create(
                token=form.token,
                create=lambda: services.cgb_item_add(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("scrutiny:cgb-meeting", pk=pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Item {item.number} added.")
            return redirect("scrutiny:cgb-meeting", pk=pk)
    return _meeting_page(request, meeting, item_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def request_create(request: HttpRequest, item_pk: int) -> HttpResponse:
    agenda_item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__body"),
        pk=item_pk,
        meeting__body__slug=selectors.CGB_SLUG,
    )
    form = CgbRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tracked = submission_create(
                token=form.token,
                create=lambda: services.cgb_request_create(
                    actor=request.user,
                    agenda_item=agenda_item,
                    text=data["text"],
                    addressee=data["addressee"],
                    addressee_person=data["addressee_person"],
                    due_date=data["due_date"],
                    parent=data["parent"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("scrutiny:cgb-meeting", pk=agenda_item.meeting_id)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Request {tracked.reference} recorded.")
            return redirect("scrutiny:cgb-meeting", pk=agenda_item.meeting_id)
    return render(
        request,
        "scrutiny/governance/request_form.html",
        {"form": form, "agenda_item": agenda_item},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_cgb)
def outcome_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        TrackedItem.objects.select_related("agenda_item", "body"),
        pk=pk,
        body__slug=selectors.CGB_SLUG,
    )
    meetings = selectors.cgb_meetings().filter(date__gte=item.raised_on)
    form = CgbOutcomeForm(
        request.POST or None,
        meetings=meetings,
        initial={"meeting": item.due_meeting_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission_create(
                token=form.token,
                create=lambda: services.item_outcome_record(
                    actor=request.user,
                    item=item,
                    outcome=data["outcome"],
                    meeting=data["meeting"],
                    accepted=data["accepted"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("scrutiny:cgb-meeting", pk=data["meeting"].pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("scrutiny:cgb-meeting", pk=data["meeting"].pk)
    return render(request, "scrutiny/governance/outcome_form.html", {"form": form, "item": item})


@require_http_methods(["GET", "POST"])
@require_permission(can_read_internal)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The public report: what the panel and the public read (redacted items say so)."""
    meeting = _cgb_meeting_or_404(pk)
    form = CgbAttachForm(request.POST or None)
    if request.method == "POST":
        if not can_manage_cgb(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                document = submission_create(
                    token=form.token,
                    create=lambda: services.cgb_report_attach(
                        actor=request.user,
                        cgb_meeting=meeting,
                        agenda_item=form.cleaned_data["agenda_item"],
                    ),
                )
            except AlreadySubmitted:
                messages.info(request, ALREADY_SAVED)
                return redirect("scrutiny:cgb-report", pk=pk)
            except ValidationError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, f"Attached “{document.title}” to the panel agenda.")
                return redirect("scrutiny:cgb-report", pk=pk)
    context = {
        "record": selectors.cgb_record(meeting=meeting, reader=visibility.PUBLIC),
        "form": form,
        "can_manage": can_manage_cgb(request.user),
    }
    return render(request, "scrutiny/governance/report.html", context)


@require_GET
@require_permission(can_read_internal)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _cgb_meeting_or_404(pk)
    response = HttpResponse(cgb_report_pdf(meeting=meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cgb-report-{meeting.date}.pdf"'
    return response


@require_GET
@require_permission(can_read_internal)
def chain(request: HttpRequest, pk: int) -> HttpResponse:
    """Panel → PCC → Force → outcome → the PCC's reply to the panel, on one page."""
    item = get_object_or_404(TrackedItem, pk=pk)
    return render(
        request,
        "scrutiny/governance/chain.html",
        {"item": item, "chain": selectors.item_chain(item=item)},
    )
