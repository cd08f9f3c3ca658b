"""Attendance, declarations of interest and public questions, during or after the meeting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import (
    AttendanceForm,
    AttendeeForm,
    DeclarationForm,
    PublicQuestionForm,
    form_errors_from,
)
from meetings.manage_views._common import meeting_or_404
from meetings.models import Meeting, Person
from meetings.selectors import (
    attendance_for_meeting,
    attendance_suggestions,
    declarations_for_meeting,
    public_questions_for_meeting,
)
from meetings.services import (
    attendance_record,
    declaration_record,
    declarations_carry_forward,
    public_question_record,
)
from meetings.services.attendance import CLOSED_STATUSES

PAGE = "meetings/manage/attendance.html"


def _row_prefix(person_id: int) -> str:
    return f"p{person_id}"


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound_row: AttendanceForm | None = None,
    bound_person: int | None = None,
    fragment: str = "attendance",
    **overrides: Any,
) -> HttpResponse:
    suggestions = attendance_suggestions(meeting=meeting)
    rows = []
    for suggestion in suggestions:
        person_id = suggestion.membership.person_id
        if bound_row is not None and person_id == bound_person:
            form = bound_row
        else:
            record = suggestion.attendance
            initial = (
                {
                    "status": record.status,
                    "in_the_chair": record.in_the_chair,
                    "left_at": record.left_at,
                }
                if record
                else {"status": "present"}
            )
            form = AttendanceForm(prefix=_row_prefix(person_id), initial=initial)
        rows.append({"suggestion": suggestion, "form": form})
    expected = {s.membership.person_id for s in suggestions}
    context = {
        "meeting": meeting,
        "rows": rows,
        "others": [
            a for a in attendance_for_meeting(meeting=meeting) if a.person_id not in expected
        ],
        "attendee_form": AttendeeForm(prefix="attendee"),
        "declarations": declarations_for_meeting(meeting=meeting),
        "declaration_form": DeclarationForm(meeting=meeting, prefix="declaration"),
        "questions": public_questions_for_meeting(meeting=meeting),
        "question_form": PublicQuestionForm(prefix="question"),
        "open": meeting.status not in CLOSED_STATUSES,
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
    meeting = meeting_or_404(pk)
    try:
        person = Person.objects.get(pk=person_pk)
    except Person.DoesNotExist as exc:
        raise Http404("No such person") from exc
    form = AttendanceForm(request.POST, prefix=_row_prefix(person.pk))
    if form.is_valid():
        try:
            record = attendance_record(
                meeting=meeting, person=person, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            notice = f"{person}: {record.get_status_display().lower()}."
            return _recorded(request, meeting, notice, "attendance")
    return _page(request, meeting, bound_row=form, bound_person=person.pk)


@require_POST
@require_permission(can_manage_meetings)
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = AttendeeForm(request.POST, prefix="attendee")
    if form.is_valid():
        try:
            record = submission_create(
                token=form.token,
                create=lambda: attendance_record(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _recorded(request, meeting, ALREADY_SAVED, "attendance")
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _recorded(request, meeting, f"{record.person} recorded.", "attendance")
    return _page(request, meeting, attendee_form=form)


@require_POST
@require_permission(can_manage_meetings)
def declaration_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = DeclarationForm(request.POST, meeting=meeting, prefix="declaration")
    if form.is_valid():
        try:
            declaration = submission_create(
                token=form.token,
                create=lambda: declaration_record(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _recorded(request, meeting, ALREADY_SAVED, "declarations")
        except ValidationError as error:
            form_errors_from(form, error)
        else:
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
    if form.is_valid():
        try:
            submission_create(
                token=form.token,
                create=lambda: public_question_record(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _recorded(request, meeting, ALREADY_SAVED, "questions")
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _recorded(request, meeting, "Question recorded.", "questions")
    return _page(request, meeting, question_form=form, fragment="questions")
