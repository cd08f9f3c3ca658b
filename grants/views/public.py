"""Public grants pages (no login): the award register, its 360Giving JSON and CSV."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.htmx import wants_partial
from core.pagination import seek_page
from grants import exports, selectors
from grants.views._common import PAGE_SIZE


def _chart(by_round: list[dict[str, Any]]) -> dict[str, Any]:
    """The Chart.js bar chart of the amount awarded by fund and round."""
    return {
        "type": "bar",
        "data": {
            "labels": [
                f"{r['application__round__fund__name']}: {r['application__round__name']}"
                for r in by_round
            ],
            "datasets": [{"label": "Awarded (£)", "data": [float(r["total"]) for r in by_round]}],
        },
        "options": {"plugins": {"legend": {"display": False}}},
    }


@require_GET
def award_register(request: HttpRequest) -> HttpResponse:
    register = selectors.award_register(params=request.GET)
    page = seek_page(register.awards, request.GET.get("page"), PAGE_SIZE)
    template = "grants/award_register.html" + ("#results" if wants_partial(request) else "")
    context = {"page": page, "chart": _chart(register.by_round), **vars(register)}
    return render(request, template, context)


@require_GET
def giving_360(request: HttpRequest) -> JsonResponse:
    package = exports.package_360(list(selectors.awards_for_export()))
    return JsonResponse(package, json_dumps_params={"indent": 1, "ensure_ascii": False})


@require_GET
def awards_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        exports.awards_csv(list(selectors.awards_for_export())), content_type="text/csv"
    )
    response["Content-Disposition"] = 'attachment; filename="awards.csv"'
    return response
