"""Every status field moves through one mechanism: a table in core.lifecycle and a row per move."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import User

from core.lifecycle import REGISTRY, IllegalTransition, status_history, transition
from core.models import StatusChange
from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory

# Status fields that record a fact rather than move through a lifecycle, and why.
NOT_LIFECYCLES = {
    # Whether a person was present, sent apologies or was absent: corrected freely, never "moved".
    ("meetings.attendance", "status"): "a recorded fact",
}


def status_fields():
    for model in apps.get_models():
        if model is StatusChange or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            named = field.name == "status" or field.name.endswith("_status")
            if named and field.choices and not field.name.startswith(("from_", "to_")):
                yield model, field


def test_status_fields_are_found():
    found = {(m._meta.label_lower, f.name) for m, f in status_fields()}
    assert ("meetings.meeting", "status") in found
    assert ("scrutiny.trackeditem", "response_status") in found
    assert len(found) >= 7


@pytest.mark.parametrize(
    "model,field",
    list(status_fields()),
    ids=lambda x: getattr(x, "__name__", getattr(x, "name", x)),
)
def test_every_status_field_has_a_transition_table(model, field):
    key = (model._meta.label_lower, field.name)
    if key in NOT_LIFECYCLES:
        return
    lifecycle = REGISTRY.get(key)
    assert lifecycle is not None, f"{key} has no lifecycle in core.lifecycle"
    values = {str(value) for value, _ in field.choices}
    assert set(lifecycle.transitions) <= values, "the table names statuses the field lacks"
    for targets in lifecycle.transitions.values():
        assert targets <= values
    # Every status but the first is reachable from another, and the default is in the table.
    assert str(field.default) in lifecycle.transitions


def test_no_lifecycle_names_a_field_that_does_not_exist():
    for (label, field_name), lifecycle in REGISTRY.items():
        model = apps.get_model(label)
        assert model._meta.get_field(field_name).choices, lifecycle


@pytest.mark.django_db
def test_transition_records_the_move_and_refuses_an_illegal_one():
    lifecycle = REGISTRY[("meetings.meeting", "status")]
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED)
    actor = User.objects.create_user("mover")
    with pytest.raises(IllegalTransition, match="cannot become"):
        transition(meeting, lifecycle, Meeting.Status.MINUTES_CONFIRMED, actor=actor)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED
    assert not status_history(meeting).exists()

    target = sorted(lifecycle.targets(Meeting.Status.SCHEDULED))[0]
    change = transition(meeting, lifecycle, target, actor=actor, reason="because")
    meeting.refresh_from_db()
    assert meeting.status == target
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "scheduled",
        target,
        actor,
        "because",
    )
    assert list(status_history(meeting, "status")) == [change]
