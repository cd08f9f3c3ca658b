"""The published awards as open data: a 360Giving 1.4.3 data package (JSON) and a CSV.

360Giving: https://standard.threesixtygiving.org/en/latest/ . Identifiers:
- grant `id`: "{GRANTS_360G_PREFIX}-{round slug}-{application reference}", stable across exports;
- recipient `id`: "GB-CHC-<charity number>" or "GB-COH-<company number>" where we know them
  (org-id.guide lists), otherwise "{GRANTS_360G_PREFIX}-ORG-<our slug>";
- the funder: the fund's owner, identified the same way.

Extension: each grant carries `llrpccMonitoring` (not part of the standard, which allows extra
fields) with `status` ("none", "up-to-date", "overdue", "complete"), `returnsScheduled`,
`returnsReceived` and `percentagePaid`. The README documents it.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

from django.utils import timezone

from core import csv
from core.panels import panel_home_url
from core.tenancy import current_panel
from grants.models import Award
from grants.selectors import award_percentage_paid, monitoring_status
from meetings.models import Organisation

CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Amount Applied For",
    "Amount Awarded",
    "Currency",
    "Award Date",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
    "Decision Reference",
    "Monitoring Status",
    "Percentage Paid",
)


def org_identifier(organisation: Organisation | None) -> str:
    prefix = current_panel().grants_prefix
    if organisation is None:
        return f"{prefix}-ORG-funder"
    if organisation.charity_number:
        return f"GB-CHC-{organisation.charity_number}"
    if organisation.company_number:
        return f"GB-COH-{organisation.company_number}"
    return f"{prefix}-ORG-{organisation.slug}"


def grant_identifier(award: Award) -> str:
    application = award.application
    return f"{current_panel().grants_prefix}-{application.round.slug}-{application.reference}"


def _amount(value: Decimal) -> float | int:
    # JSON numbers: whole pounds as integers, pence kept (float of a 2-dp Decimal prints exactly).
    return int(value) if value == value.to_integral_value() else float(value)


def _organisation(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {"id": org_identifier(organisation), "name": organisation.name}
    if organisation.charity_number:
        data["charityNumber"] = organisation.charity_number
    if organisation.company_number:
        data["companyNumber"] = organisation.company_number
    return data


def grant_360(award: Award, *, today: datetime.date) -> dict[str, Any]:
    application = award.application
    grant_round = application.round
    fund = grant_round.fund
    funder = (
        _organisation(fund.owner)
        if fund.owner
        else {"id": org_identifier(None), "name": current_panel().funder}
    )
    returns = list(award.returns.all())
    grant: dict[str, Any] = {
        "id": grant_identifier(award),
        "title": application.project_title,
        "description": (
            f"{application.project_title}. Awarded from the {fund.name}, {grant_round.name}."
        ),
        "currency": "GBP",
        "amountAppliedFor": _amount(application.amount_requested),
        "amountAwarded": _amount(award.amount),
        "awardDate": award.decision.decided_on.isoformat(),
        "recipientOrganization": [_organisation(application.organisation)],
        "fundingOrganization": [funder],
        "grantProgramme": [{"code": grant_round.slug, "title": f"{fund.name}: {grant_round.name}"}],
        "fromOpenCall": "Yes",
        "dateModified": timezone.localtime(award.updated_at).isoformat(),
        "llrpccMonitoring": {
            "status": monitoring_status(award=award, today=today),
            "returnsScheduled": len(returns),
            "returnsReceived": sum(1 for r in returns if r.received_on is not None),
            "percentagePaid": float(award_percentage_paid(award=award)),
            "decisionReference": award.decision.public_reference,
        },
    }
    if application.area:
        grant["beneficiaryLocation"] = [{"name": application.area}]
    return grant


def package_360(awards: list[Award], *, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    now = timezone.localtime().replace(microsecond=0)
    panel = current_panel()
    site = panel_home_url(panel)
    return {
        "version": "1.4",
        "title": f"Grants awarded by the {panel.commissioner_title} ({panel.police_area})",
        "description": "Every award published on the grants award register.",
        "identifier": f"{panel.grants_prefix}-awards-{today.isoformat()}",
        "issued": today.isoformat(),
        "modified": now.isoformat(),
        "publisher": {"name": panel.funder, "identifier": panel.grants_prefix},
        "downloadURL": f"{site}grants/360giving.json",
        "accessURL": f"{site}grants/",
        "grants": [grant_360(award, today=today) for award in awards],
    }


def awards_csv(awards: list[Award], *, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for award in awards:
        application = award.application
        organisation = application.organisation
        writer.writerow(
            [
                grant_identifier(award),
                application.project_title,
                org_identifier(organisation),
                organisation.name,
                organisation.charity_number,
                organisation.company_number,
                f"{application.amount_requested:.2f}",
                f"{award.amount:.2f}",
                "GBP",
                award.decision.decided_on.isoformat(),
                application.round.fund.owner.name
                if application.round.fund.owner
                else current_panel().funder,
                application.round.slug,
                f"{application.round.fund.name}: {application.round.name}",
                application.area,
                award.decision.public_reference,
                monitoring_status(award=award, today=today),
                f"{award_percentage_paid(award=award):.2f}",
            ]
        )
    return buffer.getvalue()
