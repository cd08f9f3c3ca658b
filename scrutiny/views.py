"""Tracker pages: the dashboard, item pages, responses, reviews, the action log, timeliness.

Views parse the request, call one selector or service and answer; the selectors filter (with
`scrutiny.filters`) and the services decide what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.confirm import confirm_page
from core.forms import form_create, form_save
from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED
from core.pagination import seek_page
from core.params import query_int
from core.permissions import (
    can_create_tracked_items,
    can_manage_cgb,
    can_manage_meetings,
    can_read_internal,
    can_respond,
    can_review_responses,
    require_permission,
)
from core.types import Actor
from meetings.models import Meeting
from scrutiny import selectors, services
from scrutiny.forms import (
    ActionLogAttachForm,
    ImplementationForm,
    ReasonForm,
    ResponseForm,
    ReviewForm,
)
from scrutiny.models import Response, Review, TrackedItem
from scrutiny.pdf import action_log_pdf
from scrutiny.series_views import series_may_stop

PAGE_SIZE = 25
LIST_TEMPLATE = "scrutiny/item_list.html"
AWAITING_REVIEW = "The response has been submitted and is awaiting review."


def _item_or_404(pk: int) -> TrackedItem:
    try:
        return selectors.item_detail(pk=pk)
    except TrackedItem.DoesNotExist as exc:
        raise Http404("No such tracked item") from exc


def _response_or_404(pk: int, response_pk: int) -> tuple[TrackedItem, Response]:
    item = _item_or_404(pk)
    try:
        return item, selectors.response_of(item=item, pk=response_pk)
    except Response.DoesNotExist as exc:
        raise Http404("No such response") from exc


def _page(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    return render(request, f"{template}#{partial}" if wants_partial(request) else template, context)


def _form_messages(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


# --- Lists -------------------------------------------------------------------------------------


def _list_page(
    request: HttpRequest,
    found: selectors.FilteredItems,
    *,
    heading: str,
    url: str,
    can_chase: bool = False,
) -> HttpResponse:
    page = seek_page(found.items, request.GET.get("page"), PAGE_SIZE)
    context = {
        "filter": found.filter,
        "page": page,
        "items": page.object_list,
        "show_assigned": can_respond(request.user),
        "heading": heading,
        "list_url": url,
        "can_chase": can_chase,
    }
    return _page(request, LIST_TEMPLATE, "results", context)


@require_GET
@require_permission(can_read_internal)
def item_list(request: HttpRequest) -> HttpResponse:
    """`/actions/`: everything asked for, filtered in place (htmx) or by a plain GET."""
    found = selectors.items_filtered(params=request.GET)
    return _list_page(request, found, heading="Open items", url=reverse("scrutiny:item-list"))


@require_GET
@require_permission(can_read_internal)
def item_summary(request: HttpRequest) -> HttpResponse:
    """Counts by state, addressee and response for the dashboard's current filters.

    A separate request (loaded by htmx after the table) so that the table's first page stays
    as quick as the query behind it, however many items there are.
    """
    summary = selectors.items_summary_filtered(params=request.GET)
    return _page(request, "scrutiny/item_summary.html", "summary", {"summary": summary})


@require_GET
@require_permission(can_read_internal)
def item_mine(request: HttpRequest) -> HttpResponse:
    found = selectors.items_filtered(params=request.GET, followed_by=request.user)
    return _list_page(request, found, heading="Items I follow", url=reverse("scrutiny:item-mine"))


@require_GET
@require_permission(can_respond)
def item_assigned(request: HttpRequest) -> HttpResponse:
    found = selectors.items_filtered(params=request.GET, assigned_to_officers=True)
    return _list_page(
        request,
        found,
        heading="Assigned to us",
        url=reverse("scrutiny:item-assigned"),
        can_chase=can_create_tracked_items(request.user),
    )


@require_POST
@require_permission(can_create_tracked_items)
def items_chase(request: HttpRequest) -> HttpResponse:
    ids = [n for n in (query_int(v) for v in request.POST.getlist("item")) if n is not None]
    if not ids:
        messages.error(request, "Select at least one item to mark as chased.")
    else:
        count = services.items_chase(actor=request.user, items=ids)
        messages.success(request, f"{count} item{'s' if count != 1 else ''} marked as chased.")
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    return redirect(back if back and safe else reverse("scrutiny:item-assigned"))


# --- The item page -----------------------------------------------------------------------------


def _item_actions(user: Actor, page: selectors.ItemPage) -> dict[str, bool]:
    """Which of the page's forms the reader is offered (the services check again)."""
    item, in_play = page.item, page.in_play
    awaiting_review = in_play is not None and in_play.status == Response.Status.SUBMITTED
    return {
        "can_respond": can_respond(user) and item.is_open,
        "can_review": can_review_responses(user) and awaiting_review,
        "can_manage": can_create_tracked_items(user) and item.is_open,
        "can_implement": can_respond(user) and not item.withdrawn_at,
        "can_record_outcome": can_manage_cgb(user)
        and item.is_open
        and item.source == TrackedItem.Source.CGB_REQUEST,
        "can_stop_series": page.series is not None
        and not page.series.stopped
        and series_may_stop(user, item),
    }


