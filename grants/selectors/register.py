"""Reads for the public register of awards and its open data (360Giving JSON, CSV)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum

from grants.filters import AwardFilter
from grants.models import Award, GrantRound, MonitoringReturn, Payment

PUBLISHED = GrantRound.Status.AWARDS_MADE
NEWEST_FIRST = ("-decision__decided_on", "application__round__name", "application__position", "pk")


def _published() -> QuerySet[Award]:
    """Awards whose round has reached "awards made": the public ones."""
    return Award.objects.filter(application__round__status=PUBLISHED).select_related(
        "decision",
        "application__organisation",
        "application__round__fund__owner",
    )


@dataclass
class AwardRegister:
    awards: QuerySet[Award]
    filters: dict[str, str]
    totals: dict[str, Any]
    by_round: list[dict[str, Any]]
    choices: dict[str, list[tuple[str, str]]]


def award_register(*, params: Mapping[str, Any]) -> AwardRegister:
    """The public awards filtered by the register's query parameters (`AwardFilter`), with the
    values applied, their totals, the totals by fund and round, and the filter options. Three
    queries besides the page of awards."""
    chosen = AwardFilter(params, queryset=_published())
    awards = chosen.qs.order_by(*NEWEST_FIRST)
    return AwardRegister(
        awards=awards,
        filters=chosen.chosen(),
        totals=award_totals(awards),
        by_round=award_totals_by_round(awards),
        choices=award_register_choices(),
    )


def award_register_choices() -> dict[str, list[tuple[str, str]]]:
    """The filter options: only funds, rounds, organisations and areas with public awards."""
    rows = (
        Award.objects.filter(application__round__status=PUBLISHED)
        .values_list(
            "application__round__fund__slug",
            "application__round__fund__name",
            "application__round__slug",
            "application__round__name",
            "application__organisation__slug",
            "application__organisation__name",
            "application__area",
        )
        .distinct()
    )
    funds, rounds, organisations, areas = {}, {}, {}, set()
    for f_slug, f_name, r_slug, r_name, o_slug, o_name, area in rows:
        funds[f_slug] = f_name
        rounds[r_slug] = f"{f_name}: {r_name}"
        organisations[o_slug] = o_name
        if area:
            areas.add(area)

    def ordered(mapping: dict[str, str]) -> list[tuple[str, str]]:
        return sorted(mapping.items(), key=lambda item: item[1].casefold())

    return {
        "funds": ordered(funds),
        "rounds": ordered(rounds),
        "organisations": ordered(organisations),
        "areas": sorted((a, a) for a in areas),
    }


def award_totals(awards: QuerySet[Award]) -> dict[str, Any]:
    totals = awards.order_by().aggregate(count=Count("pk"), total=Sum("amount"))
    return {"count": totals["count"], "total": totals["total"] or Decimal(0)}


def award_totals_by_round(awards: QuerySet[Award]) -> list[dict[str, Any]]:
    """Totals per fund and round, for the chart and its table."""
    return list(
        awards.order_by()
        .values("application__round__fund__name", "application__round__name")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("application__round__fund__name", "application__round__name")
    )


def awards_for_export() -> QuerySet[Award]:
    return (
        _published()
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.order_by("due_on", "pk")),
            Prefetch("returns", queryset=MonitoringReturn.objects.order_by("due_on", "pk")),
        )
        .order_by("application__round__slug", "application__position", "pk")
    )
