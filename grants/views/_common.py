"""Lookups and the page size shared by the grants view modules."""

from __future__ import annotations

from django.http import Http404

from grants import selectors
from grants.models import Application, Award, GrantRound, MonitoringReturn

PAGE_SIZE = 25


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


def _return_or_404(pk: int) -> MonitoringReturn:
    ret = MonitoringReturn.objects.select_related("award__application__organisation").filter(pk=pk)
    found = ret.first()
    if found is None:
        raise Http404("No such return")
    return found
