"""Reads for grants. Each selector fetches what its page needs in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from grants.models import (
    Application,
    Award,
    CommissionedContract,
    ConflictOfInterest,
    Criterion,
    DueDiligenceVisit,
    Fund,
    FundBudget,
    GrantRound,
    MonitoringReturn,
    Payment,
    Score,
)

PUBLISHED = GrantRound.Status.AWARDS_MADE
TWO_PLACES = Decimal("0.01")


# --- Public register -----------------------------------------------------------------------


def award_list_public(
    *,
    fund: str = "",
    round_slug: str = "",
    organisation: str = "",
    area: str = "",
) -> QuerySet[Award]:
    """Awards whose round has reached "awards made", newest decision first."""
    awards = Award.objects.filter(application__round__status=PUBLISHED).select_related(
        "decision",
        "application__organisation",
        "application__round__fund__owner",
    )
    if fund:
        awards = awards.filter(application__round__fund__slug=fund)
    if round_slug:
        awards = awards.filter(application__round__slug=round_slug)
    if organisation:
        awards = awards.filter(application__organisation__slug=organisation)
    if area:
        awards = awards.filter(application__area=area)
    return awards.order_by(
        "-decision__decided_on", "application__round__name", "application__position", "pk"
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
        award_list_public()
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.order_by("due_on", "pk")),
            Prefetch("returns", queryset=MonitoringReturn.objects.order_by("due_on", "pk")),
        )
        .order_by("application__round__slug", "application__position", "pk")
    )


# --- Funds, rounds, applications -----------------------------------------------------------


def fund_list() -> QuerySet[Fund]:
    return Fund.objects.select_related("owner").prefetch_related(
        Prefetch("budgets", queryset=FundBudget.objects.order_by("financial_year")),
        Prefetch("rounds", queryset=GrantRound.objects.order_by("-opens_at", "name")),
        "projects",
    )


def round_get(*, pk: int) -> GrantRound:
    return (
        GrantRound.objects.select_related("fund")
        .prefetch_related("criteria", "decisions", "status_changes")
        .annotate(
            live_count=Count("applications", filter=Q(applications__withdrawn=False)),
            withdrawn_count=Count("applications", filter=Q(applications__withdrawn=True)),
        )
        .get(pk=pk)
    )


def application_get(*, pk: int) -> Application:
    return Application.objects.select_related("round__fund", "organisation").get(pk=pk)


def applications_for_round(*, grant_round: GrantRound) -> QuerySet[Application]:
    return grant_round.applications.select_related("organisation", "award").order_by(
        "position", "pk"
    )


@dataclass
class ScoredApplication:
    application: Application
    computed_percent: Decimal | None
    percent: Decimal | None
    band: str
    assessors: int
    rank: int = 0
    scores: dict[tuple[int, int], Score] = field(default_factory=dict)


def _weighted_percent(criteria: list[Criterion], scores: list[Score]) -> tuple[Decimal | None, int]:
    """Weighted mean over criteria of the mean assessor score as a share of the maximum. None
    until every criterion has at least one score."""
    if not criteria:
        return None, 0
    by_criterion: dict[int, list[int]] = defaultdict(list)
    assessors = set()
    for score in scores:
        by_criterion[score.criterion_id].append(score.value)
        assessors.add(score.assessor_id)
    total_weight = sum(c.weight for c in criteria)
    weighted = Decimal(0)
    for criterion in criteria:
        values = by_criterion.get(criterion.pk)
        if not values:
            return None, len(assessors)
        mean = Decimal(sum(values)) / Decimal(len(values))
        weighted += Decimal(criterion.weight) * mean / Decimal(criterion.max_score)
    percent = (weighted * 100 / Decimal(total_weight)).quantize(TWO_PLACES, ROUND_HALF_UP)
    return percent, len(assessors)


def application_scores_for_round(*, grant_round: GrantRound) -> list[ScoredApplication]:
    """Every live application with its computed and effective (moderated, else computed) score,
    ranked highest first; applications without a score come last in their listed order. Scores
    by an assessor who declared an interest are not counted. Three queries."""
    criteria = list(grant_round.criteria.all())
    conflicts = set(
        ConflictOfInterest.objects.filter(application__round=grant_round).values_list(
            "application_id", "assessor_id"
        )
    )
    applications = list(
        grant_round.applications.filter(withdrawn=False)
        .select_related("organisation", "round")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("pk")))
        .order_by("position", "pk")
    )
    rows = []
    for application in applications:
        counted = [
            s for s in application.scores.all() if (application.pk, s.assessor_id) not in conflicts
        ]
        computed, assessors = _weighted_percent(criteria, counted)
        percent = (
            application.moderated_percent if application.moderated_percent is not None else computed
        )
        rows.append(
            ScoredApplication(
                application=application,
                computed_percent=computed,
                percent=percent,
                band=grant_round.band_for(percent) or application.band_reported,
                assessors=assessors,
            )
        )
    rows.sort(key=lambda r: (r.percent is None, -(r.percent or 0), r.application.position))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows


@dataclass
class BudgetSummary:
    recommended_count: int
    recommended_total: Decimal
    budget: Decimal | None
    over_by: Decimal

    @property
    def over_budget(self) -> bool:
        return self.over_by > 0


def round_budget_summary(
    *, grant_round: GrantRound, rows: list[ScoredApplication]
) -> BudgetSummary:
    recommended = [r.application for r in rows if r.application.recommended]
    total = sum((a.amount_for_recommendation for a in recommended), Decimal(0))
    budget = grant_round.budget
    over = total - budget if budget is not None and total > budget else Decimal(0)
    return BudgetSummary(
        recommended_count=len(recommended), recommended_total=total, budget=budget, over_by=over
    )


def band_counts(*, grant_round: GrantRound, rows: list[ScoredApplication]) -> list[dict[str, Any]]:
    """For each band: how many listed applications fall in it, and how many the papers report."""
    counted: dict[str, int] = defaultdict(int)
    for row in rows:
        counted[row.band] += 1
    return [
        {
            "label": band["label"],
            "min_percent": band.get("min_percent"),
            "listed": counted.get(band["label"], 0),
            "reported": band.get("reported_count"),
        }
        for band in grant_round.score_bands
    ]


@dataclass
class ScoringGrid:
    criteria: list[Criterion]
    rows: list[dict[str, Any]]


def scoring_grid(*, grant_round: GrantRound, assessor: Any) -> ScoringGrid:
    """The assessor's own scores for each live application and criterion. Three queries."""
    criteria = list(grant_round.criteria.all())
    conflicted = set(
        ConflictOfInterest.objects.filter(
            application__round=grant_round, assessor=assessor
        ).values_list("application_id", flat=True)
    )
    applications = (
        grant_round.applications.filter(withdrawn=False)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("scores", queryset=Score.objects.filter(assessor=assessor), to_attr="mine")
        )
        .order_by("position", "pk")
    )
    rows = []
    for application in applications:
        mine = {s.criterion_id: s for s in application.mine}
        rows.append(
            {
                "application": application,
                "conflicted": application.pk in conflicted,
                "cells": [(criterion, mine.get(criterion.pk)) for criterion in criteria],
            }
        )
    return ScoringGrid(criteria=criteria, rows=rows)


