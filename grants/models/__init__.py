"""Grants the Commissioner gives and the services the OPCC commissions.

A fund (e.g. the Commissioner's Safety Fund) has rounds; organisations apply to a round; assessors
score each application against the round's weighted criteria; a panel moderates; the PCC decides;
awards are made, paid in instalments and monitored through returns and due-diligence visits.

Amounts the papers state only roughly ("Circa £462k") are kept as text beside a nullable exact
Decimal, so nothing is invented. Nothing here is hard-deleted (on_delete=PROTECT throughout);
withdrawals are recorded instead, and a round's status changes through `ROUND_LIFECYCLE`
(core.lifecycle), which keeps a row for every move.

By entity: `funds` (funds, budgets, rounds and their criteria, funded projects), `applications`
(applications, scores, interests, moderation), `awards` (decisions, awards, payments, monitoring
returns, visits) and `contracts` (commissioned contracts and their review points).
"""

from __future__ import annotations

from grants.models.applications import Application, ConflictOfInterest, ModerationChange, Score
from grants.models.awards import Award, Decision, DueDiligenceVisit, MonitoringReturn, Payment
from grants.models.contracts import CommissionedContract, ContractReviewPoint
from grants.models.funds import (
    ROUND_LIFECYCLE,
    Criterion,
    Fund,
    FundBudget,
    FundedProject,
    GrantRound,
)

__all__ = [
    "ROUND_LIFECYCLE",
    "Application",
    "Award",
    "CommissionedContract",
    "ConflictOfInterest",
    "ContractReviewPoint",
    "Criterion",
    "Decision",
    "DueDiligenceVisit",
    "Fund",
    "FundBudget",
    "FundedProject",
    "GrantRound",
    "ModerationChange",
    "MonitoringReturn",
    "Payment",
    "Score",
]
