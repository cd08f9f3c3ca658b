"""The agenda: add, edit, reorder and withdraw items; publish; version every later change.

Once an agenda is published every change needs a change note and writes a new `AgendaVersion`
(a supplement) holding a snapshot of the whole agenda as it then stood.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.dates import date_long
from core.events import EventType
from core.lifecycle import transition
from core.permissions import can_manage_meetings, ensure_allowed
from core.services import event_record
from core.types import Actor
from meetings.models import MEETING_STATUS, PAPER_STATUS, AgendaItem, AgendaVersion, Meeting
from meetings.permissions import can_manage_meetings_of
from meetings.services._common import meeting_locked, pdf_build_on_commit

AGENDA_CHANGE_NOTE_REQUIRED = (
    "The agenda has been published. Say what changed: the note is printed on the supplement."
)
AGENDA_NOT_EDITABLE = "The agenda of a meeting that is “{status}” cannot be changed."
AGENDA_EMPTY = "Add at least one item before publishing the agenda."
AGENDA_ITEM_WITHDRAWN = "This item has been withdrawn and cannot be changed."
AGENDA_ITEM_WITHDRAW_REASON_REQUIRED = "Give the reason the item is withdrawn."
AGENDA_ITEM_TITLE_REQUIRED = "Enter the title of the item."
AGENDA_MOVE_DIRECTION = "Choose whether to move the item up or down."
AGENDA_RECORD_CLOSED = "Items cannot be added to the record of a meeting that is “{status}”."
AGENDA_ITEM_PARENT_OTHER_MEETING = "The parent item belongs to another meeting."

# Closing items stay at the foot of the agenda: a new item goes in just above them.
CLOSING_KINDS = frozenset({AgendaItem.Kind.DATE_OF_NEXT_MEETING, AgendaItem.Kind.AOB})


def agenda_snapshot(*, meeting: Meeting) -> dict[str, Any]:
    """The agenda as it stands, as JSON: what a version records and a supplement compares."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("documents")
        .order_by("position", "pk")
    )
    return {
        "meeting": {
            "date": meeting.date.isoformat(),
            "start_time": meeting.start_time.isoformat() if meeting.start_time else None,
            "venue": meeting.venue,
        },
        "items": [
            {
                "id": item.pk,
                "number": item.number,
                "title": item.title,
                "kind": item.kind,
                "report_by": item.report_by,
                "page_start": item.page_start,
                "page_end": item.page_end,
                "paper_status": item.paper_status,
                "exempt": item.exempt,
                "withdrawn": item.is_withdrawn,
                "withdrawn_reason": item.withdrawn_reason,
                "documents": [
                    {"id": d.pk, "title": d.title, "sha256": d.sha256, "exempt": d.exempt}
                    for d in item.documents.all()
                    if d.withdrawn_at is None
                ],
            }
            for item in items
        ],
    }


def agenda_change_begin(*, meeting: Meeting, change_note: str) -> Meeting:
    """Lock the meeting and check the agenda may change; a published one needs a change note."""
    meeting = meeting_locked(meeting)
    if not meeting.agenda_editable:
        raise ValidationError(AGENDA_NOT_EDITABLE.format(status=meeting.get_status_display()))
    if meeting.agenda_published_at is not None and not change_note.strip():
        raise ValidationError({"change_note": AGENDA_CHANGE_NOTE_REQUIRED})
    return meeting


def agenda_version_write(*, meeting: Meeting, actor: Actor, change_note: str) -> AgendaVersion:
    last = meeting.agenda_versions.aggregate(last=Max("number"))["last"] or 0
    version = AgendaVersion(
        meeting=meeting,
        number=last + 1,
        published_at=timezone.now(),
        published_by=actor if actor.is_authenticated else None,
        change_note=change_note.strip(),
        snapshot=agenda_snapshot(meeting=meeting),
    )
    version.full_clean()
    version.save()
    return version


def _agenda_change_end(*, meeting: Meeting, actor: Actor, change_note: str) -> None:
    """After a change to a published agenda, record the supplement."""
    if meeting.agenda_published_at is None:
        return
    version = agenda_version_write(meeting=meeting, actor=actor, change_note=change_note)
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_SUPPLEMENT_PUBLISHED,
        actor=actor,
        summary=f"Agenda supplement {version.number - 1}: {version.change_note}",
        data={"version": version.number},
        is_public=meeting.is_public,
    )


def _top_level(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting, parent__isnull=True).order_by("position", "pk")
    )


