"""Tracker pages: the dashboard, item pages, responses, reviews, the action log, timeliness."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.htmx import wants_partial
from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.pagination import seek_page
from core.permissions import (
    can_create_tracked_items,
    can_manage_cgb,
    can_manage_meetings,
    can_read_internal,
    can_respond,
    can_review_responses,
    require_permission,
)
from core.selectors import event_timeline
from meetings.forms import form_errors_from
from meetings.models import Meeting
from scrutiny import selectors, services
from scrutiny.filters import ItemFilter
from scrutiny.forms import (
    ActionLogAttachForm,
    ImplementationForm,
    ReasonForm,
    ResponseForm,
    ReviewForm,
)
from scrutiny.models import Response, Review, TrackedItem
from scrutiny.pdf import action_log_pdf

PAGE_SIZE = 25


def _item_or_404(pk: int) -> TrackedItem:
    try:
        return selectors.item_detail(pk=pk)
    except TrackedItem.DoesNotExist as exc:
        raise Http404("No such tracked item") from exc


# --- Lists -------------------------------------------------------------------------------------


def _list_page(request: HttpRequest, queryset, *, template: str, extra: dict) -> HttpResponse:
    filterset = ItemFilter(request.GET, queryset=queryset)
    valid = filterset.is_valid()
    page = seek_page(filterset.qs if valid else queryset.none(), request.GET.get("page"), PAGE_SIZE)
    context = {
        "filter": filterset,
        "page": page,
        "items": page.object_list,
        "show_assigned": can_respond(request.user),
        **extra,
    }
    name = f"{template}#results" if wants_partial(request) else template
    return render(request, name, context)


@require_GET
@require_permission(can_read_internal)
def item_list(request: HttpRequest) -> HttpResponse:
    """`/actions/`: everything asked for, filtered in place (htmx) or by a plain GET."""
    return _list_page(
        request,
        selectors.items_base(),
        template="scrutiny/item_list.html",
        extra={"heading": "Open items", "list_url": reverse("scrutiny:item-list")},
    )


@require_GET
@require_permission(can_read_internal)
def item_summary(request: HttpRequest) -> HttpResponse:
    """Counts by state, addressee and response for the dashboard's current filters.

    A separate request (loaded by htmx after the table) so that the table's first page stays
    as quick as the query behind it, however many items there are.
    """
    filterset = ItemFilter(request.GET.copy(), queryset=selectors.items_base())
    filterset.is_valid()
    data = filterset.form.cleaned_data
    base = selectors.items_base()
    for name in ("addressee", "body", "meeting", "due_after", "due_before", "q"):
        if data.get(name):
            base = filterset.filters[name].filter(base, data[name])
    summary = selectors.items_summary(base)
    template = "scrutiny/item_summary.html"
    return render(
        request, f"{template}#summary" if wants_partial(request) else template, {"summary": summary}
    )


@require_GET
@require_permission(can_read_internal)
def item_mine(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.items_followed_by(request.user),
        template="scrutiny/item_list.html",
        extra={"heading": "Items I follow", "list_url": reverse("scrutiny:item-mine")},
    )


@require_GET
@require_permission(can_respond)
def item_assigned(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.items_assigned_to_officers(),
        template="scrutiny/item_list.html",
        extra={
            "heading": "Assigned to us",
            "list_url": reverse("scrutiny:item-assigned"),
            "can_chase": can_create_tracked_items(request.user),
        },
    )


@require_POST
@require_permission(can_create_tracked_items)
def items_chase(request: HttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("item") if v.isdigit()]
    if not ids:
        messages.error(request, "Select at least one item to mark as chased.")
    else:
        count = services.items_chase(
            actor=request.user, items=TrackedItem.objects.filter(pk__in=ids)
        )
        messages.success(request, f"{count} item{'s' if count != 1 else ''} marked as chased.")
    return redirect(request.POST.get("next") or reverse("scrutiny:item-assigned"))


# --- The item page -----------------------------------------------------------------------------


@require_GET
@require_permission(can_read_internal)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    in_play = selectors.response_in_play(item)
    context = {
        "item": item,
        "timeline": event_timeline(subject=item),
        "in_play": in_play,
        "following": item.followers.filter(pk=request.user.pk).exists(),
        "can_respond": can_respond(request.user) and item.is_open,
        "can_review": can_review_responses(request.user)
        and in_play is not None
        and in_play.status == Response.Status.SUBMITTED,
        "can_manage": can_create_tracked_items(request.user) and item.is_open,
        "can_implement": can_respond(request.user) and not item.withdrawn_at,
        "can_record_outcome": can_manage_cgb(request.user)
        and item.is_open
        and item.source == TrackedItem.Source.CGB_REQUEST,
        "in_chain": item.parent_id is not None or bool(item.follow_ups.all()),
        "review_form": ReviewForm(),
        "implementation_form": ImplementationForm(
            initial={"status": item.implementation_status, "progress": item.progress}
        ),
    }
    return render(request, "scrutiny/item_detail.html", context)


@require_POST
@require_permission(can_read_internal)
def item_follow(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(TrackedItem, pk=pk)
    follow = request.POST.get("follow") == "1"
    services.item_follow(actor=request.user, item=item, follow=follow)
    messages.success(request, "You are following this item." if follow else "Unfollowed.")
    return redirect(item)


@require_http_methods(["GET", "POST"])
@require_permission(can_respond)
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft, save and submit the response. Each save names the version it edited."""
    item = _item_or_404(pk)
    response = selectors.response_in_play(item)
    if (
        request.method == "GET"
        and response is not None
        and response.status != Response.Status.DRAFT
    ):
        messages.info(request, "The response has been submitted and is awaiting review.")
        return redirect(item)
    # "No draft yet" is version 0, so that the first save is checked against a draft someone
    # else saved meanwhile. A save posted after a submission is refused with its text kept.
    initial = {"version": response.version if response else 0}
    if response:
        initial |= {
            "body": response.body,
            "position": response.position,
            "plan": response.plan,
            "plan_date": response.plan_date,
        }
    form = ResponseForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submit = request.POST.get("action") == "submit"
        try:
            response = submission_create(
                token=form.token,
                create=lambda: _response_save(request, item, response, data, submit=submit),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect(reverse("scrutiny:response-edit", args=[pk]))
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "Response submitted." if submit else "Draft saved.")
            return redirect(item if submit else reverse("scrutiny:response-edit", args=[pk]))
    return render(
        request,
        "scrutiny/response_form.html",
        {"item": item, "form": form, "response": response},
    )


