"""Helpers shared by the staff views."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse

from meetings.models import Meeting
from meetings.selectors import meeting_for_staff

# The tracker (a separate app) owns this page; meetings never imports it, it only links to it.
TRACKED_ITEM_CREATE = "scrutiny:item-create"


def wants_partial(request: HttpRequest) -> bool:
    """An htmx swap wants the fragment; a boosted navigation or plain request the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


def meeting_or_404(pk: int) -> Meeting:
    try:
        return meeting_for_staff(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


def tracked_item_create_url() -> str | None:
    """The tracker's "create tracked item" page, once the tracker provides it."""
    try:
        return reverse(TRACKED_ITEM_CREATE)
    except NoReverseMatch:
        return None
