"""Writes for grants, by entity: `rounds` (a round, its criteria and its lifecycle),
`applications`, `scoring` (interests, scores, moderation, recommendations), `awards`
(the decision, awards and payments), `monitoring` (returns and their reminders), `visits`,
`questions` (a question about an award, raised on the tracker) and `organisations` (matching an
applicant's name to an organisation).

Every function takes keyword-only arguments and an `actor`, checks the permission itself (so a
task or the shell cannot bypass it), runs in one transaction, validates with `full_clean()` and
records a domain event. The names are re-exported here, so callers use `grants.services`.
"""

from __future__ import annotations

from grants.services.applications import (
    ALREADY_WITHDRAWN,
    APPLICATIONS_CLOSED,
    AWARD_EXISTS,
    RECOMMENDED_ABOVE_REQUEST,
    REQUEST_ABOVE_MAX_BID,
    WITHDRAW_REASON_REQUIRED,
    application_add,
    application_check_amounts,
    application_create,
    application_withdraw,
)
from grants.services.awards import (
    AWARD_ABOVE_REQUEST,
    AWARD_WITHDRAWN,
    DECISION_NOT_READY,
    DECISION_NOTHING_RECOMMENDED,
    DECISION_REFERENCE_REQUIRED,
    PAYMENT_ALREADY_PAID,
    PAYMENTS_EXCEED_AWARD,
    award_create,
    decision_record,
    payment_add,
    payment_mark_paid,
)
from grants.services.monitoring import (
    REMINDER_DAYS_AHEAD,
    RETURN_ALREADY_RECEIVED,
    RETURN_DUE_AFTER_DAYS,
    RETURN_NOT_RECEIVED,
    monitoring_reminders_send,
    monitoring_schedule_create,
    return_receive,
    return_review,
)
from grants.services.organisations import OrganisationMatcher, organisation_key
from grants.services.questions import NO_PANEL, question_raise
from grants.services.rounds import (
    AWARDS_NEED_AWARDS,
    CRITERIA_LOCKED,
    DECIDE_THROUGH_DECISION,
    ROUND_NAME_REQUIRED,
    criterion_add,
    round_create,
    round_transition,
)
from grants.services.scoring import (
    CONFLICT_DETAILS_REQUIRED,
    CRITERION_NOT_IN_ROUND,
    MODERATION_NOT_OPEN,
    MODERATION_REASON_REQUIRED,
    PERCENT_OUT_OF_RANGE,
    SCORE_CONFLICT,
    SCORE_OUT_OF_RANGE,
    SCORE_WITHDRAWN,
    SCORING_NOT_OPEN,
    THRESHOLD_REQUIRED,
    application_recommend,
    conflict_declare,
    moderation_set,
    round_recommend,
    score_set,
)
from grants.services.visits import visit_record

__all__ = [
    "ALREADY_WITHDRAWN",
    "APPLICATIONS_CLOSED",
    "AWARDS_NEED_AWARDS",
    "AWARD_ABOVE_REQUEST",
    "AWARD_EXISTS",
    "AWARD_WITHDRAWN",
    "CONFLICT_DETAILS_REQUIRED",
    "CRITERIA_LOCKED",
    "CRITERION_NOT_IN_ROUND",
    "DECIDE_THROUGH_DECISION",
    "DECISION_NOTHING_RECOMMENDED",
    "DECISION_NOT_READY",
    "DECISION_REFERENCE_REQUIRED",
    "MODERATION_NOT_OPEN",
    "MODERATION_REASON_REQUIRED",
    "NO_PANEL",
    "PAYMENTS_EXCEED_AWARD",
    "PAYMENT_ALREADY_PAID",
    "PERCENT_OUT_OF_RANGE",
    "RECOMMENDED_ABOVE_REQUEST",
    "REMINDER_DAYS_AHEAD",
    "REQUEST_ABOVE_MAX_BID",
    "RETURN_ALREADY_RECEIVED",
    "RETURN_DUE_AFTER_DAYS",
    "RETURN_NOT_RECEIVED",
    "ROUND_NAME_REQUIRED",
    "SCORE_CONFLICT",
    "SCORE_OUT_OF_RANGE",
    "SCORE_WITHDRAWN",
    "SCORING_NOT_OPEN",
    "THRESHOLD_REQUIRED",
    "WITHDRAW_REASON_REQUIRED",
    "OrganisationMatcher",
    "application_add",
    "application_check_amounts",
    "application_create",
    "application_recommend",
    "application_withdraw",
    "award_create",
    "conflict_declare",
    "criterion_add",
    "decision_record",
    "moderation_set",
    "monitoring_reminders_send",
    "monitoring_schedule_create",
    "organisation_key",
    "payment_add",
    "payment_mark_paid",
    "question_raise",
    "return_receive",
    "return_review",
    "round_create",
    "round_recommend",
    "round_transition",
    "score_set",
    "visit_record",
]
