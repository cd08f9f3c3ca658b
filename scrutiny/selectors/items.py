"""Reads of tracked items: the dashboard's lists and counts, the item page, the items of a
resolution on the meetings pages, and the accountability chain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from core import visibility
from core.models import DomainEvent
from core.selectors import event_timeline
from core.types import Actor
from core.visibility import Reader
from meetings.models import MinutePoint, Resolution
from scrutiny.filters import ItemFilter, ItemSummaryFilter
from scrutiny.models import OPEN_ITEM as OPEN
from scrutiny.models import (
    PUBLISHED_RESPONSE_STATUSES,
    ItemCount,
    Response,
    TrackedItem,
    overdue_q,
)
from scrutiny.selectors.responses import response_in_play
from scrutiny.selectors.series import SeriesPlace, item_series_place, series_q

LIST_COLUMNS = (
    "reference",
    "title",
    "addressee",
    "addressee_person__display_name",
    "due_date",
    "response_status",
    "closed_at",
    "withdrawn_at",
    "recurrence",
)

# The addressees the OPCC answers for: the PCC's, the Office's and the Force's items.
OFFICER_ADDRESSEES = (
    TrackedItem.Addressee.PCC,
    TrackedItem.Addressee.OPCC,
    TrackedItem.Addressee.FORCE,
    TrackedItem.Addressee.OFFICER,
)


def items_base() -> QuerySet[TrackedItem]:
    """Just the columns the lists show, with the named officer joined in the same query."""
    return TrackedItem.objects.select_related("addressee_person").only(*LIST_COLUMNS)


def items_assigned_to_officers() -> QuerySet[TrackedItem]:
    """What the OPCC answers for, while open."""
    return items_base().filter(OPEN, addressee__in=OFFICER_ADDRESSEES)


def items_followed_by(user: Actor) -> QuerySet[TrackedItem]:
    """The items a user follows (the public follows none)."""
    if not isinstance(user, User):
        return items_base().none()
    return items_base().filter(followers=user)


@dataclass(frozen=True)
class FilteredItems:
    """A list page's filter (its form shows the choices and any errors) and what it selects."""

    filter: ItemFilter
    items: QuerySet[TrackedItem]


def items_filtered(
    *,
    params: Mapping[str, Any],
    followed_by: Actor | None = None,
    assigned_to_officers: bool = False,
) -> FilteredItems:
    """The dashboard's list as the query string filters it: every item, the items a user
    follows, or the OPCC's. While a filter is invalid nothing is listed, so that the page shows
    the error rather than a list that quietly ignores it."""
    if assigned_to_officers:
        queryset = items_assigned_to_officers()
    elif followed_by is not None:
        queryset = items_followed_by(followed_by)
    else:
        queryset = items_base()
    filterset = ItemFilter(params, queryset=queryset)
    items = filterset.qs if filterset.is_valid() else queryset.none()
    return FilteredItems(filter=filterset, items=items)


@dataclass(frozen=True)
class Summary:
    open: int
    overdue: int
    closed: int
    withdrawn: int
    by_addressee: list[tuple[str, str, int]]
    by_response_status: list[tuple[str, str, int]]


def items_summary(queryset: QuerySet[TrackedItem]) -> Summary:
    """Counts by state (one aggregate) and by addressee and response status (one each)."""
    totals = queryset.aggregate(
        open=Count("pk", filter=OPEN),
        overdue=Count("pk", filter=overdue_q()),
        closed=Count("pk", filter=Q(closed_at__isnull=False)),
        withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)),
    )
    addressees = dict(TrackedItem.Addressee.choices)
    by_addressee = [
        (row["addressee"], addressees.get(row["addressee"], row["addressee"]), row["n"])
        for row in queryset.filter(OPEN)
        .order_by()
        .values("addressee")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    statuses = dict(TrackedItem.ResponseStatus.choices)
    by_status = [
        (row["response_status"], statuses[row["response_status"]], row["n"])
        for row in queryset.filter(OPEN)
        .order_by()
        .values("response_status")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    return Summary(by_addressee=by_addressee, by_response_status=by_status, **totals)


# The filters the counts table (`ItemCount`) is kept by: with no other, the summary is read from
# it, whatever the number of items.
COUNTED_FILTERS = frozenset({"body", "addressee"})


def items_summary_counted(**dimensions: Any) -> Summary:
    """`items_summary` of the items of one body or addressee (or all), from `ItemCount`'s few
    rows. Overdue depends on today, so is in no table: it is one range of the awaiting items'
    index, read without the table."""
    totals = {"open": 0, "closed": 0, "withdrawn": 0}
    by_addressee: dict[str, int] = defaultdict(int)
    by_status: dict[str, int] = defaultdict(int)
    rows = (
        ItemCount.objects.filter(count__gt=0, **dimensions)
        .values("addressee", "response_status", "closed", "withdrawn")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in rows:
        totals["closed"] += row["n"] if row["closed"] else 0
        totals["withdrawn"] += row["n"] if row["withdrawn"] else 0
        if not (row["closed"] or row["withdrawn"]):
            totals["open"] += row["n"]
            by_addressee[row["addressee"]] += row["n"]
            by_status[row["response_status"]] += row["n"]
    return Summary(
        overdue=TrackedItem.objects.filter(overdue_q(), **dimensions).count(),
        by_addressee=_largest_first(by_addressee, TrackedItem.Addressee.choices),
        by_response_status=_largest_first(by_status, TrackedItem.ResponseStatus.choices),
        **totals,
    )


def _largest_first(
    counts: dict[str, int], choices: list[tuple[str, str]]
) -> list[tuple[str, str, int]]:
    labels = dict(choices)
    order = {key: position for position, key in enumerate(labels)}
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], order.get(pair[0], len(order))))
    return [(key, labels.get(key, key), n) for key, n in ranked]


