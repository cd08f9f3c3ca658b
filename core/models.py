"""The base model every app builds on, and the domain-event log that services write."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.events import EventType


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class DomainEvent(models.Model):
    """A typed, explicit record of something a person did through a service.

    Field-level history comes from django-simple-history; these events say what happened in the
    domain's words ("response submitted", "minutes confirmed") and drive the timelines.
    """

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(max_length=64, choices=EventType.choices)
    summary = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict, blank=True)
    # Public events may be shown on public pages (e.g. "response published"); the rest are internal.
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "occurred_at"], name="event_subject_idx"
            ),
            models.Index(fields=["verb", "occurred_at"], name="event_verb_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.verb} {self.content_type_id}:{self.object_id}"
        )


class Notification(models.Model):
    """An in-app notice to one person, also sent by email once.

    `key` names the notice (e.g. "reminder:PCP/2024-10-28/29(c):2024-11-20"); the unique
    (recipient, key) pair is what makes a job that runs twice send each notice only once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["created_at"],
                name="notification_unsent_idx",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.subject}"


class FormSubmission(models.Model):
    """One submitted create form, keyed by the token the form carried when it was rendered.

    The unique token is what turns a double submission (a double click, a resent POST, two tabs)
    into one record: the second request finds the claim and is shown the record the first made.
    The subject is empty only inside the transaction that claims the token and creates the record.
    """

    token = models.UUIDField(unique=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.token} -> {self.content_type_id}:{self.object_id}"


class OutboxMessage(models.Model):
    """Background work a change needs, recorded in the same transaction as the change.

    `core.outbox` sends it to the broker after commit and the sweep sends it again until the
    task has run, so a broker that was down or lost its data, or a worker killed mid-task, costs
    a delay and never the work. `key` names the work (e.g. "import_parse:12"): recording the same
    key twice queues it once. `last_error` is for operators (the admin); it is never shown to
    the people whose change queued the work.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_pending_idx",
                condition=models.Q(done_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({'done' if self.done_at else 'pending'})"


class StatusChange(models.Model):
    """One move of one record's status, made through `core.lifecycle.transition`.

    `from_status` is empty for a record's first status. Kept for every lifecycle so "who closed
    this, when and why" has one answer everywhere.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=40)
    from_status = models.CharField(max_length=40, blank=True)
    to_status = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "changed_at"], name="status_change_subject_idx"
            ),
        ]

    def __str__(self) -> str:
        subject = f"{self.content_type_id}:{self.object_id} {self.field}"
        return f"{subject} {self.from_status} → {self.to_status}"