def _renumber(meeting: Meeting, order: list[AgendaItem]) -> None:
    """Number top-level items 1, 2, 3… in `order`; sub-items follow their parent as 4a, 4b…."""
    children: dict[int | None, list[AgendaItem]] = {}
    for child in AgendaItem.objects.filter(meeting=meeting, parent__isnull=False).order_by(
        "position", "pk"
    ):
        children.setdefault(child.parent_id, []).append(child)
    wanted: list[tuple[AgendaItem, int, str]] = []
    position = 0
    for index, item in enumerate(order, start=1):
        position += 1
        wanted.append((item, position, str(index)))
        for letter, child in zip(
            "abcdefghijklmnopqrstuvwxyz", children.get(item.pk, []), strict=False
        ):
            position += 1
            wanted.append((child, position, f"{index}{letter}"))
    changed = [(i, p, n) for i, p, n in wanted if i.position != p or i.number != n]
    # Numbers are unique per meeting, so clear the way first: these interim values never
    # outlive the transaction, and the history records only the final numbers.
    for item, _, _ in changed:
        AgendaItem.objects.filter(pk=item.pk).update(number=f"~{item.pk}")
    for item, new_position, new_number in changed:
        item.position, item.number = new_position, new_number
        item.save(update_fields=["position", "number", "updated_at"])


