"""Every status transition of a tracked item through the services, allowed and refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import DomainEvent
from scrutiny import services
from scrutiny.models import Response, Review, TrackedItem
from tests.meetings.factories import (
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 11, 20)


@pytest.fixture
def resolution():
    meeting = MeetingFactory(date=datetime.date(2024, 10, 28), published=True)
    MeetingFactory(body=meeting.body, date=datetime.date(2024, 12, 2))
    minute = MinuteFactory(meeting=meeting, number=29)
    return ResolutionFactory(minute=minute, label="(c)")


def raise_item(users, resolution, **kwargs):
    fields = {
        "actor": users["democratic"],
        "resolution": resolution,
        "title": "",
        "text": resolution.text,
        "addressee": TrackedItem.Addressee.PCC,
        "due_kind": TrackedItem.DueKind.NEXT_MEETING,
    }
    return services.item_create(**(fields | kwargs))


def test_item_from_resolution_takes_reference_body_and_next_meeting(users, resolution):
    item = raise_item(users, resolution)
    assert item.reference == "PCP/2024-10-28/29(c)"
    assert item.body == resolution.minute.meeting.body
    assert item.raised_on == datetime.date(2024, 10, 28)
    assert item.due_date == datetime.date(2024, 12, 2)
    assert item.due_meeting.date == datetime.date(2024, 12, 2)
    assert item.is_public
    assert item.title.startswith("That the PCC")
    assert list(DomainEvent.objects.filter(object_id=item.pk).values_list("verb", flat=True)) == [
        "item.raised"
    ]


def test_item_from_minute_point_is_referenced_by_its_label(users):
    point = MinutePointFactory(label="(v)", minute__number=28)
    item = services.item_create(
        actor=users["democratic"],
        minute_point=point,
        title="Funding split",
        text=point.text,
        addressee="pcc",
        due_date=datetime.date(2024, 12, 2),
    )
    assert item.reference.endswith("/28(v)")
    assert item.source == TrackedItem.Source.MINUTE_POINT


def test_the_same_resolution_is_not_tracked_twice(users, resolution):
    raise_item(users, resolution)
    with pytest.raises(ValidationError, match="already exists"):
        raise_item(users, resolution)
    assert TrackedItem.objects.count() == 1


def test_next_meeting_must_exist(users):
    minute = MinuteFactory(meeting__date=datetime.date(2024, 10, 28))
    resolution = ResolutionFactory(minute=minute)
    with pytest.raises(ValidationError) as error:
        raise_item(users, resolution)
    assert "No later meeting" in str(error.value)
    assert TrackedItem.objects.count() == 0


def test_statutory_period_is_resolved_to_a_date(users, resolution):
    item = raise_item(users, resolution, due_kind="statutory", statutory_days=28)
    assert item.due_date == datetime.date(2024, 11, 25)


def test_due_date_before_raised_is_refused(users, resolution):
    with pytest.raises(ValidationError, match="cannot be before"):
        raise_item(users, resolution, due_kind="date", due_date=datetime.date(2024, 10, 1))
    assert TrackedItem.objects.count() == 0


def test_item_by_hand_needs_a_source_paper(users, resolution):
    body = resolution.minute.meeting.body
    with pytest.raises(ValidationError, match="Name the paper"):
        services.item_create(
            actor=users["democratic"],
            body=body,
            title="x",
            text="Report back on ASB",
            addressee="opcc",
            due_date=datetime.date(2030, 1, 1),
        )


def test_panel_member_cannot_raise_items(users, resolution):
    with pytest.raises(PermissionDenied):
        raise_item(users, resolution, actor=users["member"])


def test_full_chain_draft_submit_challenge_resubmit_accept(users, resolution):
    item = raise_item(users, resolution)
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="First draft")
    draft = services.response_save_draft(
        actor=users["opcc"], item=item, response=draft, version=1, body="Better draft"
    )
    assert draft.version == 2
    services.response_submit(actor=users["opcc"], response=draft)
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.RECEIVED

    services.response_review(
        actor=users["member"],
        response=draft,
        outcome=Review.Outcome.CHALLENGED,
        reason="It does not address consultation reach.",
        new_due_date=datetime.date(2099, 1, 1),
    )
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.AWAITING
    assert item.due_date == datetime.date(2099, 1, 1)
    assert item.is_open

    second = services.response_save_draft(
        actor=users["opcc"], item=item, body="Revised", position="accepted"
    )
    services.response_submit(actor=users["opcc"], response=second)
    services.response_review(actor=users["member"], response=second, outcome="accepted")
    item.refresh_from_db()
    assert item.closed_at is not None
    assert item.response_status == TrackedItem.ResponseStatus.ACCEPTED
    verbs = list(
        DomainEvent.objects.filter(object_id=item.pk).order_by("id").values_list("verb", flat=True)
    )
    assert verbs == [
        "item.raised",
        "response.drafted",
        "response.edited",
        "response.submitted",
        "item.reopened",
        "response.drafted",
        "response.submitted",
        "item.closed",
    ]


def test_stale_draft_save_is_refused_and_nothing_is_overwritten(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Officer A")
    services.response_save_draft(
        actor=users["opcc"], item=item, response=draft, version=1, body="Officer B"
    )
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.response_save_draft(
            actor=users["opcc"], item=item, response=draft, version=1, body="Officer A again"
        )
    draft.refresh_from_db()
    assert draft.body == "Officer B"
    assert draft.version == 2


def test_second_response_while_one_is_in_play_is_refused(users):
    item = TrackedItemFactory()
    services.response_save_draft(actor=users["opcc"], item=item, body="One")
    with pytest.raises(ValidationError, match="already has a response"):
        services.response_save_draft(actor=users["opcc"], item=item, body="Two")
    assert Response.objects.count() == 1


def test_submitting_twice_is_refused(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Answer")
    services.response_submit(actor=users["opcc"], response=draft)
    with pytest.raises(ValidationError, match="already been submitted"):
        services.response_submit(actor=users["opcc"], response=draft)


def test_empty_response_cannot_be_submitted(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="  ")
    with pytest.raises(ValidationError, match="Write the response"):
        services.response_submit(actor=users["opcc"], response=draft)
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT


def test_accepted_in_principle_needs_a_plan_and_date(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(
        actor=users["opcc"], item=item, body="Yes, in principle", position="accepted_in_principle"
    )
    with pytest.raises(ValidationError, match="plan and a date"):
        services.response_submit(actor=users["opcc"], response=draft)
    draft = services.response_save_draft(
        actor=users["opcc"],
        item=item,
        response=draft,
        body="Yes, in principle",
        position="accepted_in_principle",
        plan="Consult in spring",
        plan_date=datetime.date(2025, 4, 1),
    )
    services.response_submit(actor=users["opcc"], response=draft)
    services.response_review(actor=users["member"], response=draft, outcome="accepted")
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.ACCEPTED_IN_PRINCIPLE


def test_review_of_a_withdrawn_response_is_refused(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Answer")
    services.response_submit(actor=users["opcc"], response=draft)
    services.response_withdraw(actor=users["opcc"], response=draft, reason="Sent in error")
    with pytest.raises(ValidationError, match="no longer awaiting review"):
        services.response_review(actor=users["member"], response=draft, outcome="accepted")
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.AWAITING
    assert item.closed_at is None
    assert Review.objects.count() == 0


def test_challenge_needs_reason_and_future_date(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Answer")
    services.response_submit(actor=users["opcc"], response=draft)
    with pytest.raises(ValidationError) as error:
        services.response_review(actor=users["member"], response=draft, outcome="challenged")
    assert set(error.value.error_dict) == {"reason", "new_due_date"}
    with pytest.raises(ValidationError, match="after today"):
        services.response_review(
            actor=users["member"],
            response=draft,
            outcome="challenged",
            reason="No",
            new_due_date=datetime.date(2020, 1, 1),
        )
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED


@pytest.mark.parametrize(
    ("role", "action"),
    [("member", "draft"), ("democratic", "draft"), ("opcc", "review")],
)
def test_roles_that_may_not_act(users, role, action):
    item = TrackedItemFactory()
    if action == "draft":
        with pytest.raises(PermissionDenied):
            services.response_save_draft(actor=users[role], item=item, body="x")
    else:
        draft = services.response_save_draft(actor=users["opcc"], item=item, body="x")
        services.response_submit(actor=users["opcc"], response=draft)
        with pytest.raises(PermissionDenied):
            services.response_review(actor=users[role], response=draft, outcome="accepted")


def test_withdrawn_item_cannot_be_answered_and_is_kept(users):
    item = TrackedItemFactory()
    with pytest.raises(ValidationError):
        services.item_withdraw(actor=users["democratic"], item=item, reason=" ")
    services.item_withdraw(actor=users["democratic"], item=item, reason="Duplicate of 29(c)")
    item.refresh_from_db()
    assert item.state_label == "Withdrawn"
    with pytest.raises(ValidationError, match="withdrawn"):
        services.response_save_draft(actor=users["opcc"], item=item, body="x")
    assert TrackedItem.objects.filter(pk=item.pk).exists()


def test_supersede(users):
    old, new = TrackedItemFactory(), TrackedItemFactory()
    with pytest.raises(ValidationError):
        services.item_supersede(actor=users["democratic"], item=old, by=old, reason="x")
    services.item_supersede(actor=users["democratic"], item=old, by=new, reason="Merged")
    old.refresh_from_db()
    assert old.superseded_by == new
    assert old.implementation_status == TrackedItem.Implementation.SUPERSEDED


def test_implementation_progress(users):
    item = TrackedItemFactory()
    with pytest.raises(ValidationError, match="0 to 100"):
        services.item_implementation_update(
            actor=users["opcc"], item=item, status="in_progress", progress=140
        )
    services.item_implementation_update(
        actor=users["opcc"], item=item, status="in_progress", progress=40
    )
    item.refresh_from_db()
    assert (item.implementation_status, item.progress) == ("in_progress", 40)
    services.item_implementation_update(actor=users["opcc"], item=item, status="implemented")
    item.refresh_from_db()
    assert item.progress == 100


def test_chase_only_open_items(users):
    open_item = TrackedItemFactory()
    closed = TrackedItemFactory(closed_at=datetime.datetime(2024, 12, 2, tzinfo=datetime.UTC))
    assert services.items_chase(actor=users["opcc"], items=[open_item, closed]) == 1
    open_item.refresh_from_db()
    closed.refresh_from_db()
    assert open_item.last_chased_at is not None
    assert closed.last_chased_at is None


def test_overdue_is_derived(users):
    item = TrackedItemFactory(due_date=datetime.date(2024, 12, 2))
    assert item.is_overdue(datetime.date(2024, 12, 3))
    assert not item.is_overdue(datetime.date(2024, 12, 2))
    item.response_status = TrackedItem.ResponseStatus.RECEIVED
    assert not item.is_overdue(datetime.date(2025, 1, 1))


def test_items_become_public_when_the_minutes_are_published(
    users, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(date=datetime.date(2024, 10, 28), status="held")
    resolution = ResolutionFactory(minute=MinuteFactory(meeting=meeting, number=29))
    item = raise_item(users, resolution, due_kind="date", due_date=datetime.date(2024, 12, 2))
    assert not item.is_public
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_publish(meeting=meeting, actor=users["democratic"])
    item.refresh_from_db()
    assert item.is_public
