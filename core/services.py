"""Writes that every app shares: the domain-event log, notifications and the national register
of panels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from core.events import EventType
from core.models import DomainEvent, Notification, Panel, PanelHost
from core.notices import event_notices_wanted
from core.outbox import outbox_enqueue
from core.panels import panel_home_url
from core.public_cache import public_pages_changed
from core.register import register_read
from core.tasks import event_notices_send
from core.types import Actor

# Events about accounts (EventType's "auth." kinds), which no public page shows.
ACCOUNT_EVENTS = "auth."


def event_record(
    *,
    subject: models.Model,
    verb: EventType,
    actor: Actor | None,
    summary: str = "",
    data: dict[str, Any] | None = None,
    is_public: bool = False,
) -> DomainEvent:
    """Record that `actor` did `verb` to `subject`. Services call this inside their transaction.

    Every change of the record comes through here, so this is where the public pages learn of
    it (core.public_cache); signing in and out changes no page."""
    if verb not in EventType.values:
        raise ValueError(f"{verb!r} is not an event type (core.events.EventType)")
    event = DomainEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        summary=summary[:500],
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        data=data or {},
        is_public=is_public,
    )
    if not verb.startswith(ACCOUNT_EVENTS):
        public_pages_changed(panel_id=event.panel_id)
    if event_notices_wanted(verb):
        outbox_enqueue(task=event_notices_send, args=[event.pk], key=f"event_notices:{event.pk}")
    return event


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
    # The link goes to the notice's own panel's site (one deployment serves every panel).
    site = panel_home_url(notification.panel).rstrip("/")
    link = f"\n\n{site}{notification.url}" if notification.url else ""
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


@dataclass(frozen=True)
class RegisterLoad:
    created: int
    updated: int
    hosts_added: int
    hosts_taken: list[str]


@transaction.atomic
def panels_register_load(*, dev_hosts: bool = False) -> RegisterLoad:
    """Create or update a `Panel` for every panel of the national register, matched by slug.

    Safe to run again: a panel already as registered is left alone, and what else an operator
    set (contact details, colours, the default panel, real host names) is never touched. With
    `dev_hosts`, a panel without its `<slug>.localhost` host gets it, after its other hosts; a
    host another panel already claims is reported in `hosts_taken` and left with that panel.
    """
    created = updated = hosts_added = 0
    hosts_taken: list[str] = []
    for entry in register_read():
        fields = {
            "name": entry.name,
            "short_name": entry.short_name,
            "police_area": entry.police_area,
            "host_authority": entry.host_authority,
            "kind": entry.kind,
            "commissioner_title": entry.commissioner_title,
        }
        panel = Panel.objects.filter(slug=entry.slug).first()
        if panel is None:
            panel = Panel.objects.create(slug=entry.slug, **fields)
            created += 1
        elif any(getattr(panel, field) != value for field, value in fields.items()):
            for field, value in fields.items():
                setattr(panel, field, value)
            panel.save(update_fields=[*fields, "updated_at"])
            updated += 1
        if dev_hosts:
            host = PanelHost.objects.filter(name=entry.dev_host).first()
            if host is None:
                last = panel.hosts.order_by("-position").values_list("position", flat=True).first()
                PanelHost.objects.create(
                    panel=panel, name=entry.dev_host, position=0 if last is None else last + 1
                )
                hosts_added += 1
            elif host.panel_id != panel.pk:
                hosts_taken.append(entry.dev_host)
    return RegisterLoad(created, updated, hosts_added, hosts_taken)
