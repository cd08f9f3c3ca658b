"""A panel's commissioner's grants at scale: a grant scheme with a round a year (criteria,
applications, the decision and its awards, their payments, monitoring returns and visits), a
commissioning budget with its contracts, and both funds' yearly budgets."""

from __future__ import annotations

import datetime
from decimal import Decimal

from grants.models import (
    Application,
    Award,
    CommissionedContract,
    Criterion,
    Decision,
    DueDiligenceVisit,
    Fund,
    FundBudget,
    GrantRound,
    MonitoringReturn,
    Payment,
)

from .directory import SCALE_SLUG, Directory
from .meetings import DAY, Context, Rows
from .text import at_noon

APPLICATIONS_PER_ROUND = 15
CRITERIA = ("Need", "Outcomes", "Value for money")
CONTRACTS = ("Victims' hub", "Restorative justice", "Independent sexual violence advisers")
BUDGET = Decimal("200000.00")


def _financial_year(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def grants_rows(context: Context, directory: Directory, years: range) -> Rows:
    """Funds and one round a financial year of `years`: the last is open for applications,
    every earlier one has made its awards."""
    rows = Rows()
    scheme = rows.add(
        Fund,
        context.row(
            Fund,
            name="Community Safety Fund",
            slug=f"{SCALE_SLUG}community-safety",
            kind=Fund.Kind.GRANT_SCHEME,
            owner_id=directory.opcc,
            description=context.pools.text(),
        ),
    )
    commissioning = rows.add(
        Fund,
        context.row(
            Fund,
            name="Victims' services",
            slug=f"{SCALE_SLUG}victims",
            kind=Fund.Kind.COMMISSIONING,
            description=context.pools.text(),
        ),
    )
    for fund in (scheme, commissioning):
        for year in years:
            rows.add(
                FundBudget,
                context.row(
                    FundBudget,
                    fund_id=fund["id"],
                    financial_year=_financial_year(year),
                    amount=BUDGET,
                    amount_text="£200,000",
                ),
            )
    for year in years:
        _round(context, rows, directory, scheme["id"], year, is_open=year == years[-1])
    for n, service in enumerate(CONTRACTS):
        start = datetime.date(years[-1] - 2, 4, 1)
        rows.add(
            CommissionedContract,
            context.row(
                CommissionedContract,
                service=service,
                slug=f"{SCALE_SLUG}contract-{n}",
                provider_id=directory.applicants[n],
                fund_id=commissioning["id"],
                start_date=start,
                end_date=start.replace(year=start.year + 3) - DAY,
                value=Decimal("150000.00"),
                value_text="£150,000 a year",
            ),
        )
    return rows


def _round(
    context: Context, rows: Rows, directory: Directory, fund: int, year: int, *, is_open: bool
) -> None:
    rng, now = context.pools.rng, context.now
    opens = now - 10 * DAY if is_open else at_noon(datetime.date(year, 4, 1))
    grant_round = rows.add(
        GrantRound,
        context.row(
            GrantRound,
            fund_id=fund,
            name=f"Round {_financial_year(year)}",
            slug=f"{SCALE_SLUG}round-{year}",
            financial_year=_financial_year(year),
            opens_at=opens,
            closes_at=opens + 60 * DAY,
            budget=BUDGET,
            max_bid=Decimal("20000.00"),
            award_threshold=Decimal("60.00"),
            status=GrantRound.Status.OPEN if is_open else GrantRound.Status.AWARDS_MADE,
        ),
    )
    for position, title in enumerate(CRITERIA):
        rows.add(
            Criterion,
            context.row(
                Criterion, round_id=grant_round["id"], title=title, weight=1, position=position
            ),
        )
    decided = datetime.date(year, 7, 15)
    decision = None
    if not is_open:
        decision = rows.add(
            Decision,
            context.row(
                Decision,
                round_id=grant_round["id"],
                public_reference=f"PCC/{year}/{SCALE_SLUG}grants",
                decided_on=decided,
                summary="Awards from the Community Safety Fund.",
            ),
        )
    for position in range(APPLICATIONS_PER_ROUND):
        requested = Decimal(rng.randrange(2_000, 20_000, 250))
        percent = Decimal(rng.randrange(30, 95))
        recommended = decision is not None and percent >= 60
        application = rows.add(
            Application,
            context.row(
                Application,
                round_id=grant_round["id"],
                reference=f"{year}-{position + 1:03d}",
                organisation_id=directory.applicants[(year + position) % len(directory.applicants)],
                project_title=f"{context.pools.title()[:-1]} project",
                amount_requested=requested,
                area=rng.choice(("North", "South", "East", "West", "City")),
                position=position,
                moderated_percent=percent if decision is not None else None,
                recommended=recommended,
            ),
        )
        if recommended and decision is not None:
            _award(context, rows, directory, application, decision["id"], decided)


def _award(
    context: Context,
    rows: Rows,
    directory: Directory,
    application: dict[str, object],
    decision: int,
    decided: datetime.date,
) -> None:
    amount = application["amount_requested"]
    assert isinstance(amount, Decimal)
    start, today = decided + 30 * DAY, context.today
    end = start + 364 * DAY
    award = rows.add(
        Award,
        context.row(
            Award,
            application_id=application["id"],
            decision_id=decision,
            amount=amount,
            start_date=start,
            end_date=end,
        ),
    )
    halves = (start, start + 182 * DAY)
    for due in halves:
        rows.add(
            Payment,
            context.row(
                Payment,
                award_id=award["id"],
                due_on=due,
                amount=amount / 2,
                paid_on=due if due <= today else None,
            ),
        )
    for period_start in halves:
        period_end = period_start + 181 * DAY
        due = period_end + 30 * DAY
        received = due - 5 * DAY if due <= today else None
        rows.add(
            MonitoringReturn,
            context.row(
                MonitoringReturn,
                award_id=award["id"],
                period_start=period_start,
                period_end=period_end,
                due_on=due,
                received_on=received,
                reviewed_on=received,
                expenditure_total=amount / 2 if received else None,
                achievements=context.pools.text() if received else "",
            ),
        )
    if start.year >= today.year - 3:
        rows.add(
            DueDiligenceVisit,
            context.row(
                DueDiligenceVisit,
                organisation_id=application["organisation_id"],
                award_id=award["id"],
                project=str(application["project_title"]),
                visited_on=start + 90 * DAY,
                funding_amount=amount,
                source=f"Visit {award['id']}",
            ),
        )