def _item_fields_check(item: AgendaItem) -> None:
    if not item.title.strip():
        raise ValidationError({"title": AGENDA_ITEM_TITLE_REQUIRED})
    item.full_clean()


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    actor: Actor,
    title: str,
    kind: str = AgendaItem.Kind.REPORT,
    report_by: str = "",
    description: str = "",
    page_start: int | None = None,
    page_end: int | None = None,
    paper_status: str = AgendaItem.PaperStatus.NONE,
    exempt: bool = False,
    exempt_reason: str = "",
    change_note: str = "",
) -> AgendaItem:
    """Add an item just above the closing items (date of next meeting, urgent business)."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = agenda_change_begin(meeting=meeting, change_note=change_note)
    order = _top_level(meeting)
    at = len(order)
    while at > 0 and order[at - 1].kind in CLOSING_KINDS:
        at -= 1
    item = AgendaItem(
        meeting=meeting,
        position=len(order) + 1,
        number="~new",
        title=title.strip(),
        kind=kind,
        report_by=report_by,
        description=description,
        page_start=page_start,
        page_end=page_end,
        paper_status=paper_status,
        exempt=exempt,
        exempt_reason=exempt_reason,
    )
    _item_fields_check(item)
    item.save()
    order.insert(at, item)
    _renumber(meeting, order)
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_ITEM_ADDED,
        actor=actor,
        summary=f"Item {item.number} added: {item.title}",
        data={"item": item.pk, "change_note": change_note.strip()},
    )
    _agenda_change_end(meeting=meeting, actor=actor, change_note=change_note)
    return item


@transaction.atomic
def agenda_item_record(
    *,
    meeting: Meeting,
    actor: Actor,
    number: str,
    title: str,
    parent: AgendaItem | None = None,
    kind: str = AgendaItem.Kind.REPORT,
    description: str = "",
    change_note: str = "",
) -> AgendaItem:
    """Add an item under the number the meeting's own record prints (a board's report numbers
    its items 2, 4a, 4b…), after the items already there and without renumbering any.

    Such a record is written up after the meeting as well as before, so items may be added until
    it closes (the meeting cancelled or its minutes confirmed). A change to a published agenda
    is still a supplement; its note says what was added unless one is given.
    """
    ensure_allowed(lambda user: can_manage_meetings_of(user, meeting.body), actor)
    meeting = meeting_locked(meeting)
    if not meeting.record_open:
        raise ValidationError(AGENDA_RECORD_CLOSED.format(status=meeting.get_status_display()))
    if parent is not None and parent.meeting_id != meeting.pk:
        raise ValidationError({"parent": AGENDA_ITEM_PARENT_OTHER_MEETING})
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        number=number.strip(),
        title=title.strip(),
        parent=parent,
        kind=kind,
        description=description,
    )
    _item_fields_check(item)
    item.save()
    note = change_note.strip() or f"Item {item.number} added: {item.title}"
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_ITEM_ADDED,
        actor=actor,
        summary=f"Item {item.number} added: {item.title}",
        data={"item": item.pk, "change_note": change_note.strip()},
    )
    _agenda_change_end(meeting=meeting, actor=actor, change_note=note)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    actor: Actor,
    title: str,
    kind: str,
    report_by: str,
    description: str,
    page_start: int | None,
    page_end: int | None,
    paper_status: str,
    exempt: bool,
    exempt_reason: str,
    change_note: str = "",
) -> AgendaItem:
    ensure_allowed(can_manage_meetings, actor)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    values = {
        "title": title.strip(),
        "kind": kind,
        "report_by": report_by,
        "description": description,
        "page_start": page_start,
        "page_end": page_end,
        "paper_status": paper_status,
        "exempt": exempt,
        "exempt_reason": exempt_reason,
    }
    changed = {name: value for name, value in values.items() if getattr(item, name) != value}
    if not changed:
        return item
    if item.is_withdrawn:
        raise ValidationError(AGENDA_ITEM_WITHDRAWN)
    meeting = agenda_change_begin(meeting=item.meeting, change_note=change_note)
    for name, value in changed.items():
        if name == "paper_status":
            transition(item, PAPER_STATUS, paper_status, actor=actor, save=False)
        else:
            setattr(item, name, value)
    _item_fields_check(item)
    item.save()
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_ITEM_UPDATED,
        actor=actor,
        summary=f"Item {item.number} changed: {', '.join(sorted(changed))}",
        data={"item": item.pk, "fields": sorted(changed), "change_note": change_note.strip()},
    )
    _agenda_change_end(meeting=meeting, actor=actor, change_note=change_note)
    return item


@transaction.atomic
def agenda_item_move(
    *,
    item: AgendaItem,
    actor: Actor,
    direction: Literal["up", "down"],
    change_note: str = "",
) -> AgendaItem:
    """Swap a top-level item with its neighbour and renumber; at either end nothing changes."""
    ensure_allowed(can_manage_meetings, actor)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": AGENDA_MOVE_DIRECTION})
    meeting = meeting_locked(item.meeting)
    order = _top_level(meeting)
    index = next(i for i, candidate in enumerate(order) if candidate.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return order[index]
    agenda_change_begin(meeting=meeting, change_note=change_note)
    order[index], order[other] = order[other], order[index]
    _renumber(meeting, order)
    moved = order[other]
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_ITEM_MOVED,
        actor=actor,
        summary=f"“{moved.title}” moved {direction} to item {moved.number}.",
        data={"item": moved.pk, "change_note": change_note.strip()},
    )
    _agenda_change_end(meeting=meeting, actor=actor, change_note=change_note)
    return moved


@transaction.atomic
def agenda_item_withdraw(
    *, item: AgendaItem, actor: Actor, reason: str, change_note: str = ""
) -> AgendaItem:
    """Withdraw an item: it stays on the agenda, marked, with the reason (never deleted).

    On a published agenda the reason doubles as the change note unless one is given.
    """
    ensure_allowed(can_manage_meetings, actor)
    if not reason.strip():
        raise ValidationError({"reason": AGENDA_ITEM_WITHDRAW_REASON_REQUIRED})
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.is_withdrawn:
        raise ValidationError(AGENDA_ITEM_WITHDRAWN)
    note = change_note.strip() or f"Item {item.number} withdrawn: {reason.strip()}"
    meeting = agenda_change_begin(meeting=item.meeting, change_note=note)
    item.withdrawn_at = timezone.now()
    item.withdrawn_reason = reason.strip()
    item.full_clean()
    item.save()
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_ITEM_WITHDRAWN,
        actor=actor,
        summary=f"Item {item.number} withdrawn: {item.withdrawn_reason}",
        data={"item": item.pk},
    )
    _agenda_change_end(meeting=meeting, actor=actor, change_note=note)
    return item


@transaction.atomic
def agenda_publish(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Publish the agenda: version 1 records it exactly as published."""
    ensure_allowed(can_manage_meetings, actor)
    meeting = meeting_locked(meeting)
    transition(meeting, MEETING_STATUS, Meeting.Status.AGENDA_PUBLISHED, actor=actor, save=False)
    if not meeting.agenda_items.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError(AGENDA_EMPTY)
    meeting.agenda_published_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    agenda_version_write(meeting=meeting, actor=actor, change_note="")
    event_record(
        subject=meeting,
        verb=EventType.AGENDA_PUBLISHED,
        actor=actor,
        summary=f"Agenda for the meeting on {date_long(meeting.date)} published.",
        is_public=meeting.is_public,
    )
    pdf_build_on_commit(meeting, "agenda_pack")
    return meeting
