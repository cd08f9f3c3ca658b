"""The tracker's three lifecycles (core.lifecycle): each move the services make writes one
status-change row (who, from, to, why), and a move the table does not allow is refused."""

from __future__ import annotations

import datetime

import pytest

from core.lifecycle import IllegalTransition, status_history, transition
from scrutiny import services
from scrutiny.models import (
    ITEM_IMPLEMENTATION_LIFECYCLE,
    ITEM_RESPONSE_LIFECYCLE,
    RESPONSE_LIFECYCLE,
    Response,
    TrackedItem,
)
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 11, 20)


def moves(obj, field):
    return [(c.from_status, c.to_status) for c in status_history(obj, field).order_by("pk")]


def submitted(users, item, **kwargs):
    officer = users["opcc"]
    draft = services.response_save_draft(actor=officer, item=item, body="Answer.", **kwargs)
    return services.response_submit(actor=officer, response=draft)


def test_submitting_and_accepting_records_each_move(users):
    item = TrackedItemFactory()
    response = submitted(users, item, position=Response.Position.PARTIALLY_ACCEPTED)
    services.response_review(
        actor=users["member"], response=response, outcome="accepted", today=TODAY
    )
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.PARTIALLY_ACCEPTED
    assert moves(item, "response_status") == [
        ("awaiting", "received"),
        ("received", "partially_accepted"),
    ]
    assert moves(response, "status") == [("draft", "submitted"), ("submitted", "accepted")]
    change = status_history(item, "response_status").order_by("pk").last()
    assert change.actor == users["member"]


def test_a_challenge_records_its_reason(users):
    item = TrackedItemFactory()
    response = submitted(users, item)
    services.response_review(
        actor=users["member"],
        response=response,
        outcome="challenged",
        reason="The figures are missing",
        new_due_date=datetime.date(2025, 1, 31),
        today=TODAY,
    )
    item.refresh_from_db()
    assert item.response_status == TrackedItem.ResponseStatus.AWAITING
    back = status_history(item, "response_status").order_by("pk").last()
    assert (back.from_status, back.to_status, back.reason) == (
        "received",
        "awaiting",
        "The figures are missing",
    )
    assert moves(response, "status")[-1] == ("submitted", "challenged")


def test_withdrawing_a_submitted_response_moves_both_back(users):
    item = TrackedItemFactory()
    response = submitted(users, item)
    services.response_withdraw(actor=users["opcc"], response=response, reason="Sent in error")
    assert moves(item, "response_status") == [("awaiting", "received"), ("received", "awaiting")]
    assert moves(response, "status") == [("draft", "submitted"), ("submitted", "withdrawn")]


def test_withdrawing_a_draft_leaves_the_item_awaiting(users):
    item = TrackedItemFactory()
    draft = services.response_save_draft(actor=users["opcc"], item=item, body="Half an answer")
    services.response_withdraw(actor=users["opcc"], response=draft, reason="Started twice")
    assert moves(item, "response_status") == []
    assert moves(draft, "status") == [("draft", "withdrawn")]


def test_implementation_updates_record_only_real_moves(users):
    item = TrackedItemFactory()
    officer = users["opcc"]
    services.item_implementation_update(actor=officer, item=item, status="in_progress", progress=10)
    services.item_implementation_update(actor=officer, item=item, status="in_progress", progress=60)
    services.item_implementation_update(actor=officer, item=item, status="implemented")
    item.refresh_from_db()
    assert (item.implementation_status, item.progress) == ("implemented", 100)
    assert moves(item, "implementation_status") == [
        ("not_started", "in_progress"),
        ("in_progress", "implemented"),
    ]


def test_superseding_records_the_move_with_its_reason(users):
    item, by = TrackedItemFactory(), TrackedItemFactory()
    services.item_supersede(actor=users["democratic"], item=item, by=by, reason="Merged")
    change = status_history(item, "implementation_status").get()
    assert (change.to_status, change.reason) == ("superseded", "Merged")


def test_the_tables_refuse_what_the_services_never_do():
    item = TrackedItemFactory(response_status=TrackedItem.ResponseStatus.ACCEPTED)
    with pytest.raises(IllegalTransition, match="A tracked item that is “Accepted” cannot"):
        transition(item, ITEM_RESPONSE_LIFECYCLE, "awaiting", actor=None)
    response = Response(item=item, status=Response.Status.DRAFT)
    with pytest.raises(IllegalTransition, match="A response that is “Draft” cannot"):
        transition(response, RESPONSE_LIFECYCLE, Response.Status.ACCEPTED, actor=None, save=False)
    assert ITEM_IMPLEMENTATION_LIFECYCLE.allows("implemented", "in_progress")
    assert not ITEM_IMPLEMENTATION_LIFECYCLE.allows("implemented", "implemented")


def test_the_move_other_apps_call_records_real_moves_only(users):
    # What the board's outcome service calls (governance): staying put is no move.
    item = TrackedItemFactory(source=TrackedItem.Source.CGB_REQUEST)
    assert services.item_response_status_move(item=item, to="awaiting", actor=users["opcc"]) is None
    change = services.item_response_status_move(
        item=item, to="accepted", actor=users["opcc"], reason="Brief agreed"
    )
    item.save()
    item.refresh_from_db()
    assert item.response_status == "accepted"
    assert (change.from_status, change.to_status, change.reason) == (
        "awaiting",
        "accepted",
        "Brief agreed",
    )
