"""Error pages in the product's own layout."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from core.context_processors import panel_layout
from core.tenancy import current_panel_or_none


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("403.html", request=request), status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse(render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the failure may be in a context processor or the database. The panel
    # is the one already chosen for this request (held in memory), or none.
    context = panel_layout(getattr(request, "panel", None) or current_panel_or_none())
    return HttpResponse(render_to_string("500.html", context), status=500)
