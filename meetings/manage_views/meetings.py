"""Meeting list, create and edit, and the meeting page with its lifecycle actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.dates import date_long
from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED
from core.pagination import seek_page
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import CancelForm, HeldForm, MeetingCreateForm, MeetingForm
from meetings.manage_pages import meeting_detail_page
from meetings.manage_views._common import meeting_or_404
from meetings.models import Meeting
from meetings.selectors import body_list_for_staff, meeting_list_for_staff
from meetings.services import (
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_update,
)

PAGE_SIZE = 25
FORM = "meetings/manage/meeting_form.html"


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = meeting_list_for_staff(params=request.GET)
    context = {
        "page": seek_page(meetings, request.GET.get("page"), PAGE_SIZE),
        "bodies": body_list_for_staff(),
        "body_id": request.GET.get("body", ""),
    }
    template = "meetings/manage/meeting_list.html"
    return render(request, f"{template}#results" if wants_partial(request) else template, context)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    form = MeetingCreateForm(request.POST or None)
    created = form_create(form, lambda data: meeting_create(actor=request.user, **data))
    if created.again and created.earlier is not None:
        messages.info(request, ALREADY_SAVED)
        return redirect("meetings:manage-agenda", pk=created.earlier.pk)
    if meeting := created.made:
        messages.success(request, f"Meeting on {date_long(meeting.date)} scheduled.")
        return redirect("meetings:manage-agenda", pk=meeting.pk)
    return render(request, FORM, {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting), editing=True)
    if form_save(form, lambda data: meeting_update(meeting=meeting, actor=request.user, **data)):
        messages.success(request, "Meeting details saved.")
        return redirect("meetings:manage-meeting-detail", pk=meeting.pk)
    return render(request, FORM, {"form": form, "meeting": meeting})


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_detail_page(request, meeting_or_404(pk))


def _done(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("meetings:manage-meeting-detail", pk=meeting.pk)


@require_POST
@require_permission(can_manage_meetings)
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = CancelForm(request.POST)
    if form_save(form, lambda data: meeting_cancel(meeting=meeting, actor=request.user, **data)):
        return _done(request, meeting, "Meeting cancelled.")
    return meeting_detail_page(request, meeting, cancel_form=form)


@require_POST
@require_permission(can_manage_meetings)
def meeting_held_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = HeldForm(request.POST)
    if form_save(form, lambda data: meeting_mark_held(meeting=meeting, actor=request.user, **data)):
        return _done(request, meeting, "Meeting recorded as held. You can write the minutes.")
    return meeting_detail_page(request, meeting, held_form=form)
