"""The tracker's selectors: the filtered lists and counts, the item page, a response of an
item, the records items are raised from, and the items shown on the meetings pages."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from core import visibility
from scrutiny import selectors
from scrutiny.models import Response
from tests.meetings.factories import (
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

pytestmark = pytest.mark.django_db


def params(query: str) -> QueryDict:
    return QueryDict(query)


def test_items_filtered_applies_the_filters_and_lists_nothing_while_one_is_invalid(users):
    force = TrackedItemFactory(addressee="force", title="Reserves")
    TrackedItemFactory(addressee="pcc", title="Precept")
    found = selectors.items_filtered(params=params("addressee=force"))
    assert list(found.items) == [force]
    assert found.filter.form.cleaned_data["status"] == "open"  # the default
    bad = selectors.items_filtered(params=params("due_after=2024-13-45"))
    assert bad.filter.errors and list(bad.items) == []


def test_items_filtered_scopes_to_the_followed_or_the_officers_items(users):
    followed = TrackedItemFactory(addressee="panel")
    followed.followers.add(users["member"])
    officers = TrackedItemFactory(addressee="opcc")
    mine = selectors.items_filtered(params=params(""), followed_by=users["member"])
    assert list(mine.items) == [followed]
    assigned = selectors.items_filtered(params=params(""), assigned_to_officers=True)
    assert list(assigned.items) == [officers]


def test_items_summary_filtered_counts_every_state_for_the_other_filters():
    open_item = TrackedItemFactory(addressee="force")
    TrackedItemFactory(
        addressee="force", closed_at=datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC)
    )
    TrackedItemFactory(addressee="pcc")
    summary = selectors.items_summary_filtered(params=params("addressee=force&status=closed"))
    assert (summary.open, summary.closed, summary.withdrawn) == (1, 1, 0)
    assert summary.by_addressee == [("force", open_item.get_addressee_display(), 1)]
    # A filter it cannot read is left out; the others still count.
    summary = selectors.items_summary_filtered(params=params("addressee=force&due_after=x"))
    assert summary.open == 1


def test_item_page_says_whether_the_reader_follows_and_what_is_in_play(users):
    item = TrackedItemFactory()
    response = ResponseFactory(item=item, author=users["opcc"])
    item.followers.add(users["member"])
    page = selectors.item_page(pk=item.pk, user=users["member"])
    assert (page.item, page.in_play, page.following, page.in_chain) == (item, response, True, False)
    assert not selectors.item_page(pk=item.pk, user=users["opcc"]).following
    assert selectors.response_of(item=page.item, pk=response.pk) == response
    with pytest.raises(Response.DoesNotExist):
        selectors.response_of(item=page.item, pk=response.pk + 1)


def test_the_records_items_are_raised_from():
    resolution = ResolutionFactory()
    point = MinutePointFactory()
    assert selectors.resolution_to_track(pk=resolution.pk) == resolution
    assert selectors.minute_point_to_track(pk=point.pk) == point


def test_items_for_resolutions_as_the_reader_may_see_them(users):
    meeting = MeetingFactory(published=True)
    resolution = ResolutionFactory(minute=MinuteFactory(meeting=meeting))
    public = TrackedItemFactory(resolution=resolution, meeting=meeting)
    hidden = TrackedItemFactory(resolution=resolution, meeting=meeting, is_public=False)
    everyone = selectors.items_for_resolutions([resolution.pk], reader=visibility.PUBLIC)
    assert everyone == {resolution.pk: [public]}
    staff = selectors.items_for_resolutions(
        [resolution.pk], reader=visibility.reader_for(users["member"])
    )
    assert sorted(i.pk for i in staff[resolution.pk]) == sorted([public.pk, hidden.pk])


def test_the_meetings_pages_show_a_resolutions_items_through_the_tag_library(users):
    meeting = MeetingFactory(published=True)
    minute = MinuteFactory(meeting=meeting)
    minute.content_hidden = False  # as meetings.selectors.minutes_public marks each minute
    resolution = ResolutionFactory(minute=minute)
    item = TrackedItemFactory(resolution=resolution, meeting=meeting, reference="PCP/X/1(a)")
    request = RequestFactory().get("/")
    request.user = users["member"]
    rendered = Template(
        "{% load tracked_items %}{% tracked_items_of_minutes minutes as tracked %}"
        "{% for i in tracked|items_of:resolution %}{{ i.reference }}{% endfor %}|"
        "{% tracked_items_of_resolution resolution as one %}{{ one|length }}"
    ).render(Context({"request": request, "minutes": [minute], "resolution": resolution}))
    assert rendered == f"{item.reference}|1"


def test_timeliness_chart_has_a_bar_per_measure():
    row = selectors.AddresseeTimeliness(
        label="PCC", answered=3, on_time=2, median_days=10, overdue=1
    )
    chart = selectors.timeliness_chart([row])
    assert chart["data"]["labels"] == ["PCC"]
    assert [d["data"] for d in chart["data"]["datasets"]] == [[2], [1], [1]]


def test_meeting_for_action_log():
    meeting = MeetingFactory()
    assert selectors.meeting_for_action_log(pk=meeting.pk) == meeting
