"""The outcome of an item answered at a later meeting rather than in writing: a request the PCC
made of the Force at the Corporate Governance Board, whose outcome the board records."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.permissions import can_manage_cgb, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import AgendaItem, Meeting
from scrutiny.models import TrackedItem
from scrutiny.services._common import _locked, _require_open, item_response_status_move
from scrutiny.services.counts import item_count_key, item_counts_shift
from scrutiny.services.series import item_series_next


@transaction.atomic
def item_outcome_set(
    *,
    actor: Actor,
    item: TrackedItem,
    outcome: str,
    meeting: Meeting,
    accepted: bool,
    due_meeting: Meeting | None = None,
    carried_to: AgendaItem | None = None,
) -> TrackedItem:
    """Record the outcome reported at `meeting`. Accepted, the item closes; not accepted, it
    stays open awaiting an outcome, due at `due_meeting` when there is one (`carried_to` is its
    place on that meeting's agenda). The caller (the board) has checked the outcome and the
    meeting; this refuses an item that is no longer open."""
    ensure_allowed(can_manage_cgb, actor)
    item = _locked(item)
    _require_open(item)
    before = item_count_key(item)
    item.outcome, item.outcome_meeting = outcome, meeting
    data: dict[str, Any] = {"outcome": outcome, "meeting": meeting.pk}
    if accepted:
        item_response_status_move(
            item=item, to=TrackedItem.ResponseStatus.ACCEPTED, actor=actor, reason=outcome
        )
        item.closed_at = timezone.now()
        verb, summary = (
            EventType.ITEM_CLOSED,
            f"Outcome accepted at the meeting of {date_long(meeting.date)}",
        )
    else:
        item_response_status_move(
            item=item, to=TrackedItem.ResponseStatus.AWAITING, actor=actor, reason=outcome
        )
        summary = f"Not accepted at the meeting of {date_long(meeting.date)}: {outcome}"
        if due_meeting is None:
            summary += ". No later meeting is scheduled: it returns when one is."
        else:
            item.due_kind, item.due_date = TrackedItem.DueKind.NEXT_MEETING, due_meeting.date
            item.due_meeting = due_meeting
            if carried_to is not None:
                data["carried_to_item"] = carried_to.pk
            summary += f". Carried forward to the meeting of {date_long(due_meeting.date)}"
        verb = EventType.ITEM_REOPENED
    item.full_clean()
    item.save()
    event_record(subject=item, verb=verb, actor=actor, summary=summary, data=data)
    if accepted:
        # A closed occurrence of a standing request: the next one is owed now (the series is
        # locked before the count rows, as in `response_review`).
        item_series_next(item=item, actor=actor)
    item_counts_shift(before=before, after=item_count_key(item))
    return item
