"""Every change to a tracked item: raising, chasing, answering, reviewing, closing, withdrawing.

Each function checks the actor's permission, runs in one transaction with the item row locked,
and records a domain event, which is what the item page's timeline shows. The functions live in
modules by responsibility and are all importable from `scrutiny.services`.
"""

from scrutiny.services._common import (
    CHALLENGE_DATE_PAST,
    CHALLENGE_NEEDS_DATE,
    CHALLENGE_NEEDS_REASON,
    DUE_DATE_REQUIRED,
    ITEM_ALREADY_CREATED,
    ITEM_NOT_OPEN,
    NO_NEXT_MEETING,
    PROGRESS_INVALID,
    REMINDER_DAYS_BEFORE,
    RESPONSE_EMPTY,
    RESPONSE_IN_PLAY,
    RESPONSE_NOT_DRAFT,
    RESPONSE_NOT_SUBMITTED,
    RESPONSE_STALE,
    STATUTORY_DAYS_REQUIRED,
    SUPERSEDE_SELF,
    WITHDRAW_REASON_REQUIRED,
    item_implementation_move,
    item_response_status_move,
)
from scrutiny.services.counts import item_count_key, item_counts_rebuild, item_counts_shift
from scrutiny.services.items import (
    due_date_resolve,
    item_create,
    item_follow,
    item_implementation_update,
    item_supersede,
    item_withdraw,
    items_chase,
    items_publish_for_meeting,
    reference_make,
)
from scrutiny.services.outcomes import item_outcome_set
from scrutiny.services.publishing import (
    meeting_agenda_publish,
    meeting_minutes_confirm,
    meeting_minutes_publish,
)
from scrutiny.services.reminders import (
    daily_jobs_run,
    digest_send,
    reminders_send,
)
from scrutiny.services.reports import (
    action_log_attach,
)
from scrutiny.services.responses import (
    response_attach,
    response_review,
    response_save,
    response_save_draft,
    response_submit,
    response_withdraw,
)

__all__ = [
    "NO_NEXT_MEETING",
    "STATUTORY_DAYS_REQUIRED",
    "DUE_DATE_REQUIRED",
    "ITEM_NOT_OPEN",
    "ITEM_ALREADY_CREATED",
    "RESPONSE_STALE",
    "RESPONSE_NOT_DRAFT",
    "RESPONSE_NOT_SUBMITTED",
    "RESPONSE_EMPTY",
    "RESPONSE_IN_PLAY",
    "WITHDRAW_REASON_REQUIRED",
    "CHALLENGE_NEEDS_REASON",
    "CHALLENGE_NEEDS_DATE",
    "CHALLENGE_DATE_PAST",
    "PROGRESS_INVALID",
    "SUPERSEDE_SELF",
    "REMINDER_DAYS_BEFORE",
    "due_date_resolve",
    "reference_make",
    "item_create",
    "items_publish_for_meeting",
    "item_outcome_set",
    "item_response_status_move",
    "item_implementation_move",
    "meeting_agenda_publish",
    "meeting_minutes_publish",
    "meeting_minutes_confirm",
    "item_follow",
    "items_chase",
    "item_implementation_update",
    "item_withdraw",
    "item_supersede",
    "reminders_send",
    "digest_send",
    "daily_jobs_run",
    "action_log_attach",
    "item_count_key",
    "item_counts_shift",
    "item_counts_rebuild",
    "response_save",
    "response_save_draft",
    "response_attach",
    "response_submit",
    "response_withdraw",
    "response_review",
]
