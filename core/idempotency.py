"""One record per rendered create form, however many times it is submitted.

Every create form carries a `submission_token`: a UUID made when the form is rendered. The view's
service call runs inside `submission_create`, which claims the token in the same transaction that
creates the record and notes what it made. A second POST of the same form (a double click, a
resent request, a reload after a slow answer, two tabs) finds the claim and is sent to the first
record with ALREADY_SAVED instead of making another. A create that is refused rolls its claim
back with it, so the corrected form can be sent again with the same token.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from core.models import FormSubmission

ALREADY_SAVED = "This was already saved."
TOKEN_FIELD = "submission_token"

Subject = TypeVar("Subject", bound=models.Model)


class AlreadySubmitted(ValidationError):
    """The form's token was claimed by an earlier request; `subject` is what that request made.

    A ValidationError, so that a view which does not redirect on it still shows ALREADY_SAVED on
    the form instead of failing.
    """

    def __init__(self, subject: models.Model | None) -> None:
        super().__init__(ALREADY_SAVED, code="already_saved")
        self.subject = subject


class SubmissionTokenForm(forms.Form):
    """Base class of every create form: a hidden token, new each time the empty form renders.

    A bound form re-rendered with errors keeps the token it was posted with. The token is taken
    out of `cleaned_data` (into `form.token`) so that views still pass `**form.cleaned_data` to
    services. It is optional: a POST without one (a script, an old page) is simply not deduplicated.
    """

    submission_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.token: uuid.UUID | None = None

    def full_clean(self) -> None:
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.token = self.cleaned_data.pop(TOKEN_FIELD, None)


def submission_claim(*, token: uuid.UUID | None) -> FormSubmission | None:
    """Claim `token` inside the caller's transaction, or raise AlreadySubmitted.

    The unique token is the lock: on PostgreSQL a second request's insert waits for the first
    transaction and then fails, on SQLite the IMMEDIATE transactions queue (config/settings), so
    either way the second request finds the first one's claim, with its record.
    """
    if token is None:
        return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submission_claim must run in the transaction that creates the record")
    claimed = FormSubmission.objects.filter(token=token).first()
    if claimed is None:
        try:
            with transaction.atomic():
                return FormSubmission.objects.create(token=token)
        except IntegrityError:
            claimed = FormSubmission.objects.get(token=token)
    raise AlreadySubmitted(claimed.subject)


def submission_record(*, claim: FormSubmission | None, subject: models.Model) -> None:
    """Note on the claim what the submission made, for the requests that come after it."""
    if claim is None:
        return
    claim.content_type = ContentType.objects.get_for_model(subject, for_concrete_model=True)
    claim.object_id = subject.pk
    claim.save(update_fields=["content_type", "object_id"])


def submission_create(*, token: uuid.UUID | None, create: Callable[[], Subject]) -> Subject:
    """Run `create` (a service call) for the first submission of a form, and record its result;
    a later submission of the same form raises AlreadySubmitted with that result."""
    with transaction.atomic():
        claim = submission_claim(token=token)
        subject = create()
        submission_record(claim=claim, subject=subject)
    return subject