def items_summary_filtered(*, params: Mapping[str, Any]) -> Summary:
    """The counts for the dashboard's current filters (`ItemSummaryFilter`): by state and
    response, whatever the list shows of them. By body and addressee they are read from the
    counts table; a meeting, dates or a search are counted over the items they choose."""
    filterset = ItemSummaryFilter(params, queryset=items_base())
    filterset.is_valid()  # a value it cannot read is left out, as `qs` leaves it out
    chosen = {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "")
    }
    if chosen.keys() <= COUNTED_FILTERS:
        return items_summary_counted(**chosen)
    return items_summary(filterset.qs)


def resolution_to_track(*, pk: int) -> Resolution:
    """A resolution to raise an item from, with the minute and meeting that name it."""
    return Resolution.objects.select_related("minute__meeting__body").get(pk=pk)


def minute_point_to_track(*, pk: int) -> MinutePoint:
    return MinutePoint.objects.select_related("minute__meeting__body").get(pk=pk)


def item_detail(*, pk: int) -> TrackedItem:
    return (
        TrackedItem.objects.select_related(
            "body",
            "meeting",
            "resolution__minute__meeting",
            "minute_point__minute__meeting",
            "agenda_item__meeting",
            "addressee_person",
            "addressee_body",
            "due_meeting",
            "series",
            "superseded_by",
            "parent",
            "outcome_meeting",
        )
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.select_related("author", "submitted_by")
                .prefetch_related("attachments", "reviews__reviewer")
                .order_by("created_at", "pk"),
            ),
            Prefetch("follow_ups", queryset=TrackedItem.objects.select_related("body")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ItemPage:
    """What the item page shows: the item, its response in play (draft or awaiting review),
    its timeline, whether the reader follows it, whether it is part of a chain, and where it
    stands in its series if it recurs."""

    item: TrackedItem
    in_play: Response | None
    timeline: QuerySet[DomainEvent]
    following: bool
    in_chain: bool
    series: SeriesPlace | None


def item_page(*, pk: int, user: Actor) -> ItemPage:
    """`TrackedItem.DoesNotExist` if there is no such item."""
    item = item_detail(pk=pk)
    return ItemPage(
        item=item,
        in_play=response_in_play(item),
        timeline=event_timeline(subject=item),
        following=isinstance(user, User) and item.followers.filter(pk=user.pk).exists(),
        in_chain=item.parent_id is not None or bool(item.follow_ups.all()),
        series=item_series_place(item=item),
    )


def item_series(*, pk: int) -> tuple[TrackedItem, QuerySet[TrackedItem]]:
    """The series `pk` belongs to (any of its occurrences names it): its first item, and every
    occurrence in order with the columns the tracker's list shows; an item that does not recur
    is a series of one. `TrackedItem.DoesNotExist` if there is no such item."""
    item = TrackedItem.objects.get(pk=pk)
    first = item if item.series_id is None else TrackedItem.objects.get(pk=item.series_id)
    occurrences = (
        TrackedItem.objects.select_related("addressee_person")
        .only(*LIST_COLUMNS, "occurrence")
        .filter(series_q(first.pk))
        .order_by("occurrence")
    )
    return first, occurrences


def items_for_resolutions(
    resolution_ids: list[int], *, reader: Reader
) -> dict[int, list[TrackedItem]]:
    """Tracked items per resolution for the meeting and decision pages, each with
    `published_responses`: the submitted responses, which the meeting pages show to everyone who
    may see the item."""
    items = (
        TrackedItem.objects.filter(resolution_id__in=resolution_ids)
        .filter(visibility.tracked_item_q(reader))
        .prefetch_related(
            Prefetch(
                "responses",
                queryset=Response.objects.filter(
                    status__in=visibility.RESPONSE_PUBLISHED_STATUSES
                ).order_by("submitted_at"),
                to_attr="published_responses",
            )
        )
    )
    grouped: dict[int, list[TrackedItem]] = defaultdict(list)
    for item in items.order_by("reference"):
        grouped[item.resolution_id].append(item)  # type: ignore[index] # filtered on resolution
    return dict(grouped)


def item_chain(*, item: TrackedItem) -> list[tuple[int, TrackedItem]]:
    """The accountability chain the item belongs to, from the panel's recommendation down to
    each request the PCC made of the Force, as (depth, item) in reading order."""
    root = item
    seen = {root.pk}
    while root.parent_id and root.parent_id not in seen:
        root = TrackedItem.objects.get(pk=root.parent_id)
        seen.add(root.pk)
    related = (
        "body",
        "meeting",
        "agenda_item__meeting",
        "addressee_person",
        "outcome_meeting",
        "resolution__minute",
    )
    published = Prefetch(
        "responses",
        queryset=Response.objects.filter(status__in=PUBLISHED_RESPONSE_STATUSES).order_by(
            "submitted_at"
        ),
        to_attr="published_responses",
    )
    chain: list[tuple[int, TrackedItem]] = []
    level = [
        TrackedItem.objects.select_related(*related).prefetch_related(published).get(pk=root.pk)
    ]
    depth = 0
    while level and depth < 10:
        for node in level:
            chain.append((depth, node))
        level = list(
            TrackedItem.objects.filter(parent__in=[n.pk for n in level])
            .select_related(*related)
            .prefetch_related(published)
            .order_by("reference")
        )
        depth += 1
    return chain
