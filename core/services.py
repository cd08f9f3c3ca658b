"""Writes that every app shares: the domain-event log and notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models
from django.utils import timezone

from core.events import EventType
from core.models import DomainEvent, Notification
from core.types import Actor


def event_record(
    *,
    subject: models.Model,
    verb: EventType,
    actor: Actor | None,
    summary: str = "",
    data: dict[str, Any] | None = None,
    is_public: bool = False,
) -> DomainEvent:
    """Record that `actor` did `verb` to `subject`. Services call this inside their transaction."""
    if verb not in EventType.values:
        raise ValueError(f"{verb!r} is not an event type (core.events.EventType)")
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


def notification_send(
    *, recipient: User, kind: str, key: str, subject: str, body: str = "", url: str = ""
) -> Notification:
    """Create the in-app notice named `key` for `recipient` once, and email it once.

    Safe to call again for the same key (a job that runs twice, or resumes after a worker died):
    the unique (recipient, key) row is found rather than duplicated, and the email is claimed by
    a conditional update before it is sent, so it goes at most once.
    """
    notification, _ = Notification.objects.get_or_create(
        recipient=recipient,
        key=key,
        defaults={"kind": kind, "subject": subject[:255], "body": body, "url": url},
    )
    notification_email(notification=notification)
    return notification


def notification_email(*, notification: Notification) -> bool:
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed or not notification.recipient.email:
        return False
    link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
    send_mail(
        subject=notification.subject,
        message=f"{notification.body}{link}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[notification.recipient.email],
    )
    return True


def notifications_mark_read(*, recipient: User) -> int:
    return Notification.objects.filter(recipient=recipient, read_at__isnull=True).update(
        read_at=timezone.now()
    )
