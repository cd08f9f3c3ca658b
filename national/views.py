"""The national view (public, on every panel's host): every panel's figures, and their CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.views.decorators.http import require_GET

from national import exports, selectors
from national.charts import on_time_chart

DEFAULT_PORTS = ("", "80", "443")


def _port(request: HttpRequest) -> str:
    """The port the reader typed, for the links to each panel's site ("" for 80 and 443)."""
    _, port = split_domain_port(request.get_host())
    return "" if port in DEFAULT_PORTS else port


@require_GET
def panels(request: HttpRequest) -> HttpResponse:
    figures = selectors.national_figures(scheme=request.scheme or "https", port=_port(request))
    context = {
        "rows": figures,
        "chart": on_time_chart(figures),
        "min_meetings": selectors.MIN_MEETINGS_LAST_YEAR,
        "min_requests": selectors.MIN_REQUESTS,
        "min_base": selectors.MIN_BASE,
    }
    return render(request, "national/panels.html", context)


@require_GET
def panels_csv(request: HttpRequest) -> HttpResponse:
    figures = selectors.national_figures(scheme=request.scheme or "https", port=_port(request))
    response = HttpResponse(exports.panels_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="panels.csv"'
    return response
