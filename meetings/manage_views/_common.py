"""Helpers shared by the staff views."""

from __future__ import annotations

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from meetings.models import AgendaItem, Meeting, Minute, Person
from meetings.selectors import meeting_for_staff

# The tracker (a separate app) owns this page; meetings never imports it, it only links to it.
TRACKED_ITEM_CREATE = "scrutiny:item-create"


def meeting_or_404(pk: int) -> Meeting:
    try:
        return meeting_for_staff(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


def agenda_item_or_404(meeting: Meeting, item_pk: int) -> AgendaItem:
    try:
        return meeting.agenda_items.get(pk=item_pk)
    except AgendaItem.DoesNotExist as exc:
        raise Http404("No such agenda item") from exc


def minute_or_404(meeting: Meeting, minute_pk: int) -> Minute:
    try:
        return meeting.minutes.get(pk=minute_pk)
    except Minute.DoesNotExist as exc:
        raise Http404("No such minute") from exc


def person_or_404(person_pk: int) -> Person:
    try:
        return Person.objects.get(pk=person_pk)
    except Person.DoesNotExist as exc:
        raise Http404("No such person") from exc


def tracked_item_create_url() -> str | None:
    """The tracker's "create tracked item" page, once the tracker provides it."""
    try:
        return reverse(TRACKED_ITEM_CREATE)
    except NoReverseMatch:
        return None
