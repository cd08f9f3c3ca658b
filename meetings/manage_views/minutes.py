"""The minutes editor: minute by minute, with points noted (i), (ii)… and RESOLVED (a), (b)…."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import MinuteAddForm, MinuteForm, MinutePointForm, ResolutionForm
from meetings.manage_views._common import meeting_or_404, minute_or_404, tracked_item_create_url
from meetings.models import Meeting
from meetings.selectors import minute_number_suggest, minutes_for_editor
from meetings.services import minute_create, minute_point_add, minute_update, resolution_add

EDITOR = "meetings/manage/minutes.html"


def _editor(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: dict[tuple[str, int], Any] | None = None,
    **overrides: Any,
) -> HttpResponse:
    """The editor; `bound` holds a posted form with errors, keyed by (kind, minute id)."""
    bound = bound or {}
    blocks = [
        {
            "minute": block.minute,
            "points": block.points,
            "resolutions": block.resolutions,
            "point_form": bound.get(("point", block.minute.pk))
            or MinutePointForm(
                prefix=f"point-{block.minute.pk}", initial={"label": block.next_point_label}
            ),
            "resolution_form": bound.get(("resolution", block.minute.pk))
            or ResolutionForm(
                prefix=f"resolution-{block.minute.pk}",
                initial={"label": block.next_resolution_label},
            ),
        }
        for block in minutes_for_editor(meeting=meeting)
    ]
    context = {
        "meeting": meeting,
        "blocks": blocks,
        "writable": meeting.minutes_writable,
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
    created = form_create(
        form, lambda data: minute_create(meeting=meeting, actor=request.user, **data)
    )
    if created.again:
        return _changed(request, meeting, ALREADY_SAVED)
    if minute := created.made:
        return _changed(request, meeting, f"Minute {minute.number} added.")
    return _editor(request, meeting, minute_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def minute_edit(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = minute_or_404(meeting, minute_pk)
    initial = MinuteForm.initial_for(minute)
    form = MinuteForm(
        request.POST or None, meeting=meeting, prefix=f"minute-{minute.pk}", initial=initial
    )
    saved = form_save(
        form,
        lambda data: minute_update(
            minute=minute, actor=request.user, body_text=minute.body_text, **data
        ),
    )
    if saved is not None:
        return _changed(request, meeting, f"Minute {saved.number} saved.")
    return _editor(request, meeting, editing=minute.pk, edit_form=form)


@require_POST
@require_permission(can_manage_meetings)
def point_add(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = minute_or_404(meeting, minute_pk)
    form = MinutePointForm(request.POST, prefix=f"point-{minute.pk}")
    created = form_create(
        form, lambda data: minute_point_add(minute=minute, actor=request.user, **data)
    )
    if created.again:
        return _changed(request, meeting, ALREADY_SAVED)
    if point := created.made:
        return _changed(request, meeting, f"Point {minute.number}{point.label} added.")
    return _editor(request, meeting, bound={("point", minute.pk): form})


@require_POST
@require_permission(can_manage_meetings)
def resolution_add_view(request: HttpRequest, pk: int, minute_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    minute = minute_or_404(meeting, minute_pk)
    form = ResolutionForm(request.POST, prefix=f"resolution-{minute.pk}")
    created = form_create(
        form, lambda data: resolution_add(minute=minute, actor=request.user, **data)
    )
    if created.again:
        return _changed(request, meeting, ALREADY_SAVED)
    if resolution := created.made:
        notice = f"Resolution {minute.number}{resolution.label} added."
        return _changed(request, meeting, notice)
    return _editor(request, meeting, bound={("resolution", minute.pk): form})
