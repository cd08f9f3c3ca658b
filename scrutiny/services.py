"""Every change to a tracked item: raising, chasing, answering, reviewing, closing, withdrawing.

Each function checks the actor's permission, runs in one transaction with the item row locked,
and records a domain event, which is what the item page's timeline shows.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import get_valid_filename

from core.models import DomainEvent
from core.permissions import (
    OPCC_OFFICER,
    PANEL_MEMBER,
    can_create_tracked_items,
    can_manage_cgb,
    can_read_internal,
    can_respond,
    can_review_responses,
    ensure_allowed,
)
from core.services import event_record, notification_send
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MinutePoint,
    Person,
    Resolution,
)
from meetings.services._common import date_long
from meetings.services.documents import document_file_check
from scrutiny.models import Response, ResponseAttachment, Review, TrackedItem

Actor = User | AnonymousUser

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
OUTCOME_REQUIRED = "Record what the Force reported."
OUTCOME_OTHER_BODY = "Record the outcome at a meeting of the body that made the request."
OUTCOME_BEFORE_RAISED = "The outcome cannot be recorded at a meeting before the request was made."
CGB_MEETING_EXISTS = "The board already has a meeting on {date}."
CGB_SLUG = "cgb"
SUPERSEDE_SELF = "An item cannot supersede itself."

# Reminders go this many days before the due date.
REMINDER_DAYS_BEFORE = (7, 1)


# --- Raising items -----------------------------------------------------------------------------


def due_date_resolve(
    *,
    body: Body,
    raised_on: datetime.date,
    due_kind: str,
    due_date: datetime.date | None = None,
    statutory_days: int | None = None,
) -> tuple[datetime.date, Meeting | None]:
    """Turn "by the next meeting" or "within N days" into a date (and the meeting it is due at)."""
    if due_kind == TrackedItem.DueKind.NEXT_MEETING:
        meeting = (
            Meeting.objects.filter(body=body, date__gt=raised_on)
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("date", "start_time")
            .first()
        )
        if meeting is None:
            raise ValidationError({"due_kind": NO_NEXT_MEETING.format(body=body.name)})
        return meeting.date, meeting
    if due_kind == TrackedItem.DueKind.STATUTORY:
        if not statutory_days:
            raise ValidationError({"statutory_days": STATUTORY_DAYS_REQUIRED})
        return raised_on + datetime.timedelta(days=statutory_days), None
    if due_date is None:
        raise ValidationError({"due_date": DUE_DATE_REQUIRED})
    return due_date, None


def reference_make(*, body: Body, day: datetime.date, suffix: str) -> str:
    """`PCP/2024-10-28/29(c)`; a numeric tail keeps it unique if the same clause is split."""
    prefix = body.reference_prefix or body.short_name or body.slug.upper()
    base = f"{prefix}/{day.isoformat()}/{suffix}"
    reference, n = base, 1
    while TrackedItem.objects.filter(reference=reference).exists():
        n += 1
        reference = f"{base}-{n}"
    return reference


def _manual_suffix(body: Body, day: datetime.date) -> str:
    count = TrackedItem.objects.filter(body=body, raised_on=day, resolution__isnull=True).count()
    return f"H{count + 1}"


@transaction.atomic
def item_create(
    *,
    actor: Actor,
    title: str,
    text: str,
    addressee: str,
    body: Body | None = None,
    resolution: Resolution | None = None,
    minute_point: MinutePoint | None = None,
    source: str | None = None,
    source_document: str = "",
    raised_on: datetime.date | None = None,
    due_kind: str = TrackedItem.DueKind.DATE,
    due_date: datetime.date | None = None,
    statutory_days: int | None = None,
    addressee_person: Person | None = None,
    addressee_body: Body | None = None,
    requested_by: str = TrackedItem.RequestedBy.PANEL,
    response_wanted: str = TrackedItem.ResponseWanted.WRITTEN_RESPONSE,
    agenda_item: Any = None,
    parent: TrackedItem | None = None,
    reference_suffix: str = "",
) -> TrackedItem:
    """Raise an item. From a resolution or minute point, the body, meeting, date and reference
    come from the minutes, so nothing is typed twice."""
    # Any signed-in reader may ask a question about a grant; other items are raised by officers.
    asks_about_grant = source == TrackedItem.Source.GRANT_QUESTION and resolution is None
    ensure_allowed(can_read_internal if asks_about_grant else can_create_tracked_items, actor)
    meeting = None
    if resolution is not None:
        minute = resolution.minute
        meeting, source = minute.meeting, source or TrackedItem.Source.RESOLUTION
        reference_suffix = reference_suffix or f"{minute.number}{resolution.label}"
        existing = TrackedItem.objects.filter(resolution=resolution, withdrawn_at__isnull=True)
    elif minute_point is not None:
        minute = minute_point.minute
        meeting, source = minute.meeting, source or TrackedItem.Source.MINUTE_POINT
        reference_suffix = reference_suffix or f"{minute.number}{minute_point.label}"
        existing = TrackedItem.objects.filter(minute_point=minute_point, withdrawn_at__isnull=True)
    elif agenda_item is not None:
        meeting = agenda_item.meeting
        source = source or TrackedItem.Source.CGB_REQUEST
        existing = TrackedItem.objects.none()
    else:
        source = source or TrackedItem.Source.MANUAL
        existing = TrackedItem.objects.none()
    if meeting is not None:
        body = meeting.body
        raised_on = raised_on or meeting.date
    if body is None:
        raise ValidationError({"body": "Choose the body that asked for this."})
    raised_on = raised_on or timezone.localdate()
    duplicate = existing.first()
    if duplicate is not None:
        raise ValidationError(
            ITEM_ALREADY_CREATED.format(
                source=f"{duplicate.resolution or duplicate.minute_point}",
                reference=duplicate.reference,
            )
        )
    if source in (TrackedItem.Source.MANUAL, TrackedItem.Source.GRANT_QUESTION) and not (
        source_document.strip()
    ):
        raise ValidationError(
            {"source_document": "Name the paper or meeting this item comes from."}
        )
    resolved_due, due_meeting = due_date_resolve(
        body=body,
        raised_on=raised_on,
        due_kind=due_kind,
        due_date=due_date,
        statutory_days=statutory_days,
    )
    item = TrackedItem(
        reference=reference_make(
            body=body, day=raised_on, suffix=reference_suffix or _manual_suffix(body, raised_on)
        ),
        source=source,
        resolution=resolution,
        minute_point=minute_point,
        agenda_item=agenda_item,
        source_document=source_document,
        body=body,
        meeting=meeting,
        title=title.strip() or text.strip()[:120],
        text=text,
        addressee=addressee,
        addressee_person=addressee_person,
        addressee_body=addressee_body,
        requested_by=requested_by,
        response_wanted=response_wanted,
        raised_on=raised_on,
        due_kind=due_kind,
        due_date=resolved_due,
        due_meeting=due_meeting,
        statutory_days=statutory_days if due_kind == TrackedItem.DueKind.STATUTORY else None,
        parent=parent,
        is_public=bool(meeting and meeting.is_public and not getattr(agenda_item, "redacted", 0)),
        created_by=actor if actor.is_authenticated else None,
    )
    item.full_clean()
    item.save()
    event_record(
        subject=item,
        verb="raised",
        actor=actor,
        summary=f"Addressed to {item.get_addressee_display()}; due {date_long(resolved_due)}",
        data={"due_date": resolved_due.isoformat(), "addressee": addressee},
        is_public=item.is_public,
    )
    if parent is not None:
        event_record(
            subject=parent,
            verb="linked",
            actor=actor,
            summary=f"Follow-up raised: {item.reference}",
            data={"follow_up": item.pk},
        )
    return item


def items_publish_for_meeting(*, meeting: Meeting) -> int:
    """Items raised from a meeting's minutes become public when the meeting does (a redacted
    CGB item's requests stay internal)."""
    if not meeting.is_public:
        return 0
    return (
        TrackedItem.objects.filter(meeting=meeting, is_public=False, withdrawn_at__isnull=True)
        .exclude(agenda_item__redacted=True)
        .update(is_public=True)
    )


