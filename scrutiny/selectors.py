"""Reads for the tracker: the dashboard, item pages, public responses, timeliness, action log."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from core import visibility
from core.visibility import Reader
from meetings.models import Meeting
from scrutiny.models import OPEN_ITEM as OPEN
from scrutiny.models import PUBLISHED_RESPONSE_STATUSES, Response, ResponseAttachment, TrackedItem


def overdue_q(today: datetime.date | None = None) -> Q:
    """Overdue is derived: open, still awaiting a response, and past its due date."""
    today = today or timezone.localdate()
    return OPEN & Q(response_status=TrackedItem.ResponseStatus.AWAITING, due_date__lt=today)


LIST_COLUMNS = (
    "reference",
    "title",
    "addressee",
    "addressee_person__display_name",
    "due_date",
    "response_status",
    "closed_at",
    "withdrawn_at",
)


def items_base() -> QuerySet[TrackedItem]:
    """Just the columns the lists show, with the named officer joined in the same query."""
    return TrackedItem.objects.select_related("addressee_person").only(*LIST_COLUMNS)


def items_by_state(queryset: QuerySet[TrackedItem], state: str) -> QuerySet[TrackedItem]:
    if state == "open":
        return queryset.filter(OPEN)
    if state == "overdue":
        return queryset.filter(overdue_q())
    if state == "closed":
        return queryset.filter(closed_at__isnull=False)
    if state == "withdrawn":
        return queryset.filter(withdrawn_at__isnull=False)
    return queryset


def search_vector():
    """What full-text search reads; the GIN index of migration 0002 is built on this very
    expression, so PostgreSQL answers a search from the index."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector("reference", "title", "text", config="english")


def items_search(queryset: QuerySet[TrackedItem], text: str) -> QuerySet[TrackedItem]:
    """Full-text search on PostgreSQL; a case-insensitive match elsewhere (SQLite). A reference
    ("PCP/2024-10-28/29(c)") is looked up by its beginning."""
    text = text.strip()
    if not text:
        return queryset
    if "/" in text and " " not in text:
        return queryset.filter(reference__startswith=text)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        return queryset.annotate(search=search_vector()).filter(
            search=SearchQuery(text, config="english", search_type="websearch")
        )
    return queryset.filter(
        Q(reference__icontains=text) | Q(title__icontains=text) | Q(text__icontains=text)
    )


def items_assigned_to_officers() -> QuerySet[TrackedItem]:
    """What the OPCC answers for: the PCC's, the Office's and the Force's items."""
    return items_base().filter(
        OPEN,
        addressee__in=[
            TrackedItem.Addressee.PCC,
            TrackedItem.Addressee.OPCC,
            TrackedItem.Addressee.FORCE,
            TrackedItem.Addressee.OFFICER,
        ],
    )


def items_followed_by(user) -> QuerySet[TrackedItem]:
    return items_base().filter(followers=user)


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


def response_in_play(item: TrackedItem) -> Response | None:
    """The draft or submitted response, from the prefetched list."""
    for response in item.responses.all():
        if response.status in (Response.Status.DRAFT, Response.Status.SUBMITTED):
            return response
    return None


def response_attachment_for(
    *, item_pk: int, response_pk: int, pk: int, reader: Reader
) -> ResponseAttachment:
    """The attachment if the reader may read its response (`visibility.response_q`), else
    `ResponseAttachment.DoesNotExist`: a published response's for everyone, a draft's for
    internal readers only."""
    return ResponseAttachment.objects.filter(visibility.response_q(reader, "response")).get(
        pk=pk, response_id=response_pk, response__item_id=item_pk
    )


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
        grouped[item.resolution_id].append(item)
    return dict(grouped)


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
    open_items: list[TrackedItem]
    answered: list[TrackedItem]
    overdue: list[TrackedItem]


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


# --- Corporate Governance Board ----------------------------------------------------------------

CGB_SLUG = "cgb"


def cgb_meetings() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__slug=CGB_SLUG)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(request_count=Count("agenda_items__tracked_items", distinct=True))
        .order_by("-date")
    )


@dataclass
class BoardItem:
    item: object
    sections_hidden: bool
    sub_items: list[BoardItem]
    requests: list[TrackedItem]


@dataclass
class BoardRecord:
    meeting: Meeting
    opcc: list
    chief_constable: list
    items: list[BoardItem]
    outcomes: list[TrackedItem]


def cgb_record(*, meeting: Meeting, reader: Reader) -> BoardRecord:
    """A CGB meeting as its report sets it out: attendance by office, items with sub-items and
    the requests that arose from each; a redacted item's sections only for those who may see
    them. `outcomes` are the earlier requests whose outcome was recorded at this meeting."""
    from meetings.models import AgendaItem, Attendance

    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related("person").order_by("position")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting, withdrawn_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "tracked_items",
                queryset=TrackedItem.objects.select_related("addressee_person").order_by(
                    "reference"
                ),
            )
        )
        .order_by("position")
    )
    for item in items:
        if visibility.item_sections_hidden(reader, item):
            # Blanked here, so that no template can show what the reader may not read.
            item.overview = item.force_update = item.pcc_response = ""
    nodes = {
        item.pk: BoardItem(
            item=item,
            sections_hidden=visibility.item_sections_hidden(reader, item),
            sub_items=[],
            requests=list(item.tracked_items.all()),
        )
        for item in items
    }
    top = []
    for item in items:
        if item.parent_id in nodes:
            nodes[item.parent_id].sub_items.append(nodes[item.pk])
        else:
            top.append(nodes[item.pk])
    outcomes = list(
        TrackedItem.objects.filter(outcome_meeting=meeting)
        .select_related("addressee_person", "agenda_item__meeting")
        .order_by("reference")
    )
    return BoardRecord(
        meeting=meeting,
        opcc=[a for a in attendance if a.capacity == Attendance.Capacity.OPCC],
        chief_constable=[
            a for a in attendance if a.capacity == Attendance.Capacity.CHIEF_CONSTABLE
        ],
        items=top,
        outcomes=outcomes,
    )


def cgb_open_requests() -> QuerySet[TrackedItem]:
    """Open requests made at the board, oldest first, with what the dashboard shows."""
    return (
        TrackedItem.objects.filter(OPEN, body__slug=CGB_SLUG)
        .select_related("addressee_person", "agenda_item", "due_meeting")
        .order_by("raised_on", "pk")
    )


@dataclass(frozen=True)
class OwnerLoad:
    owner: str
    count: int
    oldest: datetime.date


def cgb_requests_by_owner() -> list[OwnerLoad]:
    rows = (
        TrackedItem.objects.filter(OPEN, body__slug=CGB_SLUG)
        .order_by()
        .values("addressee", "addressee_person__display_name")
        .annotate(n=Count("pk"), oldest=Min("raised_on"))
        .order_by("oldest")
    )
    labels = dict(TrackedItem.Addressee.choices)
    return [
        OwnerLoad(
            owner=row["addressee_person__display_name"] or labels[row["addressee"]],
            count=row["n"],
            oldest=row["oldest"],
        )
        for row in rows
    ]


def cgb_next_meeting(*, today: datetime.date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(body__slug=CGB_SLUG, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .first()
    )


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