# --- Awards, payments and monitoring --------------------------------------------------------


def award_get(*, pk: int) -> Award:
    return (
        Award.objects.select_related(
            "decision", "application__organisation", "application__round__fund"
        )
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.order_by("due_on", "pk")),
            Prefetch("returns", queryset=MonitoringReturn.objects.order_by("due_on", "pk")),
            Prefetch("visits", queryset=DueDiligenceVisit.objects.select_related("organisation")),
        )
        .get(pk=pk)
    )


def award_percentage_paid(*, award: Award) -> Decimal:
    """Paid instalments as a percentage of the award (uses prefetched payments when present)."""
    paid = sum((p.amount for p in award.payments.all() if p.paid_on is not None), Decimal(0))
    return (paid * 100 / award.amount).quantize(TWO_PLACES, ROUND_HALF_UP)


def monitoring_status(*, award: Award, today: datetime.date) -> str:
    """A one-word status for the 360Giving extension and the register: "none", "overdue",
    "up-to-date" or "complete"."""
    returns = list(award.returns.all())
    if not returns:
        return "none"
    if any(r.is_overdue(today) for r in returns):
        return "overdue"
    if all(r.received_on is not None for r in returns):
        return "complete"
    return "up-to-date"


def monitoring_calendar(
    *, today: datetime.date, show: str = "outstanding"
) -> QuerySet[MonitoringReturn]:
    returns = MonitoringReturn.objects.select_related(
        "award__application__organisation", "award__application__round__fund"
    ).order_by("due_on", "pk")
    if show == "overdue":
        return returns.filter(received_on__isnull=True, due_on__lt=today)
    if show == "outstanding":
        return returns.filter(received_on__isnull=True)
    if show == "to_review":
        return returns.filter(received_on__isnull=False, reviewed_on__isnull=True)
    return returns


def visit_list() -> QuerySet[DueDiligenceVisit]:
    return DueDiligenceVisit.objects.select_related(
        "organisation", "fund", "award__application"
    ).order_by("source", "visited_on", "pk")


def contract_list() -> QuerySet[CommissionedContract]:
    return CommissionedContract.objects.select_related("provider", "fund").prefetch_related(
        "review_points"
    )
