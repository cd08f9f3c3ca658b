"""Reads for the Corporate Governance Board: its meetings, each meeting's record as its report
sets it out, the requests made of the Force and who owes them.

The board is the `Body` whose slug is BOARD_SLUG; everything here finds it through `board()` or
that constant, so the slug is spelt once. What a reader may see of a redacted item is decided by
`core.visibility.item_sections_hidden`, and hidden sections are blanked here, before any
template sees them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Prefetch, QuerySet
from django.utils import timezone

from core import visibility
from core.visibility import Reader
from governance.models import BoardItem
from meetings.models import AgendaItem, Attendance, Body, Meeting
from scrutiny.models import OPEN_ITEM, TrackedItem

# The board's body, as the directory names it (meetings/demo_data/directory.toml).
BOARD_SLUG = "cgb"

# Where a request may be sent: the Force, one of its officers, or the PCC's own office.
REQUEST_ADDRESSEES = (
    TrackedItem.Addressee.FORCE,
    TrackedItem.Addressee.OFFICER,
    TrackedItem.Addressee.OPCC,
)
# The offices the board's attendance is recorded under, as its report prints them.
BOARD_OFFICES = (Attendance.Capacity.OPCC, Attendance.Capacity.CHIEF_CONSTABLE)


def board() -> Body:
    """The Corporate Governance Board (`Body.DoesNotExist` until the directory has it)."""
    return Body.objects.get(slug=BOARD_SLUG)


def is_board(body: Body) -> bool:
    return body.slug == BOARD_SLUG


def board_meetings() -> QuerySet[Meeting]:
    """The board's meetings, newest first, with the number of requests made at each."""
    return (
        Meeting.objects.filter(body__slug=BOARD_SLUG)
        .exclude(status=Meeting.Status.CANCELLED)
        .annotate(request_count=Count("agenda_items__tracked_items", distinct=True))
        .order_by("-date")
    )


def board_meeting_get(*, pk: int) -> Meeting:
    """A meeting of the board, or `Meeting.DoesNotExist`."""
    return Meeting.objects.select_related("body").get(pk=pk, body__slug=BOARD_SLUG)


def board_agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("meeting__body").filter(meeting__body__slug=BOARD_SLUG)


def board_requests() -> QuerySet[TrackedItem]:
    """Every request made at the board, with the item it arose from."""
    return TrackedItem.objects.select_related("agenda_item", "body").filter(body__slug=BOARD_SLUG)


def board_requests_open() -> QuerySet[TrackedItem]:
    """Open requests made at the board, oldest first, with what the dashboard shows."""
    return (
        TrackedItem.objects.filter(OPEN_ITEM, body__slug=BOARD_SLUG)
        .select_related("addressee_person", "agenda_item", "due_meeting")
        .order_by("raised_on", "pk")
    )


