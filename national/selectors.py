"""The national view: every panel's public record side by side, read across panels on purpose.

Every panel-owned read here goes through `all_panels` (the one place outside commands that
does), narrowed to what the public may read by the visibility policy, and grouped by panel in
the database: the page costs the same few queries for three panels or forty.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import connections
from django.db.models import (
    Aggregate,
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django_stubs_ext import WithAnnotations

from core.models import Panel
from core.panels import panel_home_url
from core.visibility import PUBLIC, meeting_q, response_q, tracked_item_q
from meetings.models import Body, Meeting
from scrutiny.models import Response, TrackedItem, overdue_q

# Meetings of the Police and Crime Panel itself, its sub-committees and its task groups: the
# commissioner's own boards (the Corporate Governance Board), advisory panels and partnerships
# are not the panel's scrutiny, and are mostly held in private anyway.
PANEL_BODY_KINDS = (Body.Kind.PANEL, Body.Kind.SUB_COMMITTEE, Body.Kind.TASK_GROUP)
# Held means recorded as held: a meeting whose date has passed but which is still "agenda
# published" may not have taken place (democratic services marks it held, or cancels it), and
# counting it would credit a panel for a record it has not kept.
HELD_STATUSES = (
    Meeting.Status.HELD,
    Meeting.Status.MINUTES_DRAFT,
    Meeting.Status.MINUTES_CONFIRMED,
)
# What the panel asked of the commissioner: its recommendations and its requests alike (the Act
# obliges a response to both). Left out: the commissioner's own requests to the force at his
# board, his advisory panels' recommendations, commitments he made in his own reports, and
# questions about a single grant asked through the grant register.
PANEL_REQUEST_SOURCES = (
    TrackedItem.Source.RESOLUTION,
    TrackedItem.Source.MINUTE_POINT,
    TrackedItem.Source.TASK_GROUP,
    TrackedItem.Source.MANUAL,
)

# --- Data completeness --------------------------------------------------------------------------
# A panel with little on record must not look good for it: a panel that has recorded one request,
# answered on time, is not "100% on time". Its figures are flagged and its rates not shown.
#
# Panels meet about every two months, six times a year: fewer than three held public meetings
# recorded in twelve months means the record here is behind, not that the panel stopped meeting.
MIN_MEETINGS_LAST_YEAR = 3
YEAR = datetime.timedelta(days=365)
# Below five requests a single answer moves the on-time rate by twenty points or more.
MIN_REQUESTS = 5
# A rate or a median is shown only over at least five requests (answered or overdue, for the
# rate; answered, for the median), for the same reason, even for a panel otherwise complete.
# (Every tracked item has a due date, "by the next meeting" and statutory periods being
# resolved to one when it is raised, so no panel can lack due dates.)
MIN_BASE = 5
NOT_ENOUGH_DATA = "not enough data"


@dataclass(frozen=True)
class PanelFigures:
    panel: Panel
    home_url: str
    meetings_held: int
    meetings_last_year: int
    requests: int
    answered: int
    on_time: int
    overdue: int
    # Requests whose answer has fallen due: answered (on time or late) or overdue now, each once
    # (a challenged answer reopens its item, which may then be overdue again).
    rate_base: int
    median_days: float | None
    gaps: tuple[str, ...]

    @property
    def late(self) -> int:
        return self.answered - self.on_time

    @property
    def little_recorded(self) -> bool:
        return bool(self.gaps)

    @property
    def on_time_percent(self) -> int | None:
        """Answered on or before the due date, out of the rate base, rounded half up; None when
        there is not enough to go on."""
        if self.little_recorded or self.rate_base < MIN_BASE:
            return None
        return (200 * self.on_time + self.rate_base) // (2 * self.rate_base)

    @property
    def on_time_text(self) -> str:
        percent = self.on_time_percent
        return NOT_ENOUGH_DATA if percent is None else f"{percent}%"

    @property
    def median_days_text(self) -> str:
        if self.little_recorded or self.answered < MIN_BASE or self.median_days is None:
            return NOT_ENOUGH_DATA
        return f"{self.median_days:g}"

    @property
    def completeness_text(self) -> str:
        return "Little recorded: " + "; ".join(self.gaps) if self.gaps else "Complete"


class DaysBetween(Func):
    """Whole days from the second date to the first."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "  # PostgreSQL: a date minus a date is a number of days

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class Median(Aggregate):
    """PostgreSQL's ordered-set aggregate; other databases take `_medians_by_window`."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class _Answer(TypedDict):
    answered_on: datetime.date | None  # the day of the first published response
    days: int | None  # from raised to then


if TYPE_CHECKING:  # the two-argument form is for the type checker only
    Requests = QuerySet[WithAnnotations[TrackedItem, _Answer]]


def _panel_requests() -> Requests:
    """Every panel's public requests, each with the day of its first published response."""
    first_answer = (
        Response.all_panels.filter(response_q(PUBLIC), item=OuterRef("pk"))
        .filter(submitted_at__isnull=False)
        .order_by("submitted_at", "pk")
        .annotate(day=TruncDate("submitted_at"))
        .values("day")[:1]
    )
    requests: Requests = (
        TrackedItem.all_panels.filter(tracked_item_q(PUBLIC), source__in=PANEL_REQUEST_SOURCES)
        .annotate(answered_on=Subquery(first_answer, output_field=DateField()))
        .annotate(days=DaysBetween(F("answered_on"), F("raised_on")))
    )
    return requests


