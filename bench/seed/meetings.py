"""A panel's meetings at scale: each with its published agenda (items, papers, the agenda's
version), its published minutes (a minute and a point per report, three resolutions a minute)
and a tracked item for every resolution, with the responses and reviews its state implies."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from meetings.models import (
    AgendaItem,
    AgendaVersion,
    Document,
    Meeting,
    Minute,
    MinutePoint,
    Resolution,
    municipal_year_of,
)
from scrutiny.models import Response, Review, TrackedItem

from .directory import BodyRef
from .text import Pools, at_noon
from .writer import Row, Writer

RESOLUTIONS_PER_MINUTE = 3
PROCEDURAL = (
    (AgendaItem.Kind.APOLOGIES, "Apologies for absence"),
    (AgendaItem.Kind.DECLARATIONS, "Declarations of interest"),
)
DAY = datetime.timedelta(days=1)
_RS = TrackedItem.ResponseStatus


@dataclass(frozen=True)
class Plan:
    """One meeting to make: its body, date, and how many resolutions (= tracked items)."""

    body: BodyRef
    date: datetime.date
    items: int
    upcoming: bool = False


@dataclass
class Context:
    """What every row of a panel's meetings shares."""

    writer: Writer
    panel: int
    pools: Pools
    author: int
    today: datetime.date
    now: datetime.datetime
    # The last minute number of each (body, municipal year): numbering runs across meetings.
    numbers: dict[tuple[int, int], int] = field(default_factory=dict)
    # Which state the next item takes (see `item_state`).
    sequence: int = 0

    def row(self, model: type[Any], **values: Any) -> Row:
        return {"id": self.writer.next_id(model), "panel_id": self.panel, **values}


@dataclass
class Rows:
    """One chunk's rows, by model, inserted in the order each model first appears (a parent's
    before its children's; the foreign keys are checked at commit anyway)."""

    by_model: dict[type[Any], list[Row]] = field(default_factory=dict)

    def add(self, model: type[Any], row: Row) -> Row:
        self.by_model.setdefault(model, []).append(row)
        return row

    def insert(self, writer: Writer) -> int:
        for model, rows in self.by_model.items():
            writer.insert(model, rows)
        return len(self.by_model.get(TrackedItem, []))


def meetings_rows(context: Context, plans: Sequence[Plan]) -> Rows:
    rows = Rows()
    for plan in plans:
        _meeting(context, rows, plan)
    return rows


def _meeting(context: Context, rows: Rows, plan: Plan) -> None:
    pools, day = context.pools, plan.date
    held = not plan.upcoming
    agenda_at = at_noon(day - 7 * DAY) if held else context.now - DAY
    published = held or plan.date <= context.today + 45 * DAY
    confirmed = held and day + 42 * DAY <= context.today
    status = (
        Meeting.Status.SCHEDULED
        if not published
        else Meeting.Status.AGENDA_PUBLISHED
        if not held
        else Meeting.Status.MINUTES_CONFIRMED
        if confirmed
        else Meeting.Status.MINUTES_DRAFT
    )
    meeting = rows.add(
        Meeting,
        context.row(
            Meeting,
            body_id=plan.body.id,
            date=day,
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 30),
            venue="County Hall",
            status=status,
            agenda_published_at=agenda_at if published else None,
            minutes_published_at=min(at_noon(day + 14 * DAY), context.now) if held else None,
            minutes_confirmed_on=day + 42 * DAY if confirmed else None,
            created_at=min(at_noon(day - 28 * DAY), context.now),
        ),
    )
    if not published:
        return
    rows.add(
        AgendaVersion,
        context.row(
            AgendaVersion,
            meeting_id=meeting["id"],
            number=1,
            published_at=agenda_at,
            snapshot={"items": len(PROCEDURAL) + math.ceil(plan.items / RESOLUTIONS_PER_MINUTE)},
        ),
    )
    number = 0
    for kind, title in PROCEDURAL:
        number += 1
        rows.add(AgendaItem, _agenda_item(context, meeting, number, kind, title))
    rows.add(
        Document,
        _document(context, meeting, None, "Agenda pack", Document.Kind.AGENDA_PACK, agenda_at),
    )
    for start in range(0, plan.items, RESOLUTIONS_PER_MINUTE):
        number += 1
        title = pools.title()
        item = rows.add(
            AgendaItem, _agenda_item(context, meeting, number, AgendaItem.Kind.REPORT, title)
        )
        rows.add(
            Document,
            _document(
                context, meeting, item["id"], f"Report: {title}", Document.Kind.REPORT, agenda_at
            ),
        )
        if held:
            count = min(RESOLUTIONS_PER_MINUTE, plan.items - start)
            _minute(context, rows, plan, meeting, item, title, count)


