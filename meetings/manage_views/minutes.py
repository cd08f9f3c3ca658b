"""The minutes editor: minute by minute, with points noted (i), (ii)… and RESOLVED (a), (b)…."""

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
    MinuteAddForm,
    MinuteForm,
    MinutePointForm,
    ResolutionForm,
    form_errors_from,
)
from meetings.manage_views._common import meeting_or_404, tracked_item_create_url
from meetings.models import Meeting, Minute
from meetings.selectors import minute_number_suggest, minutes_for_editor
from meetings.services import minute_create, minute_point_add, minute_update, resolution_add
from meetings.services.minutes import WRITABLE_STATUSES, label_next, letter, roman

EDITOR = "meetings/manage/minutes.html"


def _minute_or_404(meeting: Meeting, minute_pk: int) -> Minute:
    try:
        return meeting.minutes.get(pk=minute_pk)
    except Minute.DoesNotExist as exc:
        raise Http404("No such minute") from exc


def _editor(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: dict[tuple[str, int], Any] | None = None,
    **overrides: Any,
) -> HttpResponse:
    """The editor; `bound` holds a posted form with errors, keyed by (kind, minute id)."""
    bound = bound or {}
    blocks = []
    for minute in minutes_for_editor(meeting=meeting):
        points, resolutions = list(minute.points.all()), list(minute.resolutions.all())
        blocks.append(
            {
                "minute": minute,
                "points": points,
                "resolutions": resolutions,
                "point_form": bound.get(("point", minute.pk))
                or MinutePointForm(
                    prefix=f"point-{minute.pk}",
                    initial={"label": label_next({p.label for p in points}, len(points), roman)},
                ),
                "resolution_form": bound.get(("resolution", minute.pk))
                or ResolutionForm(
                    prefix=f"resolution-{minute.pk}",
                    initial={
                        "label": label_next(
                            {r.label for r in resolutions}, len(resolutions), letter
                        )
                    },
                ),
            }
        )
    context = {
        "meeting": meeting,
        "blocks": blocks,
        "writable": meeting.status in WRITABLE_STATUSES,
        "minute_form": MinuteAddForm(
            meeting=meeting, initial={"number": minute_number_suggest(meeting=meeting)}
        ),
        "editing": None,
        "edit_form": None,
        "tracked_item_url": tracked_item_create_url(),
        "notice": "",
        **overrides,
    }
    template = f"{EDITOR}#editor" if wants_partial(request) else EDITOR
    return render(request, template, context)


def _changed(request: HttpRequest, meeting: Meeting, notice: str) -> HttpResponse:
    if wants_partial(request):
        return _editor(request, meeting, notice=notice)
    messages.success(request, notice)
    return redirect("meetings:manage-minutes", pk=meeting.pk)


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def minutes_editor(request: HttpRequest, pk: int) -> HttpResponse:
    return _editor(request, meeting_or_404(pk))


@require_POST
@require_permission(can_manage_meetings)
def minute_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = MinuteAddForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            minute = submission_create(
                token=form.token,
                create=lambda: minute_create(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _changed(request, meeting, ALREADY_SAVED)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"Minute {minute.number} added.")
    return _editor(request, meeting, minute_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def minute_edit(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = _minute_or_404(meeting, minute_pk)
    form = MinuteForm(
        request.POST or None,
        meeting=meeting,
        prefix=f"minute-{minute.pk}",
        initial={
            "number": minute.number,
            "title": minute.title,
            "agenda_item": minute.agenda_item_id,
            "preamble": minute.preamble,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            minute = minute_update(
                minute=minute,
                actor=request.user,
                body_text=minute.body_text,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"Minute {minute.number} saved.")
    return _editor(request, meeting, editing=minute.pk, edit_form=form)


@require_POST
@require_permission(can_manage_meetings)
def point_add(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = _minute_or_404(meeting, minute_pk)
    form = MinutePointForm(request.POST, prefix=f"point-{minute.pk}")
    if form.is_valid():
        try:
            point = submission_create(
                token=form.token,
                create=lambda: minute_point_add(
                    minute=minute, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _changed(request, meeting, ALREADY_SAVED)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"Point {minute.number}{point.label} added.")
    return _editor(request, meeting, bound={("point", minute.pk): form})


@require_POST
@require_permission(can_manage_meetings)
def resolution_add_view(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = _minute_or_404(meeting, minute_pk)
    form = ResolutionForm(request.POST, prefix=f"resolution-{minute.pk}")
    if form.is_valid():
        try:
            resolution = submission_create(
                token=form.token,
                create=lambda: resolution_add(
                    minute=minute, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _changed(request, meeting, ALREADY_SAVED)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            notice = f"Resolution {minute.number}{resolution.label} added."
            return _changed(request, meeting, notice)
    return _editor(request, meeting, bound={("resolution", minute.pk): form})
