"""The agenda builder: add, edit, reorder and withdraw items inline (htmx), attach papers.

Every form also posts without JavaScript: the view then redirects (or re-renders the whole
page with the errors), and htmx requests get the `builder` fragment instead.
"""

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
    AgendaItemAddForm,
    AgendaItemForm,
    AgendaMoveForm,
    AgendaWithdrawForm,
    DocumentForm,
    form_errors_from,
)
from meetings.manage_views._common import meeting_or_404
from meetings.models import AgendaItem, Meeting
from meetings.selectors import agenda_items_for_builder
from meetings.services import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_update,
    agenda_item_withdraw,
    document_attach,
)
from meetings.services.agenda import EDITABLE_STATUSES

BUILDER = "meetings/manage/agenda.html"


def _item_or_404(meeting: Meeting, item_pk: int) -> AgendaItem:
    try:
        return meeting.agenda_items.get(pk=item_pk)
    except AgendaItem.DoesNotExist as exc:
        raise Http404("No such agenda item") from exc


def _builder(request: HttpRequest, meeting: Meeting, **overrides: Any) -> HttpResponse:
    published = meeting.agenda_published_at is not None
    context = {
        "meeting": meeting,
        "items": agenda_items_for_builder(meeting=meeting),
        "published": published,
        "editable": meeting.status in EDITABLE_STATUSES,
        "add_form": AgendaItemAddForm(published=published),
        "editing": None,
        "edit_form": None,
        "notice": "",
        **overrides,
    }
    template = f"{BUILDER}#builder" if wants_partial(request) else BUILDER
    return render(request, template, context)


def _changed(request: HttpRequest, meeting: Meeting, notice: str) -> HttpResponse:
    """After a change: the fresh fragment for htmx, redirect-after-POST otherwise."""
    if wants_partial(request):
        return _builder(request, meeting, notice=notice)
    messages.success(request, notice)
    return redirect("meetings:manage-agenda", pk=meeting.pk)


@require_http_methods(["GET"])
@require_permission(can_manage_meetings)
def agenda_builder(request: HttpRequest, pk: int) -> HttpResponse:
    return _builder(request, meeting_or_404(pk))


@require_POST
@require_permission(can_manage_meetings)
def agenda_item_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = AgendaItemAddForm(request.POST, published=meeting.agenda_published_at is not None)
    if form.is_valid():
        try:
            item = submission_create(
                token=form.token,
                create=lambda: agenda_item_add(
                    meeting=meeting, actor=request.user, **form.cleaned_data
                ),
            )
        except AlreadySubmitted:
            return _changed(request, meeting, ALREADY_SAVED)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"Item {item.number} added: {item.title}")
    return _builder(request, meeting, add_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    item = _item_or_404(meeting, item_pk)
    published = meeting.agenda_published_at is not None
    form = AgendaItemForm(
        request.POST or None,
        initial=AgendaItemForm.initial_for(item),
        published=published,
        prefix="edit",
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = agenda_item_update(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"Item {item.number} saved.")
    return _builder(request, meeting, editing=item.pk, edit_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_move_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Move up or down. On a published agenda the GET page asks for the change note first."""
    meeting = meeting_or_404(pk)
    item = _item_or_404(meeting, item_pk)
    form = AgendaMoveForm(
        request.POST or None,
        initial={"direction": request.GET.get("to")},
        published=meeting.agenda_published_at is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = agenda_item_move(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            return _changed(request, meeting, f"“{moved.title}” is now item {moved.number}.")
    return render(
        request,
        "meetings/manage/agenda_item_move.html",
        {"meeting": meeting, "item": item, "form": form},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_withdraw_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    item = _item_or_404(meeting, item_pk)
    form = AgendaWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_item_withdraw(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Item {item.number} withdrawn.")
            return redirect("meetings:manage-agenda", pk=meeting.pk)
    return render(
        request,
        "meetings/manage/agenda_item_withdraw.html",
        {"meeting": meeting, "item": item, "form": form},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        initial={"agenda_item": request.GET.get("item")},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = submission_create(
                token=form.token,
                create=lambda: document_attach(
                    meeting=meeting,
                    agenda_item=form.cleaned_data["agenda_item"],
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    content=upload.read(),
                    content_type=upload.content_type or "",
                    exempt=form.cleaned_data["exempt"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect("meetings:manage-agenda", pk=meeting.pk)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"“{document.title}” attached.")
            return redirect("meetings:manage-agenda", pk=meeting.pk)
    return render(request, "meetings/manage/document_form.html", {"meeting": meeting, "form": form})
