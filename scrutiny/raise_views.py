"""Raising a tracked item: from a resolution or minute point, by hand, or from a record of an app
above the tracker (a question about a grant: grants' page, registered in `RAISE_FROM`).

Who may raise what follows the permission table: OPCC officers raise grant items (and the
board's requests, on the CGB pages); the panel's own items, from its minutes or by hand, are
raised by democratic services and administrators. Any signed-in reader may ask about a grant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.forms import Created, form_create
from core.idempotency import ALREADY_SAVED
from core.params import query_int
from core.permissions import (
    can_create_tracked_items,
    can_raise_panel_items,
    can_read_internal,
    require_permission,
)
from meetings.models import MinutePoint, Resolution
from scrutiny import selectors, services
from scrutiny.forms import GRANT_SOURCES, MANUAL_SOURCES, ItemCreateForm
from scrutiny.models import TrackedItem

RaiseFrom = Callable[[HttpRequest, str], HttpResponse]
# Pages that raise an item from a record of an app above the tracker, by the query parameter
# that names the record: such an app registers its page when it starts (grants: a question about
# a grant award, `?grant_award=<id>`), so the tracker imports nothing above it.
RAISE_FROM: dict[str, RaiseFrom] = {}


def raise_from_register(parameter: str, view: RaiseFrom) -> None:
    RAISE_FROM[parameter] = view


def _source_or_404(request: HttpRequest) -> Resolution | MinutePoint | None:
    """The resolution (`resolution=`) or minute point (`point=`) the item is raised from, named
    in the address or the form; None for an item entered by hand."""
    resolution = request.GET.get("resolution") or request.POST.get("resolution")
    point = request.GET.get("point") or request.POST.get("point")
    try:
        if resolution:
            return selectors.resolution_to_track(pk=query_int(resolution) or 0)
        if point:
            return selectors.minute_point_to_track(pk=query_int(point) or 0)
    except (Resolution.DoesNotExist, MinutePoint.DoesNotExist) as exc:
        raise Http404("No such resolution or minute point") from exc
    return None


def _form(request: HttpRequest, source: Resolution | MinutePoint | None) -> ItemCreateForm:
    """OPCC officers raise grant items only, and never from the minutes (the services refuse
    it too; here they are refused before a form is shown)."""
    if not can_create_tracked_items(request.user):
        raise PermissionDenied
    panel = can_raise_panel_items(request.user)
    posted = request.method == "POST"
    if not panel and (source or (posted and request.POST.get("source") not in dict(GRANT_SOURCES))):
        raise PermissionDenied
    initial = {"text": source.text, "title": source.text[:120]} if source else {}
    sources = MANUAL_SOURCES if panel else GRANT_SOURCES
    form = ItemCreateForm(request.POST or None, initial=initial, sources=sources)
    if source is not None:
        # The minutes already say which body asked and where it comes from.
        for name in ("source", "source_document", "body"):
            del form.fields[name]
    return form


def _sources(source: Resolution | MinutePoint | None) -> dict[str, object]:
    return {
        "resolution": source if isinstance(source, Resolution) else None,
        "point": source if isinstance(source, MinutePoint) else None,
    }


def _item_fields(source: Resolution | MinutePoint | None, data: dict[str, Any]) -> dict[str, Any]:
    sources = _sources(source)
    return data | {
        "resolution": sources["resolution"],
        "minute_point": sources["point"],
        "source": data.get("source") or None,
    }


def _raised(request: HttpRequest, done: Created[TrackedItem]) -> HttpResponse:
    """To the item raised (or, for a form sent twice, to the one its first sending raised)."""
    if done.made is not None:
        messages.success(request, f"Tracked item {done.made.reference} raised.")
        return redirect(done.made)
    messages.info(request, ALREADY_SAVED)
    earlier = done.earlier
    return redirect(earlier if isinstance(earlier, TrackedItem) else "scrutiny:item-list")


@require_http_methods(["GET", "POST"])
@require_permission(can_read_internal)
def item_create(request: HttpRequest) -> HttpResponse:
    """From a resolution (`?resolution=`), a minute point (`?point=`), a record of an app above
    the tracker (`RAISE_FROM`: a question about a grant, which any signed-in reader may ask) or
    by hand."""
    for parameter, raise_from in RAISE_FROM.items():
        if record_id := request.GET.get(parameter) or request.POST.get(parameter):
            return raise_from(request, record_id)
    source = _source_or_404(request)
    form = _form(request, source)
    done = form_create(
        form, lambda data: services.item_create(actor=request.user, **_item_fields(source, data))
    )
    if done.again or done.made:
        return _raised(request, done)
    return render(request, "scrutiny/item_create.html", {"form": form, **_sources(source)})
