"""Applications to a round and how they are judged: assessors' scores, declared interests and
the panel's moderated scores."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from grants.models._common import MONEY
from grants.models.funds import Criterion, GrantRound


class Application(PanelOwned, BaseModel):
    panel_parent = "round"
    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=40)
    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="grant_applications"
    )
    organisation_name_submitted = models.CharField(
        max_length=255, blank=True, help_text="The name exactly as the applicant wrote it."
    )
    project_title = models.CharField(max_length=255)
    amount_requested = models.DecimalField(**MONEY)
    amount_recommended = models.DecimalField(
        **MONEY, null=True, blank=True, help_text="Blank means the amount requested."
    )
    area = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(
        default=0, help_text="Order in the source list or import file."
    )
    withdrawn = models.BooleanField(default=False)
    withdrawn_reason = models.TextField(blank=True)
    moderated_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    band_reported = models.CharField(
        max_length=100, blank=True, help_text="A score band the papers give instead of a score."
    )
    recommended = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "id"]
        indexes = [
            models.Index(fields=["round", "withdrawn"], name="application_round_idx"),
            models.Index(fields=["panel", "area"], name="application_area_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["round", "reference"], name="application_ref_once"),
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0), name="application_request_positive"
            ),
            models.CheckConstraint(
                condition=Q(amount_recommended__isnull=True)
                | Q(amount_recommended__gt=0, amount_recommended__lte=F("amount_requested")),
                name="application_recommended_within_request",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn=False) | ~Q(withdrawn_reason=""),
                name="application_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(moderated_percent__isnull=True)
                | Q(moderated_percent__gte=0, moderated_percent__lte=100),
                name="application_moderated_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.project_title}"

    @property
    def amount_for_recommendation(self) -> Decimal:
        return (
            self.amount_recommended
            if self.amount_recommended is not None
            else self.amount_requested
        )


class ConflictOfInterest(PanelOwned, BaseModel):
    """An assessor's declared interest in an application; it stops them scoring it."""

    panel_parent = "application"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="conflicts")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_conflicts"
    )
    details = models.TextField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id} declared an interest in {self.application_id}"


class Score(PanelOwned, BaseModel):
    panel_parent = "application"
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_scores"
    )
    value = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "assessor"], name="score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.criterion_id}/{self.assessor_id}={self.value}"


class ModerationChange(PanelOwned):
    """Every change to an application's moderated score, with the panel's reason."""

    panel_parent = "application"

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="moderation_changes"
    )
    old_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    new_percent = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="moderation_change_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.old_percent} → {self.new_percent}"
