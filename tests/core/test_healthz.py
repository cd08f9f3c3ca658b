"""/healthz says which component is down, and never how: the error goes to the log only."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

DATABASE_ERROR = (
    'connection to server at "db.internal" (10.1.2.3), port 5432 failed: Connection refused\n'
    "\tIs the server running on host=10.1.2.3 port=5432 and accepting TCP/IP connections?"
)
BROKER_ERROR = "Error 111 connecting to host=10.1.2.4 port=6379. Connection refused."


def assert_no_internals(text: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment not in text, fragment


@pytest.mark.django_db
def test_healthz_says_database_unavailable_without_its_error(client, caplog):
    caplog.set_level(logging.ERROR, logger="core.health")
    failing = mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError(DATABASE_ERROR)
    )
    with failing:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "database": {"status": "unavailable"},
        "broker": {"status": "eager"},
        "status": "degraded",
    }
    body = response.content.decode()
    assert_no_internals(body, "10.1.2.3", "5432", "db.internal", "Connection refused", "host=")
    # The real error is logged for whoever runs the service.
    assert "10.1.2.3" in caplog.text
    assert "database" in caplog.text


@pytest.mark.django_db
@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_healthz_says_broker_unavailable_without_its_error(client, caplog):
    caplog.set_level(logging.ERROR, logger="core.health")
    # No connection is attempted: the broker client itself fails as an unreachable one would.
    with mock.patch("kombu.Connection", side_effect=OSError(BROKER_ERROR)):
        response = client.get("/healthz")
    # The database is up, so the load balancer keeps sending traffic.
    assert response.status_code == 200
    assert response.json() == {
        "database": {"status": "ok"},
        "broker": {"status": "unavailable"},
        "status": "degraded",
    }
    assert_no_internals(response.content.decode(), "10.1.2.4", "6379", "Error 111", "refused")
    assert "10.1.2.4" in caplog.text
