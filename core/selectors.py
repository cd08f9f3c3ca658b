"""Reads that every app shares: timelines from the domain-event log, and service health."""

from __future__ import annotations

import logging
from typing import Any

import kombu
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import QuerySet

from core.models import DomainEvent, Notification

health_log = logging.getLogger("core.health")


def event_timeline(*, subject: models.Model, public_only: bool = False) -> QuerySet[DomainEvent]:
    events = DomainEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
    ).select_related("actor")
    if public_only:
        events = events.filter(is_public=True)
    return events.order_by("occurred_at", "id")


def health_status() -> dict[str, Any]:
    """Database and broker status for /healthz; never raises.

    The page is public, so it says only "ok" or "unavailable": a driver's error names hosts
    and ports. The error itself goes to the log.
    """
    status: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        status["database"] = {"status": "ok"}
    except Exception:  # noqa: BLE001 - a health check reports every failure
        health_log.exception("Health check: database unavailable")
        status["database"] = {"status": "unavailable"}

    if settings.CELERY_TASK_ALWAYS_EAGER:
        status["broker"] = {"status": "eager"}
    else:
        try:
            with kombu.Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            status["broker"] = {"status": "ok"}
        except Exception:  # noqa: BLE001
            health_log.exception("Health check: broker unavailable")
            status["broker"] = {"status": "unavailable"}
    status["status"] = (
        "ok"
        if status["database"]["status"] == "ok" and status["broker"]["status"] in {"ok", "eager"}
        else "degraded"
    )
    return status


def notification_list(*, recipient: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=recipient).order_by("-created_at", "-id")
