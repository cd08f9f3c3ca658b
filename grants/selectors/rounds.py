"""Reads for funds and rounds: a round's page, its applications, the assessors' grid, the
weighted scores and ranking, moderation and the decision."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from core.lifecycle import status_history
from core.models import StatusChange
from core.types import Actor
from grants.models import (
    ROUND_LIFECYCLE,
    Application,
    ConflictOfInterest,
    Criterion,
    Fund,
    FundBudget,
    GrantRound,
    ModerationChange,
    Score,
)

TWO_PLACES = Decimal("0.01")


def fund_list() -> QuerySet[Fund]:
    return Fund.objects.select_related("owner").prefetch_related(
        Prefetch("budgets", queryset=FundBudget.objects.order_by("financial_year")),
        Prefetch("rounds", queryset=GrantRound.objects.order_by("-opens_at", "name")),
        "projects",
    )


def round_get(*, pk: int) -> GrantRound:
    return (
        GrantRound.objects.select_related("fund")
        .prefetch_related("criteria", "decisions")
        .annotate(
            live_count=Count("applications", filter=Q(applications__withdrawn=False)),
            withdrawn_count=Count("applications", filter=Q(applications__withdrawn=True)),
        )
        .get(pk=pk)
    )


def round_next_statuses(*, grant_round: GrantRound) -> list[tuple[str, str]]:
    """The moves an officer can make from the round's page: its lifecycle's next statuses but
    "decided", which only recording the Commissioner's decision reaches."""
    targets = ROUND_LIFECYCLE.targets(grant_round.status) - {GrantRound.Status.DECIDED}
    return [(status, GrantRound.Status(status).label) for status in sorted(targets)]


def round_status_history(*, grant_round: GrantRound) -> QuerySet[StatusChange]:
    """Every move of the round's status, oldest first, with who made it."""
    return status_history(grant_round, ROUND_LIFECYCLE.field).select_related("actor")


def application_get(*, pk: int) -> Application:
    return Application.objects.select_related("round__fund", "organisation").get(pk=pk)


def applications_for_round(*, grant_round: GrantRound) -> QuerySet[Application]:
    return grant_round.applications.select_related("organisation", "award").order_by(
        "position", "pk"
    )


def moderation_changes(*, application: Application) -> QuerySet[ModerationChange]:
    return application.moderation_changes.select_related("actor")


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


def scoring_grid(*, grant_round: GrantRound, assessor: Actor) -> ScoringGrid:
    """The assessor's own scores for each live application and criterion. Three queries."""
    criteria = list(grant_round.criteria.all())
    conflicted = set(
        ConflictOfInterest.objects.filter(
            application__round=grant_round, assessor_id=assessor.pk
        ).values_list("application_id", flat=True)
    )
    applications = (
        grant_round.applications.filter(withdrawn=False)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "scores", queryset=Score.objects.filter(assessor_id=assessor.pk), to_attr="mine"
            )
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


@dataclass
class Moderation:
    rows: list[ScoredApplication]
    budget: BudgetSummary
    bands: list[dict[str, Any]]
    # Applications the papers report but do not list (received less withdrawn less listed).
    unlisted: int


def round_moderation(*, grant_round: GrantRound) -> Moderation:
    """The moderation page: the ranked scores, the recommended total against the budget, and
    the score bands as listed and as the papers report them."""
    rows = application_scores_for_round(grant_round=grant_round)
    reported = (grant_round.applications_reported or 0) - (grant_round.withdrawn_reported or 0)
    return Moderation(
        rows=rows,
        budget=round_budget_summary(grant_round=grant_round, rows=rows),
        bands=band_counts(grant_round=grant_round, rows=rows),
        unlisted=reported - len(rows),
    )


@dataclass
class Recommended:
    rows: list[ScoredApplication]
    budget: BudgetSummary


def round_recommended(*, grant_round: GrantRound) -> Recommended:
    """What the Commissioner's decision would award: the recommended applications and their
    total against the budget."""
    rows = application_scores_for_round(grant_round=grant_round)
    return Recommended(
        rows=[row for row in rows if row.application.recommended],
        budget=round_budget_summary(grant_round=grant_round, rows=rows),
    )


def score_cell_get(
    *, grant_round: GrantRound, application_id: int | None, criterion_id: int | None
) -> tuple[Application, Criterion]:
    """The application and criterion of one cell of the round's scoring grid; raises
    DoesNotExist for either when it is not in this round."""
    application = Application.objects.select_related("round", "organisation").get(
        pk=application_id or 0, round=grant_round
    )
    return application, grant_round.criteria.get(pk=criterion_id or 0)
