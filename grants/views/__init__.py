"""Grants pages.

Public (no login): the award register, its 360Giving JSON and CSV. Everyone signed in
(`can_read_internal`, which includes panel members) reads funds, rounds, moderation, decisions,
awards, monitoring, visits and contracts. OPCC officers and administrators (`can_manage_grants`)
make every change.

Split by responsibility: `public` (register and open data), `rounds` (funds, rounds, criteria,
import, applications, scoring, moderation, decisions), `awards` (awards, payments, monitoring,
returns) and `visits` (visits and contracts). The names are re-exported so `grants.urls` keeps
one `views` namespace.
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
from grants.views.rounds import (
    IMPORT_NOT_UTF8,
    IMPORT_TOO_LARGE,
    application_add,
    application_moderate,
    application_withdraw,
    applications_import_view,
    conflict_declare,
    criterion_add,
    decision_record,
    fund_list,
    moderation,
    round_create,
    round_detail,
    round_recommend,
    round_transition,
    scoring,
)
from grants.views.visits import contract_list, visit_create, visit_list

__all__ = [
    "IMPORT_NOT_UTF8",
    "IMPORT_TOO_LARGE",
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