def _agenda_item(context: Context, meeting: Row, number: int, kind: str, title: str) -> Row:
    report = kind == AgendaItem.Kind.REPORT
    return context.row(
        AgendaItem,
        meeting_id=meeting["id"],
        position=number,
        number=str(number),
        title=title,
        kind=kind,
        report_by="Police and Crime Commissioner" if report else "",
        paper_status=AgendaItem.PaperStatus.PUBLISHED if report else AgendaItem.PaperStatus.NONE,
    )


def _document(
    context: Context,
    meeting: Row,
    item: int | None,
    title: str,
    kind: str,
    published: datetime.datetime,
) -> Row:
    row = context.row(
        Document,
        meeting_id=meeting["id"],
        agenda_item_id=item,
        title=title[:255],
        kind=kind,
        original_filename=f"{kind}.pdf",
        content_type="application/pdf",
        page_count=12,
        created_at=published,
    )
    number = row["id"]
    row.update(
        file=f"documents/{meeting['date']:%Y/%m}/scale-{number}.pdf",
        size=40_000 + number % 100_000,
        sha256=f"{number:064x}",
    )
    return row


def _minute(
    context: Context,
    rows: Rows,
    plan: Plan,
    meeting: Row,
    item: Row,
    title: str,
    count: int,
) -> None:
    key = (plan.body.id, municipal_year_of(plan.date))
    context.numbers[key] = number = context.numbers.get(key, 0) + 1
    minute = rows.add(
        Minute,
        context.row(
            Minute,
            meeting_id=meeting["id"],
            agenda_item_id=item["id"],
            body_id=plan.body.id,
            municipal_year=key[1],
            number=number,
            title=title,
            preamble=context.pools.text(),
        ),
    )
    rows.add(
        MinutePoint,
        context.row(
            MinutePoint, minute_id=minute["id"], position=1, label="(i)", text=context.pools.text()
        ),
    )
    for position in range(1, count + 1):
        text = context.pools.text()
        label = f"({chr(96 + position)})"
        resolution = rows.add(
            Resolution,
            context.row(
                Resolution,
                minute_id=minute["id"],
                position=position,
                label=label,
                text=text,
                kind=Resolution.Kind.REQUEST_RESPONSE,
            ),
        )
        reference = f"{plan.body.prefix}/{plan.date}/{number}{label}"
        tracked = rows.add(
            TrackedItem,
            item_row(
                context,
                reference=reference,
                raised=plan.date,
                text=text,
                body_id=plan.body.id,
                meeting_id=meeting["id"],
                source=TrackedItem.Source.RESOLUTION,
                resolution_id=resolution["id"],
                is_public=True,
            ),
        )
        _answers(context, rows, tracked)


def item_state(context: Context) -> int:
    """0-9 in turn: 40% open (half of them overdue), 40% closed, 10% answered and open, 10%
    withdrawn."""
    state = context.sequence % 10
    context.sequence += 1
    return state


def item_row(
    context: Context, *, reference: str, raised: datetime.date, text: str, **values: Any
) -> Row:
    rng = context.pools.rng
    state = item_state(context)
    due = raised + rng.choice((14, 28, 42, 56)) * DAY
    if state < 2:
        due = max(due, context.today + rng.randint(1, 120) * DAY)
    ended = at_noon(min(due + 14 * DAY, context.today))
    closed = 4 <= state < 8
    return context.row(
        TrackedItem,
        reference=reference,
        title=text[:80],
        text=text,
        addressee=values.pop("addressee", None) or rng.choice(TrackedItem.Addressee.values),
        raised_on=raised,
        due_date=due,
        response_status=_RS.RECEIVED if state == 8 else _RS.ACCEPTED if closed else _RS.AWAITING,
        implementation_status=rng.choice(TrackedItem.Implementation.values),
        closed_at=ended if closed else None,
        withdrawn_at=ended if state == 9 else None,
        withdrawn_reason="Duplicate" if state == 9 else "",
        created_at=min(at_noon(raised), context.now),
        **values,
    )


def _answers(context: Context, rows: Rows, item: Row) -> None:
    """A submitted response for an answered item; an accepted one, with the panel's review,
    for a closed one."""
    if item["response_status"] == _RS.AWAITING:
        return
    closed = item["closed_at"] is not None
    submitted = min(at_noon(item["raised_on"] + 21 * DAY), context.now)
    response = rows.add(
        Response,
        context.row(
            Response,
            item_id=item["id"],
            author_id=context.author,
            submitted_by_id=context.author,
            body=context.pools.answer(),
            status=Response.Status.ACCEPTED if closed else Response.Status.SUBMITTED,
            position=Response.Position.ACCEPTED if closed else Response.Position.ANSWERED,
            submitted_at=submitted,
            created_at=submitted,
        ),
    )
    if closed:
        rows.add(
            Review,
            context.row(
                Review,
                response_id=response["id"],
                outcome=Review.Outcome.ACCEPTED,
                reviewer_id=context.author,
                created_at=item["closed_at"],
            ),
        )