def _response_save(
    request: HttpRequest,
    item: TrackedItem,
    response: Response | None,
    data: dict,
    *,
    submit: bool,
) -> Response:
    """Save the draft, attach the upload and, if asked, submit: all or nothing."""
    response = services.response_save_draft(
        actor=request.user,
        item=item,
        response=response,
        version=data["version"],
        body=data["body"],
        position=data["position"],
        plan=data["plan"],
        plan_date=data["plan_date"],
    )
    upload = data.get("attachment")
    if upload:
        services.response_attach(
            actor=request.user, response=response, filename=upload.name, content=upload.read()
        )
    if submit:
        services.response_submit(actor=request.user, response=response)
    return response


@require_http_methods(["GET", "POST"])
@require_permission(can_review_responses)
def response_review(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    response = get_object_or_404(Response, pk=response_pk, item=item)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission_create(
                token=form.token,
                create=lambda: services.response_review(
                    actor=request.user,
                    response=response,
                    outcome=data["outcome"],
                    reason=data["reason"],
                    new_due_date=data["new_due_date"],
                ),
            )
        except AlreadySubmitted:
            messages.info(request, ALREADY_SAVED)
            return redirect(item)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            accepted = data["outcome"] == Review.Outcome.ACCEPTED
            messages.success(
                request, "Response accepted; item closed." if accepted else "Response challenged."
            )
            return redirect(item)
    return render(
        request,
        "scrutiny/response_review.html",
        {"item": item, "response": response, "form": form},
    )


def _withdraw_page(request, item, *, withdraw, heading, button, done) -> HttpResponse:
    """Ask for the reason, then call `withdraw(reason)`; a refusal shows next to the reason."""
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw(form.cleaned_data["reason"])
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, done)
            return redirect(item)
    return render(
        request,
        "scrutiny/reason_form.html",
        {"item": item, "form": form, "heading": heading, "button": button},
    )


@require_http_methods(["GET", "POST"])
@require_permission(can_respond)
def response_withdraw(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    response = get_object_or_404(Response, pk=response_pk, item=item)
    return _withdraw_page(
        request,
        item,
        withdraw=lambda reason: services.response_withdraw(
            actor=request.user, response=response, reason=reason
        ),
        heading="Withdraw the response",
        button="Withdraw",
        done="Response withdrawn.",
    )


@require_POST
@require_permission(can_respond)
def implementation_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(TrackedItem, pk=pk)
    form = ImplementationForm(request.POST)
    if form.is_valid():
        try:
            services.item_implementation_update(
                actor=request.user,
                item=item,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
            )
        except ValidationError as error:
            form_errors_from(form, error)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
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
        withdraw=lambda reason: services.item_withdraw(
            actor=request.user, item=item, reason=reason
        ),
        heading="Withdraw this item",
        button="Withdraw item",
        done="Item withdrawn. It stays on record with the reason.",
    )


# --- Matters arising / action log --------------------------------------------------------------


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("body").get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


@require_GET
@require_permission(can_read_internal)
def action_log(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    meeting = _meeting_or_404(meeting_pk)
    log = selectors.action_log(meeting=meeting, public_only=True)
    return render(
        request,
        "scrutiny/action_log.html",
        {
            "log": log,
            "can_attach": can_manage_meetings(request.user),
            "attach_form": ActionLogAttachForm(),
        },
    )


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
    try:
        services_attach = submission_create(
            token=form.token if form.is_valid() else None,
            create=lambda: services.action_log_attach(
                actor=request.user, meeting=meeting, base_url=request.build_absolute_uri("/")
            ),
        )
    except AlreadySubmitted:
        messages.info(request, ALREADY_SAVED)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"Attached “{services_attach.title}” to the agenda.")
    return redirect(reverse("scrutiny:action-log", args=[meeting.pk]))


# --- Public ------------------------------------------------------------------------------------


@require_GET
def timeliness(request: HttpRequest) -> HttpResponse:
    rows = selectors.timeliness()
    chart = {
        "type": "bar",
        "data": {
            "labels": [row.label for row in rows],
            "datasets": [
                {"label": "Answered on time", "data": [row.on_time for row in rows]},
                {"label": "Answered late", "data": [row.answered - row.on_time for row in rows]},
                {"label": "Overdue now", "data": [row.overdue for row in rows]},
            ],
        },
    }
    return render(request, "scrutiny/timeliness.html", {"rows": rows, "chart": chart})
