"""Raising a tracked item: from a resolution or minute point, by hand, or a question about a grant.

Who may raise what follows the permission table: OPCC officers raise grant items (and the
board's requests, on the CGB pages); the panel's own items, from its minutes or by hand, are
raised by democratic services and administrators. Any signed-in reader may ask about a grant.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.idempotency import ALREADY_SAVED, AlreadySubmitted, submission_create
from core.permissions import (
    can_create_tracked_items,
    can_raise_panel_items,
    can_read_internal,
    require_permission,
)
from meetings.forms import form_errors_from
from meetings.models import Body, MinutePoint, Resolution
from scrutiny import services
from scrutiny.forms import GRANT_SOURCES, MANUAL_SOURCES, GrantQuestionForm, ItemCreateForm
from scrutiny.models import TrackedItem


@require_http_methods(["GET", "POST"])
@require_permission(can_read_internal)
def item_create(request: HttpRequest) -> HttpResponse:
    """From a resolution (`?resolution=`), a minute point (`?point=`), a question about a grant
    (`?grant_award=`, which any signed-in reader may ask) or by hand."""
    award_id = request.GET.get("grant_award") or request.POST.get("grant_award")
    if award_id:
        return _grant_question(request, award_id)
    if not can_create_tracked_items(request.user):
        raise PermissionDenied
    source_id = request.GET.get("resolution") or request.POST.get("resolution")
    point_id = request.GET.get("point") or request.POST.get("point")
    panel = can_raise_panel_items(request.user)
    if not panel and (
        source_id
        or point_id
        or (request.method == "POST" and request.POST.get("source") not in dict(GRANT_SOURCES))
    ):
        raise PermissionDenied
    resolution = point = None
    initial: dict = {}
    if source_id:
        resolution = get_object_or_404(
            Resolution.objects.select_related("minute__meeting__body"), pk=source_id
        )
        initial = {"text": resolution.text, "title": resolution.text[:120]}
    elif point_id:
        point = get_object_or_404(
            MinutePoint.objects.select_related("minute__meeting__body"), pk=point_id
        )
        initial = {"text": point.text, "title": point.text[:120]}
    form = ItemCreateForm(
        request.POST or None, initial=initial, sources=MANUAL_SOURCES if panel else GRANT_SOURCES
    )
    if resolution or point:
        # The minutes already say which body asked and where it comes from.
        for name in ("source", "source_document", "body"):
            del form.fields[name]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = submission_create(
                token=form.token,
                create=lambda: services.item_create(
                    actor=request.user,
                    resolution=resolution,
                    minute_point=point,
                    title=data["title"],
                    text=data["text"],
                    body=data.get("body"),
                    source=data.get("source") or None,
                    source_document=data.get("source_document", ""),
                    addressee=data["addressee"],
                    addressee_person=data["addressee_person"],
                    requested_by=data["requested_by"],
                    response_wanted=data["response_wanted"],
                    due_kind=data["due_kind"],
                    due_date=data["due_date"],
                    statutory_days=data["statutory_days"],
                ),
            )
        except AlreadySubmitted as done:
            messages.info(request, ALREADY_SAVED)
            return redirect(done.subject)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, f"Tracked item {item.reference} raised.")
            return redirect(item)
    return render(
        request,
        "scrutiny/item_create.html",
        {"form": form, "resolution": resolution, "point": point},
    )


def _grant_question(request: HttpRequest, award_id: str) -> HttpResponse:
    """A question about a grant award, addressed to the OPCC on the panel's behalf."""
    from grants.models import Award

    award = get_object_or_404(
        Award.objects.select_related("application__organisation", "decision"), pk=award_id
    )
    panel = Body.objects.filter(kind=Body.Kind.PANEL, parent__isnull=True).order_by("pk").first()
    form = GrantQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if panel is None:
                raise ValidationError("No panel is set up to ask the question on behalf of.")
            item = submission_create(
                token=form.token,
                create=lambda: services.item_create(
                    actor=request.user,
                    source=TrackedItem.Source.GRANT_QUESTION,
                    source_document=(
                        f"Grant award: {award} (decision {award.decision.public_reference})"
                    ),
                    body=panel,
                    title=form.cleaned_data["question"][:120],
                    text=form.cleaned_data["question"],
                    addressee=TrackedItem.Addressee.OPCC,
                    requested_by=TrackedItem.RequestedBy.MEMBER,
                    response_wanted=TrackedItem.ResponseWanted.INFORMATION,
                    due_date=form.cleaned_data["due_date"],
                ),
            )
        except AlreadySubmitted as done:
            messages.info(request, ALREADY_SAVED)
            return redirect(done.subject)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            services.item_follow(actor=request.user, item=item)
            messages.success(request, f"Your question was sent to the OPCC as {item.reference}.")
            return redirect(item)
    return render(request, "scrutiny/grant_question.html", {"form": form, "award": award})