def _locked(item: TrackedItem) -> TrackedItem:
    return TrackedItem.objects.select_for_update().get(pk=item.pk)


def _require_open(item: TrackedItem) -> None:
    if not item.is_open:
        raise ValidationError(ITEM_NOT_OPEN.format(state=item.state_label.lower()))


# --- Following and chasing ---------------------------------------------------------------------


def item_follow(*, actor: Actor, item: TrackedItem, follow: bool = True) -> None:
    ensure_allowed(can_read_internal, actor)
    if follow:
        item.followers.add(actor)
    else:
        item.followers.remove(actor)


@transaction.atomic
def items_chase(*, actor: Actor, items: Iterable[TrackedItem]) -> int:
    """Record that each open item was chased; closed or withdrawn ones are left as they are."""
    ensure_allowed(can_create_tracked_items, actor)
    now = timezone.now()
    chased = 0
    for item in TrackedItem.objects.select_for_update().filter(
        pk__in=[i.pk for i in items], closed_at__isnull=True, withdrawn_at__isnull=True
    ):
        item.last_chased_at = now
        item.save(update_fields=["last_chased_at", "updated_at"])
        event_record(subject=item, verb="chased", actor=actor, summary="Chased for a response")
        chased += 1
    return chased


# --- Responses ---------------------------------------------------------------------------------


