"""Demo data for grants, read from the readable TOML files in `demo_data/` (drawn from the seed
papers; each file says where), and an invented panel's one fund from `demo_data/invented/<panel
slug>.toml` (`load_invented`). Every record is found by its natural key first, so loading twice
changes nothing.

The demo writes records directly rather than through the services: it restores what the papers
say already happened (a round already "awards made", a decision with no scores behind it), which
the services would rightly refuse to do as new actions. Amounts are exact Decimals.
"""

from __future__ import annotations

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from django.db.models import Sum

from core.models import Panel
from grants.models import (
    Application,
    Award,
    CommissionedContract,
    ContractReviewPoint,
    Decision,
    DueDiligenceVisit,
    Fund,
    FundBudget,
    FundedProject,
    GrantRound,
)
from meetings.models import Organisation

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
LONDON = ZoneInfo("Europe/London")


def read_fixture(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    return datetime.datetime.fromisoformat(value).replace(tzinfo=LONDON)


def organisations_load(rows: list[dict[str, Any]]) -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for row in rows:
        organisation, _ = Organisation.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "kind": row.get("kind", Organisation.Kind.OTHER),
                "trading_as": row.get("trading_as", ""),
                "aliases": row.get("aliases", []),
            },
        )
        found[row["slug"]] = organisation
    for row in rows:
        if row.get("partner") and found[row["slug"]].partner_id is None:
            organisation = found[row["slug"]]
            organisation.partner = Organisation.objects.get(slug=row["partner"])
            organisation.save(update_fields=["partner", "updated_at"])
    return found


def funds_load(data: dict[str, Any]) -> None:
    organisations_load(data.get("organisation", []))
    for row in data.get("fund", []):
        fund, _ = Fund.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "owner": Organisation.objects.filter(slug=row.get("owner", "")).first(),
                "description": row.get("description", ""),
            },
        )
        for budget in row.get("budget", []):
            FundBudget.objects.get_or_create(
                fund=fund,
                financial_year=budget["financial_year"],
                defaults={
                    "amount": _money(budget.get("amount")),
                    "amount_text": budget.get("amount_text", ""),
                    "source": budget.get("source", ""),
                },
            )
    for row in data.get("round", []):
        GrantRound.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "fund": Fund.objects.get(slug=row["fund"]),
                "name": row["name"],
                "financial_year": row.get("financial_year", ""),
                "opens_at": _datetime(row.get("opens_at")),
                "closes_at": _datetime(row.get("closes_at")),
                "budget": _money(row.get("budget")),
                "budget_text": row.get("budget_text", ""),
                "max_bid": _money(row.get("max_bid")),
                "award_threshold": _money(row.get("award_threshold")),
                "score_bands": row.get("band", []),
                "status": row["status"],
                "applications_reported": row.get("applications_reported"),
                "withdrawn_reported": row.get("withdrawn_reported"),
                "requested_total_reported": _money(row.get("requested_total_reported")),
                "notes": row.get("notes", ""),
                "source": row.get("source", ""),
            },
        )
    for row in data.get("project", []):
        FundedProject.objects.get_or_create(
            fund=Fund.objects.get(slug=row["fund"]),
            title=row["title"],
            defaults={
                k: row.get(k, "") for k in ("area", "amount_text", "targets", "progress", "source")
            }
            | {"amount": _money(row.get("amount"))},
        )


def awards_load(data: dict[str, Any]) -> None:
    """The listed applications of a round, each recommended and awarded in full."""
    organisations = organisations_load(data.get("organisation", []))
    grant_round = GrantRound.objects.get(slug=data["round"])
    spec = data["decision"]
    decision, _ = Decision.objects.get_or_create(
        public_reference=spec["public_reference"],
        defaults={
            "round": grant_round,
            "decided_on": _date(spec["decided_on"]),
            "url": spec.get("url", ""),
            "summary": spec.get("summary", ""),
            "source": spec.get("source", ""),
        },
    )
    band = grant_round.score_bands[0]["label"] if grant_round.score_bands else ""
    for position, row in enumerate(data.get("award", []), start=1):
        amount = Decimal(row["amount"])
        application, _ = Application.objects.get_or_create(
            round=grant_round,
            reference=f"R1-{position:02d}",
            defaults={
                "organisation": organisations.get(row["organisation"])
                or Organisation.objects.get(slug=row["organisation"]),
                "organisation_name_submitted": row["as_printed"],
                "project_title": row["project"],
                "amount_requested": amount,
                "position": position,
                "band_reported": band,
                "recommended": True,
            },
        )
        Award.objects.get_or_create(
            application=application, defaults={"decision": decision, "amount": amount}
        )


def visits_and_contracts_load(data: dict[str, Any]) -> None:
    organisations_load(data.get("organisation", []))
    for row in data.get("visit", []):
        DueDiligenceVisit.objects.get_or_create(
            organisation=Organisation.objects.get(slug=row["organisation"]),
            project=row.get("project", ""),
            source=row["source"],
            defaults={
                "fund": Fund.objects.filter(slug=row.get("fund", "")).first(),
                "area_and_work": row.get("area_and_work", ""),
                "visited_on": _date(row.get("visited_on")),
                "visited_text": row.get("visited_text", ""),
                "funding_amount": _money(row.get("funding_amount")),
                "funding_text": row.get("funding_text", ""),
                "percent_text": row.get("percent_text", ""),
                "output": row.get("output", ""),
            },
        )
    for row in data.get("contract", []):
        contract, _ = CommissionedContract.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "service": row["service"],
                "provider": Organisation.objects.get(slug=row["provider"]),
                "fund": Fund.objects.filter(slug=row.get("fund", "")).first(),
                "start_date": _date(row.get("start_date")),
                "end_date": _date(row.get("end_date")),
                "term_text": row.get("term_text", ""),
                "value": _money(row.get("value")),
                "value_text": row.get("value_text", ""),
                "description": row.get("description", ""),
                "source": row.get("source", ""),
            },
        )
        for point in row.get("review", []):
            ContractReviewPoint.objects.get_or_create(
                contract=contract,
                title=point["title"],
                defaults={
                    "due_on": _date(point.get("due_on")),
                    "completed_on": _date(point.get("completed_on")),
                    "findings": point.get("findings", ""),
                    "source": point.get("source", ""),
                },
            )


def load(*, stdout: TextIO) -> None:
    funds_load(read_fixture("funds.toml"))
    awards_load(read_fixture("csf_2024_25_round_1.toml"))
    visits_and_contracts_load(read_fixture("visits_and_contracts.toml"))
    csf = Award.objects.filter(application__round__slug="csf-2024-25-round-1")
    total = csf.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    stdout.write(
        f"Grants: {Fund.objects.count()} funds, {GrantRound.objects.count()} rounds, "
        f"{csf.count()} Commissioner's Safety Fund awards totalling £{total:,.2f}, "
        f"{DueDiligenceVisit.objects.count()} visits, "
        f"{CommissionedContract.objects.count()} contracts.\n"
    )


def load_invented(panel: Panel, *, stdout: TextIO) -> None:
    name = f"invented/{panel.slug}.toml"
    if not (DATA_DIR / name).exists():
        return
    funds_load(read_fixture(name))
    funds = Fund.objects.count()
    stdout.write(f"{panel.short_name} grants: {funds} fund{'' if funds == 1 else 's'}.\n")
