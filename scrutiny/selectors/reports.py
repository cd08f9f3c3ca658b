"""Reports from the tracker: the public timeliness figures, and the matters-arising report (the
action log) on a meeting's agenda."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone

from meetings.models import Meeting
from scrutiny.models import OPEN_ITEM as OPEN
from scrutiny.models import PUBLISHED_RESPONSE_STATUSES, Response, TrackedItem, overdue_q
from scrutiny.selectors.items import LIST_COLUMNS, items_base

# --- Timeliness (public) -----------------------------------------------------------------------


@dataclass(frozen=True)
class AddresseeTimeliness:
    label: str
    answered: int
    on_time: int
    median_days: float | None
    overdue: int


def timeliness(*, today: datetime.date | None = None) -> list[AddresseeTimeliness]:
    """Public items only: answered on time, median days to the first response, overdue now."""
    today = today or timezone.localdate()
    first_responses = (
        Response.objects.filter(
            item__is_public=True,
            status__in=PUBLISHED_RESPONSE_STATUSES,
            submitted_at__isnull=False,
        )
        .order_by("item_id", "submitted_at")
        .values_list(
            "item_id", "item__addressee", "item__raised_on", "item__due_date", "submitted_at"
        )
    )
    seen: set[int] = set()
    days: dict[str, list[int]] = defaultdict(list)
    on_time: dict[str, int] = defaultdict(int)
    for item_id, addressee, raised_on, due_date, submitted_at in first_responses.iterator():
        if item_id in seen:
            continue
        seen.add(item_id)
        answered_on = timezone.localtime(submitted_at).date()
        days[addressee].append((answered_on - raised_on).days)
        on_time[addressee] += answered_on <= due_date
    overdue = dict(
        TrackedItem.objects.filter(overdue_q(today), is_public=True)
        .order_by()
        .values_list("addressee")
        .annotate(n=Count("pk"))
    )
    rows = []
    for value, label in TrackedItem.Addressee.choices:
        if not days.get(value) and not overdue.get(value):
            continue
        rows.append(
            AddresseeTimeliness(
                label=label,
                answered=len(days[value]),
                on_time=on_time[value],
                median_days=statistics.median(days[value]) if days[value] else None,
                overdue=overdue.get(value, 0),
            )
        )
    return rows


# --- Matters arising / action log --------------------------------------------------------------


@dataclass(frozen=True)
class ActionLog:
    meeting: Meeting
    previous: Meeting | None
    open_items: Sequence[TrackedItem]
    answered: Sequence[TrackedItem]
    overdue: Sequence[TrackedItem]


def action_log(
    *, meeting: Meeting, public_only: bool = False, today: datetime.date | None = None
) -> ActionLog:
    """For the agenda of `meeting`: every open item of its body, what was answered since the
    body's previous meeting, and what is overdue on the day of the report."""
    today = today or timezone.localdate()
    previous = (
        Meeting.objects.filter(body=meeting.body, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date")
        .first()
    )
    items = (
        items_base()
        .only(*LIST_COLUMNS, "text", "implementation_status")  # the log shows the request too
        .filter(body=meeting.body)
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(status__in=PUBLISHED_RESPONSE_STATUSES).order_by(
                    "submitted_at"
                ),
                to_attr="published_responses",
            )
        )
    )
    if public_only:
        items = items.filter(is_public=True)
    since = previous.date if previous else datetime.date.min
    answered = list(
        items.filter(
            responses__status__in=PUBLISHED_RESPONSE_STATUSES,
            responses__submitted_at__date__gte=since,
        )
        .distinct()
        .order_by("reference")
    )
    open_items = list(items.filter(OPEN).order_by("due_date", "reference"))
    overdue = [item for item in open_items if item.is_overdue(today)]
    return ActionLog(
        meeting=meeting,
        previous=previous,
        open_items=open_items,
        answered=answered,
        overdue=overdue,
    )


def meeting_for_action_log(*, pk: int) -> Meeting:
    """The meeting whose agenda the report is for (`Meeting.DoesNotExist` if there is none)."""
    return Meeting.objects.select_related("body").get(pk=pk)


def timeliness_chart(rows: list[AddresseeTimeliness]) -> dict[str, Any]:
    """The timeliness figures as the page's chart (Chart.js's bar chart configuration)."""
    return {
        "type": "bar",
        "data": {
            "labels": [row.label for row in rows],
            "datasets": [
                {"label": "Answered on time", "data": [row.on_time for row in rows]},
                {"label": "Answered late", "data": [row.answered - row.on_time for row in rows]},
                {"label": "Overdue now", "data": [row.overdue for row in rows]},
            ],
        },
    }