@transaction.atomic
def response_save_draft(
    *,
    actor: Actor,
    item: TrackedItem,
    body: str,
    position: str = Response.Position.ANSWERED,
    plan: str = "",
    plan_date: datetime.date | None = None,
    response: Response | None = None,
    version: int | None = None,
) -> Response:
    """Create the draft, or save a new version of it; a save based on a stale version is refused
    so that two officers editing the same draft never overwrite each other."""
    ensure_allowed(can_respond, actor)
    item = _locked(item)
    _require_open(item)
    if response is None:
        if item.responses.filter(status__in=[Response.Status.DRAFT, Response.Status.SUBMITTED]):
            raise ValidationError(RESPONSE_IN_PLAY)
        response = Response(item=item, author=actor)
        verb = "response_drafted"
    else:
        response = Response.objects.select_for_update().get(pk=response.pk, item=item)
        if response.status != Response.Status.DRAFT:
            raise ValidationError(RESPONSE_NOT_DRAFT)
        if version is not None and version != response.version:
            raise ValidationError(RESPONSE_STALE, code="stale")
        response.version += 1
        verb = "response_edited"
    response.body, response.position = body, position
    response.plan, response.plan_date = plan, plan_date
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as exc:
        raise ValidationError(RESPONSE_IN_PLAY) from exc
    event_record(subject=item, verb=verb, actor=actor, summary="Response draft saved")
    return response


