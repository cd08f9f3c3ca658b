"""The staff page of one meeting, rendered by the meetings views and, when a publication is
refused, by the publishing views the tracker owns (publishing a meeting publishes its tracked
items, so those views live in `scrutiny`, which may import this and meetings may not import)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meetings.forms import CancelForm, ConfirmMinutesForm, HeldForm
from meetings.models import Meeting
from meetings.selectors import meeting_previous, meetings_for_confirmation

DETAIL = "meetings/manage/meeting_detail.html"


def meeting_detail_page(request: HttpRequest, meeting: Meeting, **overrides: Any) -> HttpResponse:
    """The page with its lifecycle forms; `overrides` replace a form (bound, with its errors)
    or give `action_errors`, a refused action's messages."""
    later = meetings_for_confirmation(meeting=meeting)
    context = {
        "meeting": meeting,
        "previous": meeting_previous(meeting=meeting),
        "versions": meeting.agenda_versions.order_by("number"),
        "confirmed_here": meeting.confirmed_minutes_of.order_by("date"),
        "cancel_form": CancelForm(),
        "held_form": HeldForm(
            initial={"start_time": meeting.start_time, "end_time": meeting.end_time}
        ),
        "confirm_form": ConfirmMinutesForm(meetings=later, initial={"at_meeting": later.first()}),
        "action_errors": [],
        **overrides,
    }
    return render(request, DETAIL, context)
