"""Writes that every app shares: the domain-event log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.models import DomainEvent


def event_record(
    *,
    subject: models.Model,
    verb: str,
    actor: User | AnonymousUser | None,
    summary: str = "",
    data: dict[str, Any] | None = None,
    is_public: bool = False,
) -> DomainEvent:
    """Record that `actor` did `verb` to `subject`. Services call this inside their transaction."""
    return DomainEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        summary=summary[:500],
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        data=data or {},
        is_public=is_public,
    )