@transaction.atomic
def response_attach(
    *, actor: Actor, response: Response, filename: str, content: bytes
) -> ResponseAttachment:
    ensure_allowed(can_respond, actor)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.DRAFT:
        raise ValidationError(RESPONSE_NOT_DRAFT)
    content_type, _ = document_file_check(filename=filename, content=content)
    attachment = ResponseAttachment(
        response=response,
        original_filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save(get_valid_filename(filename), ContentFile(content), save=False)
    attachment.save()
    event_record(
        subject=response.item, verb="attachment_added", actor=actor, summary=f"Attached {filename}"
    )
    return attachment


def _validate_for_submission(response: Response) -> None:
    if not response.body.strip():
        raise ValidationError({"body": RESPONSE_EMPTY})
    response.full_clean(validate_constraints=True)


@transaction.atomic
def response_submit(*, actor: Actor, response: Response, version: int | None = None) -> Response:
    ensure_allowed(can_respond, actor)
    item = _locked(response.item)
    _require_open(item)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.DRAFT:
        raise ValidationError(RESPONSE_NOT_DRAFT)
    if version is not None and version != response.version:
        raise ValidationError(RESPONSE_STALE, code="stale")
    response.status = Response.Status.SUBMITTED
    _validate_for_submission(response)
    response.submitted_at, response.submitted_by = timezone.now(), actor
    response.save()
    item.response_status = TrackedItem.ResponseStatus.RECEIVED
    item.save(update_fields=["response_status", "updated_at"])
    event_record(
        subject=item,
        verb="response_submitted",
        actor=actor,
        summary=f"Response submitted ({response.get_position_display()})",
        data={"response": response.pk},
        is_public=item.is_public,
    )
    return response


@transaction.atomic
def response_withdraw(*, actor: Actor, response: Response, reason: str) -> Response:
    """Take back a submitted response (e.g. sent in error); the item awaits a response again."""
    ensure_allowed(can_respond, actor)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    item = _locked(response.item)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status not in (Response.Status.DRAFT, Response.Status.SUBMITTED):
        raise ValidationError(RESPONSE_NOT_SUBMITTED.format(status=response.get_status_display()))
    was_submitted = response.status == Response.Status.SUBMITTED
    response.status, response.withdrawn_reason = Response.Status.WITHDRAWN, reason
    response.save()
    if was_submitted:
        item.response_status = TrackedItem.ResponseStatus.AWAITING
        item.save(update_fields=["response_status", "updated_at"])
    event_record(
        subject=item,
        verb="response_withdrawn",
        actor=actor,
        summary=f"Response withdrawn: {reason}",
        is_public=item.is_public and was_submitted,
    )
    return response


@transaction.atomic
def response_review(
    *,
    actor: Actor,
    response: Response,
    outcome: str,
    reason: str = "",
    new_due_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Review:
    """The panel accepts the response (closing the item) or challenges it (reopening it)."""
    ensure_allowed(can_review_responses, actor)
    item = _locked(response.item)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(RESPONSE_NOT_SUBMITTED.format(status=response.get_status_display()))
    now = timezone.now()
    if outcome == Review.Outcome.CHALLENGED:
        errors = {}
        if not reason.strip():
            errors["reason"] = CHALLENGE_NEEDS_REASON
        if new_due_date is None:
            errors["new_due_date"] = CHALLENGE_NEEDS_DATE
        elif new_due_date <= (today or timezone.localdate()):
            errors["new_due_date"] = CHALLENGE_DATE_PAST
        if errors:
            raise ValidationError(errors)
    elif outcome != Review.Outcome.ACCEPTED:
        raise ValidationError({"outcome": "Choose whether to accept or challenge the response."})
    review = Review.objects.create(
        response=response,
        outcome=outcome,
        reason=reason,
        new_due_date=new_due_date if outcome == Review.Outcome.CHALLENGED else None,
        reviewer=actor,
    )
    if outcome == Review.Outcome.ACCEPTED:
        response.status = Response.Status.ACCEPTED
        position = response.position
        item.response_status = (
            position
            if position in TrackedItem.ResponseStatus.values
            else TrackedItem.ResponseStatus.ACCEPTED
        )
        item.closed_at = now
        verb, summary = "closed", "Response accepted by the panel; item closed"
    else:
        response.status = Response.Status.CHALLENGED
        item.response_status = TrackedItem.ResponseStatus.AWAITING
        item.due_kind, item.due_date, item.due_meeting = "date", new_due_date, None
        verb = "reopened"
        summary = (
            f"Response challenged: {reason.strip().rstrip('.')}. "
            f"New due date {date_long(new_due_date)}"
        )
    response.save()
    item.full_clean()
    item.save()
    event_record(
        subject=item,
        verb=verb,
        actor=actor,
        summary=summary,
        data={"response": response.pk, "review": review.pk},
        is_public=item.is_public,
    )
    return review


# --- Implementation, withdrawal, supersession ---------------------------------------------------


@transaction.atomic
def item_implementation_update(
    *, actor: Actor, item: TrackedItem, status: str, progress: int | None = None
) -> TrackedItem:
    ensure_allowed(can_respond, actor)
    item = _locked(item)
    if item.withdrawn_at:
        raise ValidationError(ITEM_NOT_OPEN.format(state="withdrawn"))
    if status not in TrackedItem.Implementation.values:
        raise ValidationError({"status": "Choose an implementation status."})
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError({"progress": PROGRESS_INVALID})
    before = (item.get_implementation_status_display(), item.progress)
    item.implementation_status = status
    item.progress = 100 if status == TrackedItem.Implementation.IMPLEMENTED else progress
    item.full_clean()
    item.save()
    event_record(
        subject=item,
        verb="implementation_updated",
        actor=actor,
        summary=(
            f"Implementation: {before[0]} → {item.get_implementation_status_display()}"
            + (f" ({item.progress}%)" if item.progress is not None else "")
        ),
        data={"status": status, "progress": item.progress},
    )
    return item


@transaction.atomic
def item_withdraw(*, actor: Actor, item: TrackedItem, reason: str) -> TrackedItem:
    """Items are never deleted: a mistaken or overtaken item is withdrawn with its reason."""
    ensure_allowed(can_create_tracked_items, actor)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    item = _locked(item)
    _require_open(item)
    item.withdrawn_at, item.withdrawn_reason = timezone.now(), reason
    item.save()
    event_record(subject=item, verb="withdrawn", actor=actor, summary=f"Withdrawn: {reason}")
    return item


@transaction.atomic
def item_supersede(*, actor: Actor, item: TrackedItem, by: TrackedItem, reason: str) -> TrackedItem:
    ensure_allowed(can_create_tracked_items, actor)
    if item.pk == by.pk:
        raise ValidationError(SUPERSEDE_SELF)
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_REQUIRED})
    item = _locked(item)
    _require_open(item)
    item.superseded_by = by
    item.implementation_status = TrackedItem.Implementation.SUPERSEDED
    item.withdrawn_at, item.withdrawn_reason = (
        timezone.now(),
        f"Superseded by {by.reference}: {reason}",
    )
    item.save()
    event_record(
        subject=item, verb="superseded", actor=actor, summary=f"Superseded by {by.reference}"
    )
    return item


