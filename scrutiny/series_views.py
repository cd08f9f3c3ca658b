"""Recurring items: a series' page (every occurrence of a standing request) and stopping it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.confirm import confirm_page
from core.forms import form_save
from core.permissions import can_create_tracked_items, can_read_internal, require_permission
from core.types import Actor
from scrutiny import selectors, services
from scrutiny.forms import ReasonForm
from scrutiny.models import TrackedItem


def series_may_stop(user: Actor, item: TrackedItem) -> bool:
    """Whether the reader is offered "Stop the series" (the service checks again): whoever may
    raise such an item and withdraw it, while the series runs."""
    may_raise = services.item_raise_permission(
        source=item.source,
        from_minutes=item.resolution_id is not None or item.minute_point_id is not None,
        board_request=item.agenda_item_id is not None,
    )
    return can_create_tracked_items(user) and may_raise(user)


def _series_or_404(pk: int) -> tuple[TrackedItem, list[TrackedItem]]:
    try:
        first, occurrences = selectors.item_series(pk=pk)
    except TrackedItem.DoesNotExist as exc:
        raise Http404("No such tracked item") from exc
    return first, list(occurrences)


@require_GET
@require_permission(can_read_internal)
def item_series(request: HttpRequest, pk: int) -> HttpResponse:
    """`/actions/<pk>/series/`: every occurrence of the series `pk` belongs to, in order (an
    item that does not recur says so, and is listed alone)."""
    first, occurrences = _series_or_404(pk)
    running = first.is_recurring and first.series_status == TrackedItem.SeriesStatus.RUNNING
    context = {
        "first": first,
        "items": occurrences,
        "stopped": first.series_status == TrackedItem.SeriesStatus.STOPPED,
        "can_stop": running and series_may_stop(request.user, first),
    }
    return render(request, "scrutiny/item_series.html", context)


@require_http_methods(["GET", "POST"])
@require_permission(can_create_tracked_items)
def item_series_stop(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the reason, then stop the series: the occurrences raised stay to be answered.
    An item that does not recur has no series to stop: back to its page."""
    first, _ = _series_or_404(pk)
    if not series_may_stop(request.user, first):
        raise PermissionDenied
    if not first.is_recurring:
        messages.info(request, services.SERIES_NOT_RECURRING)
        return redirect(first)
    form = ReasonForm(request.POST or None)
    stopped = form_save(
        form,
        lambda data: services.item_series_stop(
            actor=request.user, item=first, reason=data["reason"]
        ),
    )
    if stopped is not None:
        messages.success(request, "Series stopped. No further occurrences will be raised.")
        return redirect("scrutiny:item-series", pk=first.pk)
    return confirm_page(
        request,
        form=form,
        title=f"Stop the series: {first.reference}",
        caption=first.reference,
        heading="Stop this recurring request",
        explanation="No further occurrences will be raised. The occurrences already raised "
        "stay open, to be answered and reviewed.",
        button="Stop the series",
        cancel_url=first.get_absolute_url(),
    )
