"""The agenda builder: add, edit, reorder and withdraw items inline (htmx), attach papers.

Every form also posts without JavaScript: the view then redirects (or re-renders the whole
page with the errors), and htmx requests get the `builder` fragment instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.confirm import confirm_page
from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED
from core.permissions import can_manage_meetings, require_permission
from meetings.forms import (
    AgendaItemAddForm,
    AgendaItemForm,
    AgendaMoveForm,
    AgendaWithdrawForm,
    DocumentForm,
)
from meetings.manage_views._common import agenda_item_or_404, meeting_or_404
from meetings.models import AgendaItem, Meeting
from meetings.selectors import agenda_items_for_builder
from meetings.services import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_update,
    agenda_item_withdraw,
    document_attach,
)

BUILDER = "meetings/manage/agenda.html"
WITHDRAW_EXPLANATION = "The item stays on the agenda, marked as withdrawn, with your reason."
WITHDRAW_SUPPLEMENT = " The agenda is published, so this goes out as a supplement."


def _builder(request: HttpRequest, meeting: Meeting, **overrides: Any) -> HttpResponse:
    context = {
        "meeting": meeting,
        "items": agenda_items_for_builder(meeting=meeting),
        "published": meeting.has_published_agenda,
        "editable": meeting.agenda_editable,
        "add_form": AgendaItemAddForm(published=meeting.has_published_agenda),
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
    form = AgendaItemAddForm(request.POST, published=meeting.has_published_agenda)
    created = form_create(
        form, lambda data: agenda_item_add(meeting=meeting, actor=request.user, **data)
    )
    if created.again:
        return _changed(request, meeting, ALREADY_SAVED)
    if item := created.made:
        return _changed(request, meeting, f"Item {item.number} added: {item.title}")
    return _builder(request, meeting, add_form=form)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    item = agenda_item_or_404(meeting, item_pk)
    form = AgendaItemForm(
        request.POST or None,
        initial=AgendaItemForm.initial_for(item),
        published=meeting.has_published_agenda,
        prefix="edit",
    )
    saved = form_save(form, lambda data: agenda_item_update(item=item, actor=request.user, **data))
    if saved is not None:
        return _changed(request, meeting, f"Item {saved.number} saved.")
    return _builder(request, meeting, editing=item.pk, edit_form=form)


def _item_confirm(
    request: HttpRequest,
    meeting: Meeting,
    item: AgendaItem,
    form: Form,
    *,
    verb: str,
    explanation: str = "",
    warning: bool = True,
) -> HttpResponse:
    """The confirmation page for moving or withdrawing one agenda item."""
    return confirm_page(
        request,
        form=form,
        title=f"{verb} item {item.number} – {meeting}",
        caption=str(meeting),
        heading=f"{verb} item {item.number}: {item.title}",
        explanation=explanation,
        button=f"{verb} item",
        warning=warning,
        cancel_url=reverse("meetings:manage-agenda", args=[meeting.pk]),
        cancel_label="Back to the agenda",
        breadcrumbs="meetings/manage/_breadcrumbs.html",
        extra={"meeting": meeting},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_move_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Move up or down. On a published agenda the GET page asks for the change note first."""
    meeting = meeting_or_404(pk)
    item = agenda_item_or_404(meeting, item_pk)
    form = AgendaMoveForm(
        request.POST or None,
        initial={"direction": request.GET.get("to")},
        published=meeting.has_published_agenda,
    )
    moved = form_save(form, lambda data: agenda_item_move(item=item, actor=request.user, **data))
    if moved is not None:
        return _changed(request, meeting, f"“{moved.title}” is now item {moved.number}.")
    return _item_confirm(request, meeting, item, form, verb="Move", warning=False)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def agenda_item_withdraw_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    item = agenda_item_or_404(meeting, item_pk)
    form = AgendaWithdrawForm(request.POST or None)
    if form_save(form, lambda data: agenda_item_withdraw(item=item, actor=request.user, **data)):
        messages.success(request, f"Item {item.number} withdrawn.")
        return redirect("meetings:manage-agenda", pk=meeting.pk)
    explanation = WITHDRAW_EXPLANATION
    if meeting.has_published_agenda:
        explanation += WITHDRAW_SUPPLEMENT
    return _item_confirm(request, meeting, item, form, verb="Withdraw", explanation=explanation)


@require_http_methods(["GET", "POST"])
@require_permission(can_manage_meetings)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    initial = {"agenda_item": request.GET.get("item")}
    form = DocumentForm(
        request.POST or None, request.FILES or None, meeting=meeting, initial=initial
    )
    created = form_create(
        form, lambda _: document_attach(meeting=meeting, actor=request.user, **form.attachment())
    )
    if created.again:
        messages.info(request, ALREADY_SAVED)
    elif document := created.made:
        messages.success(request, f"“{document.title}” attached.")
    else:
        context = {"meeting": meeting, "form": form}
        return render(request, "meetings/manage/document_form.html", context)
    return redirect("meetings:manage-agenda", pk=meeting.pk)
