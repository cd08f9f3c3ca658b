"""Answers to tracked items: responses, their attachments, and the panel's reviews of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from scrutiny.models.items import TrackedItem

IN_PRINCIPLE_NEEDS_PLAN = "An answer 'accepted in principle' needs a plan and a date for it."


class Response(PanelOwned, BaseModel):
    """An answer to a tracked item, drafted by an officer and submitted to the panel."""

    panel_parent = "item"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted by the panel"
        CHALLENGED = "challenged", "Challenged by the panel"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Position(models.TextChoices):
        """What the addressee says to the request (s29 PRSRA 2011: accept it or not)."""

        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        ACCEPTED_IN_PRINCIPLE = "accepted_in_principle", "Accepted in principle"
        ANSWERED = "answered", "Answered (information given)"

    item = models.ForeignKey(TrackedItem, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    position = models.CharField(max_length=30, choices=Position.choices, default=Position.ANSWERED)
    body = models.TextField(help_text="Markdown; sanitised when shown.")
    plan = models.TextField(blank=True)
    plan_date = models.DateField(null=True, blank=True)
    # Optimistic locking: a save names the version it edited; a stale version is refused.
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses_written"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "created_at", "pk"]
        constraints = [
            # One answer in play at a time: a second draft or a double submission is refused.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["draft", "submitted"]),
                name="response_one_in_play",
                violation_error_message="This item already has a response being drafted or "
                "awaiting review.",
            ),
            models.CheckConstraint(
                # A draft may be incomplete; what is submitted may not.
                condition=Q(status__in=["draft", "withdrawn"])
                | ~Q(position="accepted_in_principle")
                | (~Q(plan="") & Q(plan_date__isnull=False)),
                name="response_in_principle_has_plan",
                violation_error_message=IN_PRINCIPLE_NEEDS_PLAN,
            ),
        ]
        indexes = [
            models.Index(fields=["panel", "status", "submitted_at"], name="response_status_idx")
        ]

    def __str__(self) -> str:
        return f"Response to {self.item.reference} ({self.get_status_display()})"

    @property
    def awaits_review(self) -> bool:
        """Submitted and not yet reviewed by the panel: its author may still withdraw it."""
        return self.status == self.Status.SUBMITTED


PUBLISHED_RESPONSE_STATUSES = (
    Response.Status.SUBMITTED,
    Response.Status.ACCEPTED,
    Response.Status.CHALLENGED,
)


class ResponseAttachment(PanelOwned, BaseModel):
    panel_parent = "response"
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="responses/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.original_filename


class Review(PanelOwned, BaseModel):
    """The panel's judgement of a submitted response: accept it, or challenge it."""

    panel_parent = "response"

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CHALLENGED = "challenged", "Challenged"

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="reviews")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    new_due_date = models.DateField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_made"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | (~Q(reason="") & Q(new_due_date__isnull=False)),
                name="review_challenge_has_reason_and_date",
                violation_error_message="A challenge needs a reason and a new due date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.response}"