@transaction.atomic
def item_outcome_record(
    *,
    actor: Actor,
    item: TrackedItem,
    outcome: str,
    meeting: Meeting,
    accepted: bool,
    today: datetime.date | None = None,
) -> TrackedItem:
    """A CGB request's outcome, recorded at a later CGB. An outcome the PCC does not accept
    ("not an update") keeps the request open and carries it onto the next CGB's agenda."""
    ensure_allowed(can_manage_cgb, actor)
    if not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if meeting.body_id != item.body_id:
        raise ValidationError({"meeting": OUTCOME_OTHER_BODY})
    item = _locked(item)
    _require_open(item)
    if meeting.date < item.raised_on:
        raise ValidationError({"meeting": OUTCOME_BEFORE_RAISED})
    item.outcome, item.outcome_meeting = outcome, meeting
    data: dict[str, Any] = {"outcome": outcome, "meeting": meeting.pk}
    if accepted:
        item.response_status = TrackedItem.ResponseStatus.ACCEPTED
        item.closed_at = timezone.now()
        verb, summary = "closed", f"Outcome accepted at the meeting of {date_long(meeting.date)}"
    else:
        item.response_status = TrackedItem.ResponseStatus.AWAITING
        following = meeting_next(meeting=meeting)
        summary = f"Not accepted at the meeting of {date_long(meeting.date)}: {outcome}"
        if following is None:
            summary += ". No later meeting is scheduled: it returns when one is."
        else:
            item.due_kind, item.due_date = TrackedItem.DueKind.NEXT_MEETING, following.date
            item.due_meeting = following
            carried = _agenda_carry_forward(item=item, to=following, from_meeting=meeting)
            data["carried_to_item"] = carried.pk
            summary += f". Carried forward to the meeting of {date_long(following.date)}"
        verb = "reopened"
    item.full_clean()
    item.save()
    event_record(subject=item, verb=verb, actor=actor, summary=summary, data=data)
    return item


