"""Answering a tracked item: drafts with optimistic locking, attachments, submission,
withdrawal, and the panel's review."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from core.dates import date_long
from core.events import EventType
from core.lifecycle import transition
from core.permissions import (
    can_respond,
    can_review_responses,
    ensure_allowed,
    signed_in,
)
from core.services import event_record
from core.types import Actor
from core.uploads import upload_check
from scrutiny.models import (
    RESPONSE_LIFECYCLE,
    Response,
    ResponseAttachment,
    Review,
    TrackedItem,
)
from scrutiny.services._common import (
    CHALLENGE_DATE_PAST,
    CHALLENGE_NEEDS_DATE,
    CHALLENGE_NEEDS_REASON,
    RESPONSE_EMPTY,
    RESPONSE_IN_PLAY,
    RESPONSE_NOT_DRAFT,
    RESPONSE_NOT_SUBMITTED,
    RESPONSE_STALE,
    WITHDRAW_REASON_REQUIRED,
    _locked,
    _require_open,
    item_response_status_move,
)
from scrutiny.services.counts import item_count_key, item_counts_shift
from scrutiny.services.series import item_series_next

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
    so that two officers editing the same draft never overwrite each other.

    `version` is the version the officer's form was based on, and "no draft yet" is version 0:
    the first save is checked like every other, so when two officers start the same first
    draft, the second is told someone else saved it instead of replacing the first one's text.
    Callers that edit no form (the demo loader) pass None and are not checked.
    """
    ensure_allowed(can_respond, actor)
    # The item row lock queues every save of the item's response (SQLite's IMMEDIATE
    # transactions queue them too), so the checks below see the other officer's save.
    item = _locked(item)
    _require_open(item)
    if response is None:
        in_play = item.responses.filter(
            status__in=[Response.Status.DRAFT, Response.Status.SUBMITTED]
        ).first()
        if version is not None and (
            version != 0 or (in_play is not None and in_play.status == Response.Status.DRAFT)
        ):
            raise ValidationError(RESPONSE_STALE, code="stale")
        if in_play is not None:
            raise ValidationError(RESPONSE_IN_PLAY)
        response = Response(item=item, author=signed_in(actor))
        verb = EventType.RESPONSE_DRAFTED
    else:
        response = Response.objects.select_for_update().get(pk=response.pk, item=item)
        if response.status != Response.Status.DRAFT:
            raise ValidationError(RESPONSE_NOT_DRAFT)
        if version is not None and version != response.version:
            raise ValidationError(RESPONSE_STALE, code="stale")
        response.version += 1
        verb = EventType.RESPONSE_EDITED
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
    """Attach a file to the draft, once it has passed the same checks as a paper
    (`core.uploads`); a refused file is reported on the form's `attachment` field and nothing
    is stored."""
    ensure_allowed(can_respond, actor)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status != Response.Status.DRAFT:
        raise ValidationError(RESPONSE_NOT_DRAFT)
    try:
        checked = upload_check(filename=filename, content=content)
    except ValidationError as error:
        raise ValidationError({"attachment": error.messages}) from error
    original = PurePath(filename).name[:255]
    attachment = ResponseAttachment(
        response=response,
        original_filename=original,
        content_type=checked.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save(get_valid_filename(original), ContentFile(content), save=False)
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    event_record(
        subject=response.item,
        verb=EventType.RESPONSE_ATTACHMENT_ADDED,
        actor=actor,
        summary=f"Attached {filename}",
    )
    return attachment


@transaction.atomic
def response_save(
    *,
    actor: Actor,
    item: TrackedItem,
    response: Response | None,
    version: int | None,
    body: str,
    position: str,
    plan: str = "",
    plan_date: datetime.date | None = None,
    attachment: tuple[str, bytes] | None = None,
    submit: bool = False,
) -> Response:
    """What the response form does: save the draft, attach the upload (`(filename, content)`)
    and, if asked, submit it. All or nothing: a refused attachment or submission saves nothing."""
    response = response_save_draft(
        actor=actor,
        item=item,
        response=response,
        version=version,
        body=body,
        position=position,
        plan=plan,
        plan_date=plan_date,
    )
    if attachment is not None:
        filename, content = attachment
        response_attach(actor=actor, response=response, filename=filename, content=content)
    if submit:
        response_submit(actor=actor, response=response)
    return response


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
    transition(response, RESPONSE_LIFECYCLE, Response.Status.SUBMITTED, actor=actor, save=False)
    _validate_for_submission(response)
    response.submitted_at, response.submitted_by = timezone.now(), signed_in(actor)
    response.save()
    before = item_count_key(item)
    item_response_status_move(item=item, to=TrackedItem.ResponseStatus.RECEIVED, actor=actor)
    item.save(update_fields=["response_status", "updated_at"])
    item_counts_shift(before=before, after=item_count_key(item))
    event_record(
        subject=item,
        verb=EventType.RESPONSE_SUBMITTED,
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
    transition(
        response,
        RESPONSE_LIFECYCLE,
        Response.Status.WITHDRAWN,
        actor=actor,
        reason=reason,
        save=False,
    )
    response.withdrawn_reason = reason
    response.save()
    if was_submitted:
        before = item_count_key(item)
        item_response_status_move(
            item=item, to=TrackedItem.ResponseStatus.AWAITING, actor=actor, reason=reason
        )
        item.save(update_fields=["response_status", "updated_at"])
        item_counts_shift(before=before, after=item_count_key(item))
    event_record(
        subject=item,
        verb=EventType.RESPONSE_WITHDRAWN,
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
    before = item_count_key(item)
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
        reviewer=signed_in(actor),
    )
    if outcome == Review.Outcome.ACCEPTED:
        transition(response, RESPONSE_LIFECYCLE, Response.Status.ACCEPTED, actor=actor, save=False)
        # The item is closed with the position the response took ("answered" is an acceptance).
        position = response.position
        item_response_status_move(
            item=item,
            to=(
                position
                if position in TrackedItem.ResponseStatus.values
                else TrackedItem.ResponseStatus.ACCEPTED
            ),
            actor=actor,
        )
        item.closed_at = now
        verb, summary = EventType.ITEM_CLOSED, "Response accepted by the panel; item closed"
    else:
        transition(
            response,
            RESPONSE_LIFECYCLE,
            Response.Status.CHALLENGED,
            actor=actor,
            reason=reason,
            save=False,
        )
        item_response_status_move(
            item=item, to=TrackedItem.ResponseStatus.AWAITING, actor=actor, reason=reason
        )
        assert new_due_date is not None  # a challenge without one was refused above
        item.due_kind, item.due_date, item.due_meeting = "date", new_due_date, None
        verb = EventType.ITEM_REOPENED
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
    if outcome == Review.Outcome.ACCEPTED:
        # An answered occurrence of a standing request: the next one is owed now. Raised before
        # the counts move, so that the series is locked before the count rows, as the daily job
        # locks them.
        item_series_next(item=item, actor=actor)
    item_counts_shift(before=before, after=item_count_key(item))
    return review
