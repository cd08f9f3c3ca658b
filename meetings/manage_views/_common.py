"""Helpers shared by the staff views."""

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from meetings.models import Meeting
from meetings.selectors import meeting_for_staff

# The tracker (a separate app) owns this page; meetings never imports it, it only links to it.
TRACKED_ITEM_CREATE = "scrutiny:item-create"


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
