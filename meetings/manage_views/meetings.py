"""Meeting list, create and edit, and the meeting page with its lifecycle actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.outbox import outbox_runs_later
from core.params import query_int
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import (
    CancelForm,
    ConfirmMinutesForm,
    HeldForm,
    MeetingCreateForm,
    MeetingForm,
    form_errors_from,
)
from meetings.manage_views._common import meeting_or_404
from meetings.models import Meeting
from meetings.selectors import (
    body_list_for_staff,
    meeting_list_for_staff,
    meeting_previous,
    meetings_for_confirmation,
)
from meetings.services import (
    agenda_publish,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_update,
    minutes_confirm,
    minutes_publish_draft,
)

PAGE_SIZE = 25
PDF_FOLLOWS = "The PDF will follow shortly."
DETAIL = "meetings/manage/meeting_detail.html"


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def meeting_list(request: HttpRequest) -> HttpResponse:
    body_id = request.GET.get("body", "")
    meetings = meeting_list_for_staff(body_id=query_int(body_id))
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "meetings/manage/meeting_list.html"
    if wants_partial(request):
        template += "#results"
    return render(
        request,
        template,
        {"page": page, "bodies": body_list_for_staff(), "body_id": body_id},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    form = MeetingCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = submission_create(
                token=form.token,
                create=lambda: meeting_create(actor=request.user, **form.cleaned_data),
            )
        except AlreadySubmitted as done:
            messages.info(request, ALREADY_SAVED)
            return redirect("meetings:manage-agenda", pk=done.subject.pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Meeting on {meeting.date:%-d %B %Y} scheduled.")
            return redirect("meetings:manage-agenda", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": None})


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    initial = {name: getattr(meeting, name) for name in MeetingForm.base_fields if name != "body"}
    form = MeetingForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_update(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect("meetings:manage-meeting-detail", pk=meeting.pk)
    return render(request, "meetings/manage/meeting_form.html", {"form": form, "meeting": meeting})


def _detail(request: HttpRequest, meeting: Meeting, **overrides: Any) -> HttpResponse:
    later = meetings_for_confirmation(meeting=meeting)
    context = {
        "meeting": meeting,
        "previous": meeting_previous(meeting=meeting),
        "versions": meeting.agenda_versions.order_by("number"),
        "confirmed_here": meeting.confirmed_minutes_of.order_by("date"),
        "cancel_form": CancelForm(),
        "held_form": HeldForm(
            initial={"start_time": meeting.start_time, "end_time": meeting.end_time}
        ),
        "confirm_form": ConfirmMinutesForm(meetings=later, initial={"at_meeting": later.first()}),
        "action_errors": [],
        **overrides,
    }
    return render(request, DETAIL, context)


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, meeting_or_404(pk))


def _done(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("meetings:manage-meeting-detail", pk=meeting.pk)


def _published(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    """A public meeting's PDF is built by the worker after this request (or, if the broker is
    down, once it is back): say it is coming rather than let its absence look like a fault."""
    if meeting.is_public and outbox_runs_later():
        message = f"{message} {PDF_FOLLOWS}"
    return _done(request, meeting, message)


@require_POST
@require_permission(can_manage_meetings)
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            meeting_cancel(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _done(request, meeting, "Meeting cancelled.")
    return _detail(request, meeting, cancel_form=form)


@require_POST
@require_permission(can_manage_meetings)
def meeting_held_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = HeldForm(request.POST)
    if form.is_valid():
        try:
            meeting_mark_held(meeting=meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _done(request, meeting, "Meeting recorded as held. You can write the minutes.")
    return _detail(request, meeting, held_form=form)


@require_POST
@require_permission(can_manage_meetings)
def agenda_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    try:
        meeting = agenda_publish(meeting=meeting, actor=request.user)
    except ValidationError as error:
        return _detail(request, meeting, action_errors=error.messages)
    return _published(request, meeting, "Agenda published.")


@require_POST
@require_permission(can_manage_meetings)
def minutes_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    try:
        meeting = minutes_publish_draft(meeting=meeting, actor=request.user)
    except ValidationError as error:
        return _detail(request, meeting, action_errors=error.messages)
    return _published(request, meeting, "Draft minutes published.")


@require_POST
@require_permission(can_manage_meetings)
def minutes_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = ConfirmMinutesForm(request.POST, meetings=meetings_for_confirmation(meeting=meeting))
    if form.is_valid():
        try:
            meeting = minutes_confirm(
                meeting=meeting, at_meeting=form.cleaned_data["at_meeting"], actor=request.user
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _published(request, meeting, "Minutes confirmed.")
    return _detail(request, meeting, confirm_form=form)