def meeting_next(*, meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )


def _agenda_carry_forward(*, item: TrackedItem, to: Meeting, from_meeting: Meeting) -> AgendaItem:
    """The request goes on the next meeting's agenda, once, under the same title."""
    title = item.agenda_item.title if item.agenda_item else item.title
    existing = to.agenda_items.filter(title=title, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    last = to.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    top_level = to.agenda_items.filter(parent__isnull=True).count()
    carried = AgendaItem(
        meeting=to,
        position=last + 1,
        number=str(top_level + 1),
        title=title,
        kind=AgendaItem.Kind.REPORT,
        description=(
            f"Carried forward from the meeting of {date_long(from_meeting.date)} "
            f"({item.reference}): {item.text}"
        ),
    )
    carried.full_clean()
    carried.save()
    return carried


# --- Corporate Governance Board records ---------------------------------------------------------


def cgb_body() -> Body:
    return Body.objects.get(slug=CGB_SLUG)


@transaction.atomic
def cgb_meeting_create(
    *,
    actor: Actor,
    date: datetime.date,
    start_time: datetime.time | None = None,
    venue: str = "",
) -> Meeting:
    """A CGB meeting: a private meeting of the board, recorded by the OPCC."""
    ensure_allowed(can_manage_cgb, actor)
    body = cgb_body()
    if Meeting.objects.filter(body=body, date=date).exclude(status="cancelled").exists():
        raise ValidationError({"date": CGB_MEETING_EXISTS.format(date=date_long(date))})
    meeting = Meeting(
        body=body,
        title=body.name,
        date=date,
        start_time=start_time,
        venue=venue,
        session=Meeting.Session.PRIVATE,
    )
    meeting.full_clean()
    meeting.save()
    event_record(
        subject=meeting, verb="cgb.meeting_created", actor=actor, summary=f"{meeting} scheduled"
    )
    return meeting


@transaction.atomic
def cgb_attendance_add(
    *, actor: Actor, meeting: Meeting, person: Person, office: str, role_text: str = ""
) -> Attendance:
    ensure_allowed(can_manage_cgb, actor)
    if office not in (Attendance.Capacity.OPCC, Attendance.Capacity.CHIEF_CONSTABLE):
        raise ValidationError({"office": "Choose the office the person attended for."})
    if meeting.attendances.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already recorded at this meeting."})
    attendance = Attendance(
        meeting=meeting,
        person=person,
        capacity=office,
        role_text=role_text,
        position=meeting.attendances.count() + 1,
    )
    attendance.full_clean()
    attendance.save()
    event_record(subject=meeting, verb="cgb.attendance", actor=actor, summary=f"{person} attended")
    return attendance


@transaction.atomic
def cgb_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    number: str,
    title: str,
    parent: AgendaItem | None = None,
    overview: str = "",
    force_update: str = "",
    pcc_response: str = "",
    redacted: bool = False,
    redaction_reason: str = "",
) -> AgendaItem:
    """An item of a CGB meeting with its three sections; a redacted item needs its reason."""
    ensure_allowed(can_manage_cgb, actor)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the item's title."
    if not number.strip():
        errors["number"] = "Enter the item's number, as in the report (4, 4a…)."
    elif meeting.agenda_items.filter(number=number.strip()).exists():
        errors["number"] = f"This meeting already has an item {number.strip()}."
    if redacted and not redaction_reason.strip():
        errors["redaction_reason"] = "Say why the item is redacted: the public see the reason."
    if parent is not None and parent.meeting_id != meeting.pk:
        errors["parent"] = "The parent item belongs to another meeting."
    if errors:
        raise ValidationError(errors)
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        position=(last or 0) + 1,
        number=number.strip(),
        title=title.strip(),
        parent=parent,
        kind=AgendaItem.Kind.REPORT,
        overview=overview,
        force_update=force_update,
        pcc_response=pcc_response,
        redacted=redacted,
        redaction_reason=redaction_reason if redacted else "",
    )
    item.full_clean()
    item.save()
    event_record(
        subject=meeting,
        verb="cgb.item_added",
        actor=actor,
        summary=f"Item {item.number}: {item.title}" + (" (redacted)" if redacted else ""),
    )
    return item


