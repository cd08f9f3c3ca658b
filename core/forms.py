"""Form helpers every app shares. Forms parse input; services decide what is valid, and these
put a service's refusal on the form, so that a view only parses, calls and answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from core.idempotency import AlreadySubmitted, SubmissionTokenForm, submission_create

T = TypeVar("T")
Subject = TypeVar("Subject", bound=models.Model)
FieldT = TypeVar("FieldT", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's field `name`, as the `kind` of field it was declared as (say a
    ModelChoiceField whose queryset the form narrows), so that its own attributes type-check."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


def form_errors_from(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal beside the field it names, else at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        for item in errors:
            form.add_error(target, item)


def form_save(form: forms.Form, save: Callable[[dict[str, Any]], T]) -> T | None:
    """`save(cleaned_data)` (a service call) if the form is bound and valid, and what it returned;
    None if the form is unbound or invalid, or the service refused (its refusal is on the form)."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        form_errors_from(form, error)
        return None


@dataclass(frozen=True)
class Created(Generic[Subject]):
    """What submitting a create form came to: the record it made (`made`), or, for a form sent
    again, the record its first submission made (`earlier`, with `again` set)."""

    made: Subject | None = None
    again: bool = False
    earlier: models.Model | None = None


def form_create(
    form: SubmissionTokenForm, create: Callable[[dict[str, Any]], Subject]
) -> Created[Subject]:
    """`form_save` for a create form: the record is made once per rendered form, however often
    it is sent (core.idempotency)."""
    if not form.is_valid():
        return Created()
    try:
        made = submission_create(token=form.token, create=lambda: create(form.cleaned_data))
    except AlreadySubmitted as done:
        return Created(again=True, earlier=done.subject)
    except ValidationError as error:
        form_errors_from(form, error)
        return Created()
    return Created(made=made)


__all__ = ["Created", "form_create", "form_errors_from", "form_field", "form_save"]
