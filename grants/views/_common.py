"""What the grants view modules share: lookups that answer 404, the page size, and saying how
a form came out (a create form's page, and an action that redirects with a message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse

from core.confirm import confirm_page
from core.forms import Created
from core.idempotency import ALREADY_SAVED, AlreadySubmitted
from grants import selectors
from grants.models import Application, Award, GrantRound, MonitoringReturn, Payment

PAGE_SIZE = 25
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def _round_or_404(pk: int) -> GrantRound:
    try:
        return selectors.round_get(pk=pk)
    except GrantRound.DoesNotExist as exc:
        raise Http404("No such round") from exc


def _application_or_404(pk: int) -> Application:
    try:
        return selectors.application_get(pk=pk)
    except Application.DoesNotExist as exc:
        raise Http404("No such application") from exc


def _award_or_404(pk: int) -> Award:
    try:
        return selectors.award_get(pk=pk)
    except Award.DoesNotExist as exc:
        raise Http404("No such award") from exc


def _payment_or_404(pk: int) -> Payment:
    try:
        return selectors.payment_get(pk=pk)
    except Payment.DoesNotExist as exc:
        raise Http404("No such payment") from exc


def _return_or_404(pk: int) -> MonitoringReturn:
    try:
        return selectors.return_get(pk=pk)
    except MonitoringReturn.DoesNotExist as exc:
        raise Http404("No such return") from exc


def application_confirm(
    request: HttpRequest, application: Application, form: forms.Form, *, title: str, button: str
) -> HttpResponse:
    """The confirmation page for an action on one application (withdraw it, declare an
    interest in it)."""
    return confirm_page(
        request,
        form=form,
        title=title,
        caption=(
            f"{application.reference} {application.organisation.name}: {application.project_title}"
        ),
        heading=title,
        button=button,
        warning=False,
        breadcrumbs="grants/_breadcrumbs.html",
        extra={"round": application.round},
    )


def announce(request: HttpRequest, done: Created[M], success: str | Callable[[M], str]) -> M | None:
    """Say what submitting a create form (`core.forms.form_create`) came to. Returns the record
    to go on to: the one made, or the one the form's first submission made (saying
    ALREADY_SAVED); None to show the form again, with the reasons on it."""
    if done.again:
        messages.info(request, ALREADY_SAVED)
        # What the same form made the first time: a record of the same model.
        return cast(M | None, done.earlier)
    if done.made is not None:
        messages.success(request, success(done.made) if callable(success) else success)
    return done.made


def flashed(
    request: HttpRequest,
    form: forms.Form | None,
    run: Callable[[dict[str, Any]], T],
    success: str | Callable[[T], str],
    invalid: str = "",
) -> None:
    """For an action that redirects: run it (a service call) with the valid form's data, or
    with none when there is no form, and say in a message how it went."""
    if form is not None and not form.is_valid():
        if invalid:
            messages.error(request, invalid)
        return
    try:
        done = run(form.cleaned_data if form is not None else {})
    except AlreadySubmitted:
        messages.info(request, ALREADY_SAVED)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success(done) if callable(success) else success)