@transaction.atomic
def cgb_request_create(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    text: str,
    addressee: str,
    addressee_person: Person | None = None,
    title: str = "",
    due_date: datetime.date | None = None,
    parent: TrackedItem | None = None,
) -> TrackedItem:
    """A request the PCC makes of the Force at the board: due at the next CGB unless a date is
    given, with the board item as its source and, optionally, the panel item it answers."""
    ensure_allowed(can_manage_cgb, actor)
    if addressee not in (
        TrackedItem.Addressee.FORCE,
        TrackedItem.Addressee.OFFICER,
        TrackedItem.Addressee.OPCC,
    ):
        raise ValidationError({"addressee": "A board request is to the Force or a named officer."})
    if addressee == TrackedItem.Addressee.OFFICER and addressee_person is None:
        raise ValidationError({"addressee_person": "Choose the officer."})
    if not text.strip():
        raise ValidationError({"text": "Write the request."})
    count = TrackedItem.objects.filter(agenda_item=agenda_item).count()
    return item_create(
        actor=actor,
        agenda_item=agenda_item,
        source=TrackedItem.Source.CGB_REQUEST,
        title=title or text,
        text=text,
        addressee=addressee,
        addressee_person=addressee_person,
        requested_by=TrackedItem.RequestedBy.PCC_AT_CGB,
        response_wanted=TrackedItem.ResponseWanted.OUTCOME,
        due_kind=TrackedItem.DueKind.DATE if due_date else TrackedItem.DueKind.NEXT_MEETING,
        due_date=due_date,
        parent=parent,
        reference_suffix=f"{agenda_item.number}-{count + 1}",
    )


def cgb_report_attach(*, actor: Actor, cgb_meeting: Meeting, agenda_item: AgendaItem):
    """The public report of a CGB meeting, as a PDF, on a panel agenda item."""
    from meetings.models import Document
    from meetings.services.documents import document_attach
    from scrutiny.pdf import cgb_report_pdf

    ensure_allowed(can_manage_cgb, actor)
    if cgb_meeting.body.slug != CGB_SLUG:
        raise ValidationError("Only a Corporate Governance Board meeting has this report.")
    return document_attach(
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        actor=actor,
        title=f"Corporate Governance Board, {date_long(cgb_meeting.date)}",
        kind=Document.Kind.CGB_REPORT,
        filename=f"cgb-report-{cgb_meeting.date.isoformat()}.pdf",
        content=cgb_report_pdf(meeting=cgb_meeting),
        content_type="application/pdf",
    )


# --- Reminders ---------------------------------------------------------------------------------


