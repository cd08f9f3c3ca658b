"""The base model every app builds on, and the domain-event log that services write."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models

from core.events import EventType
from core.tenancy import PanelOwned


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class Panel(models.Model):
    """One Police and Crime Panel: the tenant that owns everything the panel publishes and tracks.

    Chosen for a request by its host names (`hosts`, core.panels); the default panel answers a
    host no panel claims (the quick start's 127.0.0.1), and without one such a host gets 404.
    """

    class Kind(models.TextChoices):
        PCP = "pcp", "Police and Crime Panel"
        PFCP = "pfcp", "Police, Fire and Crime Panel"
        # The mayor holds the commissioner's functions (Greater Manchester, West Yorkshire,
        # York and North Yorkshire); the panel scrutinises the mayor.
        MAYORAL = "mayoral", "Police and Crime Panel (mayoral)"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, help_text="e.g. LLR Police and Crime Panel")
    police_area = models.CharField(max_length=120, help_text="e.g. Leicestershire")
    host_authority = models.CharField(
        max_length=200, help_text="The council that hosts the panel and publishes its papers"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PCP)
    commissioner_title = models.CharField(
        max_length=120,
        default="Police and Crime Commissioner",
        help_text="Whom the panel scrutinises, e.g. Police, Fire and Crime Commissioner",
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_url = models.URLField(blank=True)
    header_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as #rrggbb.")],
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#ffdd00",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give a colour as #rrggbb.")],
    )
    logo = models.FileField(
        upload_to="panels/",
        blank=True,
        validators=[FileExtensionValidator(["png", "svg", "jpg", "jpeg"])],
    )
    # 360Giving identifiers of the commissioner's grants: a prefix registered with 360Giving
    # (e.g. 360G-llrpcc); until one is registered, "360G-<slug>" keeps identifiers unique.
    giving_prefix = models.CharField(
        max_length=60, blank=True, help_text="The 360Giving identifier prefix, e.g. 360G-llrpcc"
    )
    funder_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The commissioner's office as a funder, e.g. Office of the Police and Crime "
        "Commissioner for Leicester, Leicestershire and Rutland",
    )
    is_default = models.BooleanField(
        default=False, help_text="Answers a host name no panel claims (one panel at most)"
    )
    notice = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown on every page of the panel's site, e.g. that its data is invented",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="panel_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def grants_prefix(self) -> str:
        return self.giving_prefix or f"360G-{self.slug}"

    @property
    def funder(self) -> str:
        return self.funder_name or f"Office of the {self.commissioner_title} ({self.police_area})"


class PanelHost(models.Model):
    """A host name a panel answers on (llr.localhost, scrutiny.example.gov.uk). Unique in the
    database, so two panels can never claim one host. The first by `position` is the panel's
    own address, used in links from the national view."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="hosts")
    name = models.CharField(
        max_length=253,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9.-]+$", "A host name: lower-case letters, digits, dots and hyphens."
            )
        ],
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["panel", "position", "id"]

    def __str__(self) -> str:
        return self.name


class PanelRole(PanelOwned):
    """A role a user holds for one panel: an officer of one panel is nobody in another. The
    national administrator (a superuser) holds no rows and administers every panel."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_roles"
    )
    role = models.CharField(max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "user", "role"], name="panel_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.role}"


class DomainEvent(PanelOwned):
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
            models.Index(fields=["panel", "verb", "occurred_at"], name="event_verb_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.verb} {self.content_type_id}:{self.object_id}"
        )


class Notification(PanelOwned):
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
            models.UniqueConstraint(
                fields=["panel", "recipient", "key"], name="notification_once_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["panel", "recipient", "-created_at"], name="notification_inbox_idx"
            ),
            models.Index(
                fields=["panel", "created_at"],
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
    # The panel the work is for: the worker runs the task inside it (shared table: the sweep
    # sends every panel's work).
    panel = models.ForeignKey(
        Panel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
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


class StatusChange(PanelOwned):
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
