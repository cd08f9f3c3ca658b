"""Publishing a meeting's agenda and minutes from its staff page (/manage/meetings/<pk>/…).

They live in the tracker because publishing a meeting publishes the items raised at it
(`scrutiny.services.publishing`), and meetings imports nothing above it. A refusal shows on the
meeting's page, as the meetings app renders it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.forms import form_errors_from
from core.outbox import outbox_runs_later
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import ConfirmMinutesForm
from meetings.manage_pages import meeting_detail_page
from meetings.models import Meeting
from meetings.selectors import meeting_for_staff, meetings_for_confirmation
from scrutiny import services

PDF_FOLLOWS = "The PDF will follow shortly."


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return meeting_for_staff(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


def _published(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    """A public meeting's PDF is built by the worker after this request (or, if the broker is
    down, once it is back): say it is coming rather than let its absence look like a fault."""
    if meeting.is_public and outbox_runs_later():
        message = f"{message} {PDF_FOLLOWS}"
    messages.success(request, message)
    return redirect("meetings:manage-meeting-detail", pk=meeting.pk)


@require_POST
@require_permission(can_manage_meetings)
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    try:
        meeting = services.meeting_agenda_publish(meeting=meeting, actor=request.user)
    except ValidationError as error:
        return meeting_detail_page(request, meeting, action_errors=error.messages)
    return _published(request, meeting, "Agenda published.")


@require_POST
@require_permission(can_manage_meetings)
def minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    try:
        meeting = services.meeting_minutes_publish(meeting=meeting, actor=request.user)
    except ValidationError as error:
        return meeting_detail_page(request, meeting, action_errors=error.messages)
    return _published(request, meeting, "Draft minutes published.")


@require_POST
@require_permission(can_manage_meetings)
def minutes_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    form = ConfirmMinutesForm(request.POST, meetings=meetings_for_confirmation(meeting=meeting))
    if form.is_valid():
        try:
            meeting = services.meeting_minutes_confirm(
                meeting=meeting, at_meeting=form.cleaned_data["at_meeting"], actor=request.user
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _published(request, meeting, "Minutes confirmed.")
    return meeting_detail_page(request, meeting, confirm_form=form)