def _medians_by_window(requests: Requests) -> dict[int, float]:
    """Each panel's median days to a response without an ordered-set aggregate: the database
    numbers each panel's answered requests by days taken and returns only the middle one or
    two, so what is read stays at two rows a panel however many requests there are."""
    ranked = (
        requests.exclude(answered_on=None)
        .annotate(
            position=Window(RowNumber(), partition_by=F("panel_id"), order_by=[F("days"), "pk"]),
            answered=Window(Count("pk"), partition_by=F("panel_id")),
        )
        .filter(Q(position=(F("answered") + 1) / 2) | Q(position=(F("answered") + 2) / 2))
        .order_by()
        .values_list("panel_id", "days")
    )
    middle: dict[int, list[int]] = defaultdict(list)
    for panel_id, days in ranked:
        middle[panel_id].append(days)
    return {panel_id: sum(days) / len(days) for panel_id, days in middle.items()}


def _request_figures(today: datetime.date) -> dict[int, dict[str, Any]]:
    requests = _panel_requests()
    totals: dict[str, Any] = {
        "requests": Count("pk"),
        "answered": Count("answered_on"),
        "on_time": Count("pk", filter=Q(answered_on__lte=F("due_date"))),
        "overdue": Count("pk", filter=overdue_q(today)),
        "rate_base": Count("pk", filter=Q(answered_on__isnull=False) | overdue_q(today)),
    }
    ordered_set = connections[requests.db].vendor == "postgresql"
    if ordered_set:
        totals["median_days"] = Median("days")
    rows = {
        row["panel_id"]: row for row in requests.order_by().values("panel_id").annotate(**totals)
    }
    if not ordered_set:
        for panel_id, median in _medians_by_window(requests).items():
            rows[panel_id]["median_days"] = median
    return rows


def _meeting_figures(today: datetime.date) -> dict[int, dict[str, Any]]:
    held = Meeting.all_panels.filter(
        meeting_q(PUBLIC),
        status__in=HELD_STATUSES,
        date__lte=today,
        body__kind__in=PANEL_BODY_KINDS,
    )
    return {
        row["panel_id"]: row
        for row in held.order_by()
        .values("panel_id")
        .annotate(held=Count("pk"), last_year=Count("pk", filter=Q(date__gt=today - YEAR)))
    }


def _gaps(meetings_last_year: int, requests: int) -> tuple[str, ...]:
    gaps = []
    if meetings_last_year < MIN_MEETINGS_LAST_YEAR:
        gaps.append(f"fewer than {MIN_MEETINGS_LAST_YEAR} meetings held in the last 12 months")
    if requests < MIN_REQUESTS:
        gaps.append(f"fewer than {MIN_REQUESTS} recommendations and requests")
    return tuple(gaps)


def national_figures(
    *, today: datetime.date | None = None, scheme: str = "https", port: str | None = None
) -> list[PanelFigures]:
    """Every panel, by name, with its public figures; `scheme` and `port` go into the links
    to each panel's own site (the port the reader came in on, when it is not the scheme's own)."""
    today = today or timezone.localdate()
    panels = list(Panel.objects.order_by("name"))
    meetings = _meeting_figures(today)
    requests = _request_figures(today)
    figures = []
    for panel in panels:
        held = meetings.get(panel.pk, {})
        asked = requests.get(panel.pk, {})
        figures.append(
            PanelFigures(
                panel=panel,
                home_url=panel_home_url(panel, scheme=scheme, port=port),
                meetings_held=held.get("held", 0),
                meetings_last_year=held.get("last_year", 0),
                requests=asked.get("requests", 0),
                answered=asked.get("answered", 0),
                on_time=asked.get("on_time", 0),
                overdue=asked.get("overdue", 0),
                rate_base=asked.get("rate_base", 0),
                median_days=asked.get("median_days"),
                gaps=_gaps(held.get("last_year", 0), asked.get("requests", 0)),
            )
        )
    return figures
