"""The move of rounds' status changes into core's StatusChange (grants 0002 and 0003)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.models import StatusChange

BEFORE = [("grants", "0001_initial")]
AFTER = [("grants", "0003_remove_roundstatuschange")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_round_status_changes_are_copied_into_core_and_back():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        user = old.get_model("auth", "User").objects.create(username="mover")
        fund = old.get_model("grants", "Fund").objects.create(name="Fund", slug="fund")
        grant_round = old.get_model("grants", "GrantRound").objects.create(
            fund=fund, name="Round", slug="round", status="closed"
        )
        when = datetime.datetime(2024, 8, 8, 9, tzinfo=datetime.UTC)
        changes = old.get_model("grants", "RoundStatusChange").objects
        changes.create(
            round=grant_round, from_status="planned", to_status="open", changed_at=when, actor=user
        )
        changes.create(
            round=grant_round,
            from_status="open",
            to_status="closed",
            changed_at=when + datetime.timedelta(days=30),
            actor=None,
        )

        new = migrate(AFTER)
        round_type = new.get_model("contenttypes", "ContentType").objects.get(
            app_label="grants", model="grantround"
        )
        copied = new.get_model("core", "StatusChange").objects.filter(content_type=round_type)
        assert list(
            copied.order_by("changed_at").values_list(
                "object_id", "field", "from_status", "to_status", "actor_id", "reason", "changed_at"
            )
        ) == [
            (grant_round.pk, "status", "planned", "open", user.pk, "", when),
            (grant_round.pk, "status", "open", "closed", None, "", when + datetime.timedelta(30)),
        ]

        back = migrate(BEFORE)
        restored = back.get_model("grants", "RoundStatusChange").objects.order_by("changed_at")
        assert [(c.from_status, c.to_status, c.actor_id) for c in restored] == [
            ("planned", "open", user.pk),
            ("open", "closed", None),
        ]
        assert not StatusChange.objects.exists()
    finally:
        migrate(latest)