@require_GET
@require_permission(can_read_internal)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = selectors.item_page(pk=pk, user=request.user)
    except TrackedItem.DoesNotExist as exc:
        raise Http404("No such tracked item") from exc
    item = page.item
    context = {
        **vars(page),
        **_item_actions(request.user, page),
        "review_form": ReviewForm(),
        "implementation_form": ImplementationForm(
            initial={"status": item.implementation_status, "progress": item.progress}
        ),
    }
    return render(request, "scrutiny/item_detail.html", context)


@require_POST
@require_permission(can_read_internal)
def item_follow(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    follow = request.POST.get("follow") == "1"
    services.item_follow(actor=request.user, item=item, follow=follow)
    messages.success(request, "You are following this item." if follow else "Unfollowed.")
    return redirect(item)


def _response_initial(response: Response | None) -> dict[str, Any]:
    """The form as the draft stands. "No draft yet" is version 0, so that the first save is
    checked against a draft someone else saved meanwhile."""
    if response is None:
        return {"version": 0}
    fields = ("version", "body", "position", "plan", "plan_date")
    return {name: getattr(response, name) for name in fields}


def _response_fields(data: dict[str, Any]) -> dict[str, Any]:
    upload = data.get("attachment")
    fields = ("version", "body", "position", "plan", "plan_date")
    return {name: data[name] for name in fields} | {
        "attachment": (upload.name, upload.read()) if upload else None
    }


def _response_saver(
    request: HttpRequest, item: TrackedItem, response: Response | None, *, submit: bool
) -> Callable[[dict[str, Any]], Response]:
    return lambda data: services.response_save(
        actor=request.user, item=item, response=response, submit=submit, **_response_fields(data)
    )


def _response_saved(
    request: HttpRequest, item: TrackedItem, *, again: bool, submit: bool
) -> HttpResponse:
    """A submitted response goes back to the item; a draft (or a form sent twice) to the form."""
    if again:
        messages.info(request, ALREADY_SAVED)
    else:
        messages.success(request, "Response submitted." if submit else "Draft saved.")
    return redirect(
        item if submit and not again else reverse("scrutiny:response-edit", args=[item.pk])
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_respond)
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft, save and submit the response. Each save names the version it edited; a save
    posted after a submission is refused with its text kept."""
    item = _item_or_404(pk)
    response = selectors.response_in_play(item)
    if request.method == "GET" and response and response.status != Response.Status.DRAFT:
        messages.info(request, AWAITING_REVIEW)
        return redirect(item)
    initial = _response_initial(response)
    form = ResponseForm(request.POST or None, request.FILES or None, initial=initial)
    submit = request.POST.get("action") == "submit"
    done = form_create(form, _response_saver(request, item, response, submit=submit))
    if done.again or done.made:
        return _response_saved(request, item, again=done.again, submit=submit)
    context = {"item": item, "form": form, "response": response}
    return render(request, "scrutiny/response_form.html", context)


def _review_message(request: HttpRequest, review: Review | None) -> None:
    if review is None:
        messages.info(request, ALREADY_SAVED)
    elif review.outcome == Review.Outcome.ACCEPTED:
        messages.success(request, "Response accepted; item closed.")
    else:
        messages.success(request, "Response challenged.")


@require_http_methods(["GET", "POST"])
@require_permission(can_review_responses)
def response_review(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    item, response = _response_or_404(pk, response_pk)
    form = ReviewForm(request.POST or None)
    done = form_create(
        form, lambda data: services.response_review(actor=request.user, response=response, **data)
    )
    if done.again or done.made:
        _review_message(request, done.made)
        return redirect(item)
    context = {"item": item, "response": response, "form": form}
    return render(request, "scrutiny/response_review.html", context)


def _withdraw_page(
    request: HttpRequest,
    item: TrackedItem,
    withdraw: Callable[[str], object],
    *,
    heading: str,
    button: str,
    done: str,
) -> HttpResponse:
    """Ask for the reason, then call `withdraw(reason)`; a refusal shows next to the reason."""
    form = ReasonForm(request.POST or None)
    if form_save(form, lambda data: withdraw(data["reason"])) is not None:
        messages.success(request, done)
        return redirect(item)
    return confirm_page(
        request,
        form=form,
        title=f"{heading}: {item.reference}",
        caption=item.reference,
        heading=heading,
        button=button,
        cancel_url=item.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_respond)
def response_withdraw(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    item, response = _response_or_404(pk, response_pk)
    return _withdraw_page(
        request,
        item,
        lambda reason: services.response_withdraw(
            actor=request.user, response=response, reason=reason
        ),
        heading="Withdraw the response",
        button="Withdraw",
        done="Response withdrawn.",
    )


@require_POST
@require_permission(can_respond)
def implementation_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    form = ImplementationForm(request.POST)
    updated = form_save(
        form,
        lambda data: services.item_implementation_update(actor=request.user, item=item, **data),
    )
    if updated is None:
        _form_messages(request, form)
    else:
        messages.success(request, "Implementation status updated.")
    return redirect(item)


@require_http_methods(["GET", "POST"])
@require_permission(can_create_tracked_items)
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    return _withdraw_page(
        request,
        item,
        lambda reason: services.item_withdraw(actor=request.user, item=item, reason=reason),
        heading="Withdraw this item",
        button="Withdraw item",
        done="Item withdrawn. It stays on record with the reason.",
    )


# --- Matters arising / action log --------------------------------------------------------------


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_for_action_log(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


@require_GET
@require_permission(can_read_internal)
def action_log(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    log = selectors.action_log(meeting=_meeting_or_404(meeting_pk), public_only=True)
    context = {
        "log": log,
        "can_attach": can_manage_meetings(request.user),
        "attach_form": ActionLogAttachForm(),
    }
    return render(request, "scrutiny/action_log.html", context)


@require_GET
@require_permission(can_read_internal)
def action_log_download(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(meeting_pk)
    pdf = action_log_pdf(meeting=meeting, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="action-log-{meeting.date}.pdf"'
    return response


@require_POST
@require_permission(can_manage_meetings)
def action_log_attach(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(meeting_pk)
    form = ActionLogAttachForm(request.POST)
    done = form_create(
        form,
        lambda _: services.action_log_attach(
            actor=request.user, meeting=meeting, base_url=request.build_absolute_uri("/")
        ),
    )
    if done.again:
        messages.info(request, ALREADY_SAVED)
    elif done.made:
        messages.success(request, f"Attached “{done.made.title}” to the agenda.")
    else:
        _form_messages(request, form)
    return redirect(reverse("scrutiny:action-log", args=[meeting.pk]))


# --- Public ------------------------------------------------------------------------------------


@require_GET
def timeliness(request: HttpRequest) -> HttpResponse:
    rows = selectors.timeliness()
    context = {"rows": rows, "chart": selectors.timeliness_chart(rows)}
    return render(request, "scrutiny/timeliness.html", context)
