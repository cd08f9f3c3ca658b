"""What the tracker's services share: messages, row locking, and the status moves every service
makes through `core.lifecycle`."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.lifecycle import transition
from core.models import StatusChange
from core.types import Actor
from scrutiny.models import (
    ITEM_IMPLEMENTATION_LIFECYCLE,
    ITEM_RESPONSE_LIFECYCLE,
    TrackedItem,
)

NO_NEXT_MEETING = "No later meeting of {body} is scheduled: give a due date instead."
STATUTORY_DAYS_REQUIRED = "Give the number of days the panel set for the response."
DUE_DATE_REQUIRED = "Enter the date the response is due."
ITEM_NOT_OPEN = "This item is {state}: it cannot be changed until it is reopened."
ITEM_ALREADY_CREATED = "A tracked item already exists for {source}: {reference}."
RESPONSE_STALE = (
    "Someone else saved this draft while you were editing it. Your text has not been saved: "
    "copy it, reload the page and apply your changes again."
)
RESPONSE_NOT_DRAFT = "This response has already been submitted; it can no longer be edited."
RESPONSE_NOT_SUBMITTED = "This response is no longer awaiting review (it is {status})."
RESPONSE_EMPTY = "Write the response before submitting it."
RESPONSE_IN_PLAY = "This item already has a response being drafted or awaiting review."
WITHDRAW_REASON_REQUIRED = "Give the reason for withdrawing."
CHALLENGE_NEEDS_REASON = "Say why the panel does not accept the response."
CHALLENGE_NEEDS_DATE = "Give the new date by which a response is due."
CHALLENGE_DATE_PAST = "The new due date must be after today."
PROGRESS_INVALID = "Progress is a percentage from 0 to 100."
SUPERSEDE_SELF = "An item cannot supersede itself."

# Reminders go this many days before the due date.
REMINDER_DAYS_BEFORE = (7, 1)


def _locked(item: TrackedItem) -> TrackedItem:
    return TrackedItem.objects.select_for_update().get(pk=item.pk)


def _require_open(item: TrackedItem) -> None:
    if not item.is_open:
        raise ValidationError(ITEM_NOT_OPEN.format(state=item.state_label.lower()))


def item_response_status_move(
    *, item: TrackedItem, to: str, actor: Actor, reason: str = ""
) -> StatusChange | None:
    """Move the item's response status through its lifecycle and record the change; the caller
    saves the item in its transaction. Staying where it is (a board outcome not accepted while
    the request still awaits an answer) is no move, and records nothing."""
    if item.response_status == to:
        return None
    return transition(item, ITEM_RESPONSE_LIFECYCLE, to, actor=actor, reason=reason, save=False)


def item_implementation_move(
    *, item: TrackedItem, to: str, actor: Actor, reason: str = ""
) -> StatusChange | None:
    """The same for the implementation status (an update may change only the progress)."""
    if item.implementation_status == to:
        return None
    return transition(
        item, ITEM_IMPLEMENTATION_LIFECYCLE, to, actor=actor, reason=reason, save=False
    )
