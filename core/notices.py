"""Notices sent because something happened: which events tell whom is decided by rules.

Each app registers the rules for its own events (`notice_rule`, called when the app's module of
rules is imported from its AppConfig.ready). `event_record` queues the rules of an event that
has any through the outbox, in the change's own transaction, so a notice is never lost with a
broker that is down and never depends on the request finishing; the worker then runs every
rule for that event. The outbox may run the work twice, so a rule must be safe to run twice:
`core.services.notification_send` (keyed per recipient) and keyed deliveries make it so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string

from core.models import DomainEvent

NoticeRule = Callable[[DomainEvent], None]

_rules: dict[str, list[NoticeRule]] = defaultdict(list)


def notice_rule(*verbs: str) -> Callable[[NoticeRule], NoticeRule]:
    """Register the decorated function to run, in the worker, for each event of `verbs`."""

    def register(rule: NoticeRule) -> NoticeRule:
        for verb in verbs:
            if rule not in _rules[verb]:
                _rules[verb].append(rule)
        return rule

    return register


def event_notices_wanted(verb: str) -> bool:
    return bool(_rules.get(verb))


def event_notices_run(*, event_id: int) -> int:
    """Run every rule registered for the event's verb; returns how many ran."""
    event = DomainEvent.objects.select_related("actor").filter(pk=event_id).first()
    if event is None:
        return 0
    rules = list(_rules.get(event.verb, ()))
    for rule in rules:
        rule(event)
    return len(rules)


def email_send(
    *,
    to: Iterable[str],
    subject: str,
    template: str,
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> int:
    """Send a multipart email: `template` names a pair, `<template>.txt` and `<template>.html`,
    rendered with `context`. Links in the context must be absolute (the reader is not on the
    site). Returns the number of messages sent (0 when there is no address)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    # The plain-text part is not HTML: nothing in it is escaped ("Q&A", not "Q&amp;A").
    text_template = get_template(f"{template}.txt").template  # type: ignore[attr-defined]
    text = text_template.render(Context(dict(context), autoescape=False))
    html = render_to_string(f"{template}.html", dict(context))
    message = EmailMultiAlternatives(
        subject=subject[:255],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    return message.send()