def board_meeting_next(*, today: datetime.date | None = None) -> Meeting | None:
    today = today or timezone.localdate()
    return (
        Meeting.objects.filter(body__slug=BOARD_SLUG, date__gte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")
        .first()
    )


def meeting_following(*, meeting: Meeting) -> Meeting | None:
    """The next meeting of the same body after `meeting` (not a cancelled one)."""
    return (
        Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


def meeting_has_person(*, meeting: Meeting, person_id: int) -> bool:
    return meeting.attendances.filter(person_id=person_id).exists()


def meeting_has_item_number(*, meeting: Meeting, number: str) -> bool:
    return meeting.agenda_items.filter(number=number).exists()


def agenda_item_titled(*, meeting: Meeting, title: str) -> AgendaItem | None:
    """The meeting's item of that title that has not been withdrawn, if any."""
    return meeting.agenda_items.filter(title=title, withdrawn_at__isnull=True).first()


def agenda_item_top_level_count(*, meeting: Meeting) -> int:
    return meeting.agenda_items.filter(parent__isnull=True).count()


def requests_from_item_count(*, agenda_item: AgendaItem) -> int:
    return TrackedItem.objects.filter(agenda_item=agenda_item).count()


def panel_requests_answerable() -> QuerySet[TrackedItem]:
    """The panel's open requests to the PCC, which a board request may answer."""
    return (
        TrackedItem.objects.filter(
            closed_at__isnull=True,
            withdrawn_at__isnull=True,
            addressee__in=[TrackedItem.Addressee.PCC, TrackedItem.Addressee.OPCC],
        )
        .exclude(body__slug=BOARD_SLUG)
        .order_by("-raised_on")
    )


def panel_agenda_items_open() -> QuerySet[AgendaItem]:
    """Panel agenda items the report may be attached to: agendas still being prepared or
    published, not those of finished meetings."""
    return (
        AgendaItem.objects.filter(meeting__body__kind=Body.Kind.PANEL, withdrawn_at__isnull=True)
        .exclude(meeting__status__in=[Meeting.Status.CANCELLED, Meeting.Status.MINUTES_CONFIRMED])
        .select_related("meeting")
        .order_by("-meeting__date", "position")
    )


# --- A board item's sections, as the reader may see them -------------------------------------


@dataclass(frozen=True)
class Sections:
    """What a reader may see of a board item: its three sections, blank when `hidden`, and
    whether (and why) it is redacted, which everyone may know."""

    overview: str = ""
    force_update: str = ""
    pcc_response: str = ""
    redacted: bool = False
    redaction_reason: str = ""
    hidden: bool = False


NO_SECTIONS = Sections()


def sections_for(*, item: AgendaItem, board_item: BoardItem | None, reader: Reader) -> Sections:
    if board_item is None:
        return NO_SECTIONS
    hidden = visibility.item_sections_hidden(
        reader, exempt=item.exempt, redacted=board_item.redacted
    )
    if hidden:
        # Blanked on the instance too, so that nothing holding it can show what is hidden.
        board_item.overview = board_item.force_update = board_item.pcc_response = ""
    return Sections(
        overview=board_item.overview,
        force_update=board_item.force_update,
        pcc_response=board_item.pcc_response,
        redacted=board_item.redacted,
        redaction_reason=board_item.redaction_reason,
        hidden=hidden,
    )


def sections_by_item(*, meeting_id: int, reader: Reader) -> dict[int, Sections]:
    """The sections of each of a meeting's items that has any, by agenda item id (for the
    meeting's agenda on the meetings pages)."""
    board_items = BoardItem.objects.filter(agenda_item__meeting_id=meeting_id).select_related(
        "agenda_item"
    )
    return {
        b.agenda_item_id: sections_for(item=b.agenda_item, board_item=b, reader=reader)
        for b in board_items
    }


# --- A board meeting's record ------------------------------------------------------------------


@dataclass
class BoardNode:
    item: AgendaItem
    sections: Sections
    requests: list[TrackedItem]
    sub_items: list[BoardNode] = field(default_factory=list)

    @property
    def sections_hidden(self) -> bool:
        return self.sections.hidden


@dataclass
class BoardRecord:
    meeting: Meeting
    opcc: list[Attendance]
    chief_constable: list[Attendance]
    items: list[BoardNode]
    outcomes: list[TrackedItem]


def _board_item(item: AgendaItem) -> BoardItem | None:
    try:
        return item.board_item
    except BoardItem.DoesNotExist:
        return None


def board_record(*, meeting: Meeting, reader: Reader) -> BoardRecord:
    """A board meeting as its report sets it out: attendance by office, items with sub-items
    and the requests that arose from each; a redacted item's sections only for those who may
    see them. `outcomes` are the earlier requests whose outcome was recorded at this meeting."""
    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related("person").order_by("position")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting, withdrawn_at__isnull=True)
        .select_related("board_item")
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
    nodes = {
        item.pk: BoardNode(
            item=item,
            sections=sections_for(item=item, board_item=_board_item(item), reader=reader),
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


# --- The dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerLoad:
    owner: str
    count: int
    oldest: datetime.date


def board_requests_by_owner() -> list[OwnerLoad]:
    rows = (
        TrackedItem.objects.filter(OPEN_ITEM, body__slug=BOARD_SLUG)
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


@dataclass(frozen=True)
class Dashboard:
    meetings: list[Meeting]
    owners: list[OwnerLoad]
    requests: list[TrackedItem]
    next_meeting: Meeting | None
    returning: list[TrackedItem]


def board_dashboard(*, today: datetime.date | None = None) -> Dashboard:
    """Open requests to the Force by owner and age, and what returns at the next meeting."""
    requests = list(board_requests_open()[:200])
    next_meeting = board_meeting_next(today=today)
    return Dashboard(
        meetings=list(board_meetings()[:12]),
        owners=board_requests_by_owner(),
        requests=requests,
        next_meeting=next_meeting,
        returning=[r for r in requests if next_meeting and r.due_meeting_id == next_meeting.pk],
    )
