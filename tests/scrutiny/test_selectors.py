"""The tracker's selectors: the filtered lists and counts, the item page, a response of an
item and its attachments, the records items are raised from, the items shown on the meetings
pages, the chain, and the reports (timeliness and the action log), with what each leaves out."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from core import visibility
from scrutiny import selectors
from scrutiny.models import Response, ResponseAttachment, TrackedItem
from tests.meetings.factories import (
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)
from tests.scrutiny.factories import ResponseFactory, TrackedItemFactory

pytestmark = pytest.mark.django_db
CLOSED = datetime.datetime(2024, 11, 1, tzinfo=datetime.UTC)
NOV_1 = datetime.date(2024, 11, 1)


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


def test_the_officers_list_holds_their_open_items_and_a_follower_sees_what_they_follow(users):
    open_pcc = TrackedItemFactory(addressee="pcc")
    open_force = TrackedItemFactory(addressee="force")
    TrackedItemFactory(addressee="panel")  # the panel's own
    TrackedItemFactory(addressee="pcc", closed_at=CLOSED)
    TrackedItemFactory(addressee="force", withdrawn_at=CLOSED, withdrawn_reason="Raised twice")
    assert set(selectors.items_assigned_to_officers()) == {open_pcc, open_force}
    open_force.followers.add(users["member"])
    assert list(selectors.items_followed_by(users["member"])) == [open_force]
    assert not selectors.items_followed_by(users["opcc"]).exists()
    assert not selectors.items_followed_by(AnonymousUser()).exists()
    assert set(selectors.items_base()) == set(TrackedItem.objects.all())  # every item, for staff


def test_items_summary_counts_each_state_and_the_open_ones_by_addressee_and_response():
    TrackedItemFactory.create_batch(2, addressee="pcc", due_date=datetime.date(2024, 12, 2))
    TrackedItemFactory(addressee="force", due_date=datetime.date(2099, 1, 1))
    TrackedItemFactory(addressee="force", response_status="received")
    TrackedItemFactory(closed_at=CLOSED)
    TrackedItemFactory(withdrawn_at=CLOSED, withdrawn_reason="Raised twice")
    summary = selectors.items_summary(TrackedItem.objects.all())
    assert (summary.open, summary.overdue, summary.closed, summary.withdrawn) == (4, 2, 1, 1)
    assert sorted(summary.by_addressee) == [
        ("force", "Chief Constable / Force", 2),
        ("pcc", "Police and Crime Commissioner", 2),
    ]
    assert sorted(summary.by_response_status) == [
        ("awaiting", "Awaiting response", 3),
        ("received", "Response received", 1),
    ]


def test_item_detail_carries_its_responses_in_order_and_the_one_in_play(users):
    item = TrackedItemFactory()
    withdrawn = ResponseFactory(item=item, author=users["opcc"], status="withdrawn")
    draft = ResponseFactory(item=item, author=users["opcc"], status="draft")
    detail = selectors.item_detail(pk=item.pk)
    assert detail == item and list(detail.responses.all()) == [withdrawn, draft]
    assert selectors.response_in_play(detail) == draft
    finished = TrackedItemFactory()
    ResponseFactory(item=finished, author=users["opcc"], status="accepted")
    assert selectors.response_in_play(selectors.item_detail(pk=finished.pk)) is None
    with pytest.raises(TrackedItem.DoesNotExist):
        selectors.item_detail(pk=finished.pk + 1000)


def test_the_chain_runs_from_the_recommendation_down_to_each_request(users):
    root = TrackedItemFactory(reference="PCP/2024-10-28/32(b)")
    request = TrackedItemFactory(parent=root, reference="CGB/2024-09-18/4c-1")
    follow_up = TrackedItemFactory(parent=request, reference="CGB/2024-11-20/2a-1")
    sibling = TrackedItemFactory(parent=root, reference="CGB/2024-09-18/4c-2")
    ResponseFactory(item=request, author=users["opcc"], submitted_at=CLOSED)
    ResponseFactory(item=sibling, author=users["opcc"], status="draft")
    TrackedItemFactory()  # unrelated
    chain = selectors.item_chain(item=follow_up)
    assert chain == [(0, root), (1, request), (1, sibling), (2, follow_up)]
    published = {item.reference: len(item.published_responses) for _, item in chain}
    assert published == {root.reference: 0, request.reference: 1, sibling.reference: 0,
                         follow_up.reference: 0}  # fmt: skip
    assert selectors.item_chain(item=root) == chain


def test_an_attachment_is_read_with_its_response(users):
    item = TrackedItemFactory()
    submitted = attachment_of(ResponseFactory(item=item, author=users["opcc"]))
    hidden_item = TrackedItemFactory(is_public=False)
    private = attachment_of(ResponseFactory(item=hidden_item, author=users["opcc"]))
    draft = attachment_of(ResponseFactory(item=TrackedItemFactory(), author=users["opcc"],
                                          status="draft"))  # fmt: skip
    public, staff = visibility.PUBLIC, visibility.reader_for(users["member"])
    assert read_attachment(submitted, public) == submitted
    for attachment in (private, draft):
        assert read_attachment(attachment, staff) == attachment
        with pytest.raises(ResponseAttachment.DoesNotExist):
            read_attachment(attachment, public)
    with pytest.raises(ResponseAttachment.DoesNotExist):  # another item's address
        selectors.response_attachment_for(
            item_pk=hidden_item.pk, response_pk=submitted.response_id, pk=submitted.pk,
            reader=staff,
        )  # fmt: skip


def attachment_of(response: Response) -> ResponseAttachment:
    return ResponseAttachment.objects.create(
        response=response,
        file=ContentFile(b"%PDF-1.4", name="annex.pdf"),
        original_filename="annex.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )


def read_attachment(attachment: ResponseAttachment, reader) -> ResponseAttachment:
    return selectors.response_attachment_for(
        item_pk=attachment.response.item_id,
        response_pk=attachment.response_id,
        pk=attachment.pk,
        reader=reader,
    )


def test_timeliness_counts_public_items_by_addressee(users):
    answered = TrackedItemFactory(addressee="pcc", response_status="received")
    ResponseFactory(item=answered, author=users["opcc"], submitted_at=at(2024, 11, 7))
    late = TrackedItemFactory(addressee="pcc", response_status="received", due_date=NOV_1)
    ResponseFactory(item=late, author=users["opcc"], submitted_at=at(2024, 11, 17))
    TrackedItemFactory(addressee="force", due_date=NOV_1)  # overdue
    hidden = TrackedItemFactory(addressee="opcc", is_public=False, due_date=NOV_1)
    ResponseFactory(item=hidden, author=users["opcc"], submitted_at=at(2024, 11, 2))
    rows = selectors.timeliness(today=datetime.date(2024, 12, 10))
    assert rows == [
        selectors.AddresseeTimeliness("Police and Crime Commissioner", 2, 1, 15, 0),
        selectors.AddresseeTimeliness("Chief Constable / Force", 0, 0, None, 1),
    ]  # nothing of the item that is not public


def test_the_action_log_of_a_meeting_lists_the_bodys_open_answered_and_overdue_items(users):
    body = MeetingFactory().body
    MeetingFactory(body=body, date=datetime.date(2024, 10, 28))
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 12, 2))
    overdue = TrackedItemFactory(body=body, due_date=datetime.date(2024, 11, 1))
    coming = TrackedItemFactory(body=body, due_date=datetime.date(2025, 1, 1), is_public=False)
    answered = TrackedItemFactory(body=body, closed_at=CLOSED)
    ResponseFactory(item=answered, author=users["opcc"], submitted_at=at(2024, 11, 7))
    TrackedItemFactory()  # another body's
    log = selectors.action_log(meeting=meeting, today=datetime.date(2024, 12, 2))
    assert log.previous.date == datetime.date(2024, 10, 28)
    assert (log.open_items, log.answered, log.overdue) == ([overdue, coming], [answered], [overdue])
    public = selectors.action_log(
        meeting=meeting, public_only=True, today=datetime.date(2024, 12, 2)
    )
    assert public.open_items == [overdue]  # the item that is not public is left out


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, 0, tzinfo=datetime.UTC)
