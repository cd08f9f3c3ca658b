"""Public grants pages (no login): the award register, its 360Giving JSON and CSV."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.htmx import wants_partial
from core.params import query_text
from grants import exports, selectors
from grants.views._common import PAGE_SIZE


@require_GET
def award_register(request: HttpRequest) -> HttpResponse:
    filters = {
        "fund": query_text(request.GET.get("fund")),
        "round_slug": query_text(request.GET.get("round")),
        "organisation": query_text(request.GET.get("organisation")),
        "area": query_text(request.GET.get("area")),
    }
    awards = selectors.award_list_public(**filters)
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    by_round = selectors.award_totals_by_round(awards)
    chart = {
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
    template = "grants/award_register.html"
    if wants_partial(request):
        template += "#results"
    return render(
        request,
        template,
        {
            "page": page,
            "totals": selectors.award_totals(awards),
            "by_round": by_round,
            "chart": chart,
            "choices": selectors.award_register_choices(),
            "filters": filters,
        },
    )


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
