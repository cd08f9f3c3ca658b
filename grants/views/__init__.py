"""Grants pages.

Public (no login): the award register, its 360Giving JSON and CSV. Everyone signed in
(`can_read_internal`, which includes panel members) reads funds, rounds, moderation, decisions,
awards, monitoring, visits and contracts, and may ask a question about an award. OPCC officers
and administrators (`can_manage_grants`) make every change.

Split by responsibility: `public` (register and open data), `rounds` (funds, rounds, criteria,
the lifecycle, applications and their import), `scoring` (scoring, interests, moderation,
recommendations, the decision), `awards` (awards, payments, monitoring, returns), `visits`
(visits and contracts) and `questions` (a question about an award, on the tracker's page). The
names are re-exported so `grants.urls` keeps one `views` namespace.
"""

from __future__ import annotations

from grants.views.awards import (
    award_detail,
    monitoring_calendar,
    monitoring_schedule,
    payment_add,
    payment_paid,
    return_receive,
    return_review,
)
from grants.views.public import award_register, awards_csv, giving_360
from grants.views.questions import question_create
from grants.views.rounds import (
    application_add,
    application_withdraw,
    applications_import_view,
    criterion_add,
    fund_list,
    round_create,
    round_detail,
    round_transition,
)
from grants.views.scoring import (
    application_moderate,
    conflict_declare,
    decision_record,
    moderation,
    round_recommend,
    scoring,
)
from grants.views.visits import contract_list, visit_create, visit_list

__all__ = [
    "application_add",
    "application_moderate",
    "application_withdraw",
    "applications_import_view",
    "award_detail",
    "award_register",
    "awards_csv",
    "conflict_declare",
    "contract_list",
    "criterion_add",
    "decision_record",
    "fund_list",
    "giving_360",
    "moderation",
    "monitoring_calendar",
    "monitoring_schedule",
    "payment_add",
    "payment_paid",
    "question_create",
    "return_receive",
    "return_review",
    "round_create",
    "round_detail",
    "round_recommend",
    "round_transition",
    "scoring",
    "visit_create",
    "visit_list",
]
