"""Attendance, declarations of interest and public questions, during or after the meeting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import AttendanceForm, AttendeeForm, DeclarationForm, PublicQuestionForm
from meetings.manage_views._common import meeting_or_404, person_or_404
from meetings.models import Meeting
from meetings.selectors import (
    attendance_register,
    declarations_for_meeting,
    public_questions_for_meeting,
)
from meetings.services import (
    attendance_record,
    declaration_record,
    declarations_carry_forward,
    public_question_record,
)

PAGE = "meetings/manage/attendance.html"


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound_row: AttendanceForm | None = None,
    bound_person: int | None = None,
    fragment: str = "attendance",
    **overrides: Any,
) -> HttpResponse:
    """The page; `bound_row` is the posted row (with its errors) of the person `bound_person`."""
    register = attendance_register(meeting=meeting)
    rows = [
        {
            "suggestion": suggestion,
            "form": bound_row
            if bound_row is not None and suggestion.person.pk == bound_person
            else AttendanceForm.for_row(suggestion.person.pk, suggestion.attendance),
        }
        for suggestion in register.expected
    ]
    context = {
        "meeting": meeting,
        "rows": rows,
        "others": register.others,
        "attendee_form": AttendeeForm(prefix="attendee"),
        "declarations": declarations_for_meeting(meeting=meeting),
        "declaration_form": DeclarationForm(meeting=meeting, prefix="declaration"),
        "questions": public_questions_for_meeting(meeting=meeting),
        "question_form": PublicQuestionForm(prefix="question"),
        "open": meeting.record_open,
        "notice": "",
        **overrides,
    }
    template = f"{PAGE}#{fragment}" if wants_partial(request) else PAGE
    return render(request, template, context)


def _recorded(request: HttpRequest, meeting: Meeting, notice: str, fragment: str) -> HttpResponse:
    if wants_partial(request):
        return _page(request, meeting, notice=notice, fragment=fragment)
    messages.success(request, notice)
    return redirect("meetings:manage-attendance", pk=meeting.pk)


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, meeting_or_404(pk))


@require_POST
@require_permission(can_manage_meetings)
def attendance_record_view(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    meeting, person = meeting_or_404(pk), person_or_404(person_pk)
    form = AttendanceForm(request.POST, prefix=AttendanceForm.row_prefix(person.pk))
    record = form_save(
        form,
        lambda data: attendance_record(meeting=meeting, person=person, actor=request.user, **data),
    )
    if record is not None:
        notice = f"{person}: {record.get_status_display().lower()}."
        return _recorded(request, meeting, notice, "attendance")
    return _page(request, meeting, bound_row=form, bound_person=person.pk)


@require_POST
@require_permission(can_manage_meetings)
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = AttendeeForm(request.POST, prefix="attendee")
    created = form_create(
        form, lambda data: attendance_record(meeting=meeting, actor=request.user, **data)
    )
    if created.again:
        return _recorded(request, meeting, ALREADY_SAVED, "attendance")
    if record := created.made:
        return _recorded(request, meeting, f"{record.person} recorded.", "attendance")
    return _page(request, meeting, attendee_form=form)


@require_POST
@require_permission(can_manage_meetings)
def declaration_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = DeclarationForm(request.POST, meeting=meeting, prefix="declaration")
    created = form_create(
        form, lambda data: declaration_record(meeting=meeting, actor=request.user, **data)
    )
    if created.again:
        return _recorded(request, meeting, ALREADY_SAVED, "declarations")
    if declaration := created.made:
        notice = f"Declaration by {declaration.person} recorded."
        return _recorded(request, meeting, notice, "declarations")
    return _page(request, meeting, declaration_form=form, fragment="declarations")


@require_POST
@require_permission(can_manage_meetings)
def declarations_carry(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    try:
        created = declarations_carry_forward(meeting=meeting, actor=request.user)
    except ValidationError as error:
        return _page(request, meeting, carry_errors=error.messages, fragment="declarations")
    notice = (
        f"{len(created)} standing declaration{'s' if len(created) != 1 else ''} carried forward."
    )
    return _recorded(request, meeting, notice, "declarations")


@require_POST
@require_permission(can_manage_meetings)
def public_question_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = PublicQuestionForm(request.POST, prefix="question")
    created = form_create(
        form, lambda data: public_question_record(meeting=meeting, actor=request.user, **data)
    )
    if created.again:
        return _recorded(request, meeting, ALREADY_SAVED, "questions")
    if created.made:
        return _recorded(request, meeting, "Question recorded.", "questions")
    return _page(request, meeting, question_form=form, fragment="questions")