def _officers_for(item: TrackedItem) -> QuerySet[User]:
    """Who answers for the addressee: the named officer's login if any, and the OPCC officers,
    who coordinate every response to the panel (including the Force's)."""
    users = User.objects.filter(is_active=True, groups__name=OPCC_OFFICER)
    person_user = getattr(item.addressee_person, "user_id", None)
    if person_user:
        users = users | User.objects.filter(pk=person_user, is_active=True)
    return users.distinct()


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Reminders before the due date and overdue notices, at most one per item, kind and day.

    Safe to run twice or to resume after a crash: each notice has a key, and `notification_send`
    creates and emails each key once.
    """
    today = today or timezone.localdate()
    sent = {"reminder": 0, "overdue": 0}
    open_awaiting = TrackedItem.objects.filter(
        closed_at__isnull=True,
        withdrawn_at__isnull=True,
        response_status=TrackedItem.ResponseStatus.AWAITING,
    ).select_related("addressee_person")
    soon = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS_BEFORE]
    batches = (
        ("reminder", open_awaiting.filter(due_date__in=soon)),
        ("overdue", open_awaiting.filter(due_date__lt=today)),
    )
    for kind, items in batches:
        for item in items.iterator(chunk_size=500):
            if kind == "reminder":
                subject = f"Due {date_long(item.due_date)}: {item.reference}"
            else:
                subject = f"Overdue since {date_long(item.due_date)}: {item.reference}"
            for user in _officers_for(item):
                notification_send(
                    recipient=user,
                    kind=kind,
                    key=f"{kind}:{item.pk}:{today.isoformat()}",
                    subject=subject,
                    body=f"{item.title}\n\n{item.text}",
                    url=item.get_absolute_url(),
                )
                sent[kind] += 1
    return sent


def digest_send(*, today: datetime.date | None = None) -> int:
    """The weekly digest to panel members: what changed in the tracker in the last seven days."""
    today = today or timezone.localdate()
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time())
    )
    events = (
        DomainEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(TrackedItem), occurred_at__gte=since
        )
        .order_by("occurred_at")
        .values_list("object_id", "summary")
    )
    changes = list(events[:200])
    if not changes:
        return 0
    references = dict(
        TrackedItem.objects.filter(pk__in={pk for pk, _ in changes}).values_list("pk", "reference")
    )
    body = "\n".join(f"{references.get(pk, pk)}: {summary}" for pk, summary in changes)
    year, week, _ = today.isocalendar()
    count = 0
    for user in User.objects.filter(is_active=True, groups__name=PANEL_MEMBER).distinct():
        notification_send(
            recipient=user,
            kind="digest",
            key=f"digest:{year}-W{week:02d}",
            subject=f"Tracker: {len(changes)} changes in the week to {date_long(today)}",
            body=body,
            url="/actions/",
        )
        count += 1
    return count


def daily_jobs_run(*, today: datetime.date | None = None) -> dict[str, int]:
    """The daily job: tracker reminders, the Monday digest, and grant monitoring reminders."""
    today = today or timezone.localdate()
    result = reminders_send(today=today)
    if today.weekday() == 0:
        result["digest"] = digest_send(today=today)
    try:
        from grants.services import monitoring_reminders_send
    except ImportError:
        pass
    else:
        result["grants"] = monitoring_reminders_send(today=today)
    return result


# --- The matters-arising report on the agenda ---------------------------------------------------


def action_log_attach(*, actor: Actor, meeting: Meeting, base_url: str = "/"):
    """Attach the report, as a PDF, to the meeting's matters-arising item (or to the meeting)."""
    from meetings.models import Document
    from meetings.services.documents import document_attach
    from scrutiny.pdf import action_log_pdf

    ensure_allowed(can_create_tracked_items, actor)
    item = (
        meeting.agenda_items.filter(withdrawn_at__isnull=True, title__icontains="action log")
        .order_by("position")
        .first()
        or meeting.agenda_items.filter(
            withdrawn_at__isnull=True, title__icontains="matters arising"
        ).first()
    )
    return document_attach(
        meeting=meeting,
        agenda_item=item,
        actor=actor,
        title=f"Matters arising / action log for {date_long(meeting.date)}",
        kind=Document.Kind.ACTION_LOG,
        filename=f"action-log-{meeting.date.isoformat()}.pdf",
        content=action_log_pdf(meeting=meeting, base_url=base_url),
        content_type="application/pdf",
    )
