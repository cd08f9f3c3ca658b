"""Reads for awards: an award's page, its payments and monitoring, the monitoring calendar,
visits and contracts."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from grants.filters import ReturnFilter
from grants.models import (
    Award,
    CommissionedContract,
    DueDiligenceVisit,
    MonitoringReturn,
    Payment,
)

TWO_PLACES = Decimal("0.01")


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


@dataclass
class AwardSummary:
    percentage_paid: Decimal
    scheduled: Decimal
    monitoring_status: str


def award_summary(*, award: Award, today: datetime.date) -> AwardSummary:
    """What the award's page says of it, from its prefetched payments and returns."""
    return AwardSummary(
        percentage_paid=award_percentage_paid(award=award),
        scheduled=sum((p.amount for p in award.payments.all()), Decimal(0)),
        monitoring_status=monitoring_status(award=award, today=today),
    )


def payment_get(*, pk: int) -> Payment:
    return Payment.objects.get(pk=pk)


def return_get(*, pk: int) -> MonitoringReturn:
    return MonitoringReturn.objects.select_related("award__application__organisation").get(pk=pk)


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


@dataclass
class ReturnCalendar:
    returns: QuerySet[MonitoringReturn]
    show: str


def monitoring_calendar(*, today: datetime.date, params: Mapping[str, Any]) -> ReturnCalendar:
    """Returns by due date, those the query parameters ask for (`ReturnFilter`: outstanding
    unless told otherwise)."""
    returns = MonitoringReturn.objects.select_related(
        "award__application__organisation", "award__application__round__fund"
    ).order_by("due_on", "pk")
    chosen = ReturnFilter(params, queryset=returns, today=today)
    return ReturnCalendar(returns=chosen.qs, show=chosen.shown)


def visit_list() -> QuerySet[DueDiligenceVisit]:
    return DueDiligenceVisit.objects.select_related(
        "organisation", "fund", "award__application"
    ).order_by("source", "visited_on", "pk")


def contract_list() -> QuerySet[CommissionedContract]:
    return CommissionedContract.objects.select_related("provider", "fund").prefetch_related(
        "review_points"
    )
