"""The Commissioner's decisions and the awards they make: payments in instalments, monitoring
returns and due-diligence visits."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from grants.models._common import MONEY
from grants.models.applications import Application
from grants.models.funds import Fund, GrantRound


class Decision(PanelOwned, BaseModel):
    """The PCC's decision record for a round."""

    panel_parent = "round"

    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="decisions")
    public_reference = models.CharField(max_length=100)
    decided_on = models.DateField()
    decision_maker = models.CharField(max_length=200, default="Police and Crime Commissioner")
    summary = models.TextField(blank=True)
    url = models.URLField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "public_reference"], name="decision_public_reference_per_panel"
            ),
        ]
        ordering = ["-decided_on", "public_reference"]

    def __str__(self) -> str:
        return self.public_reference


class Award(PanelOwned, BaseModel):
    panel_parent = "application"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(**MONEY)
    conditions = models.TextField(blank=True)
    monitoring_frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "application__position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="award_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} to {self.application}"


class Payment(PanelOwned, BaseModel):
    """One instalment of an award's payment schedule; `paid_on` is set when it is paid."""

    panel_parent = "award"

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="payments")
    due_on = models.DateField()
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} due {self.due_on}"


class MonitoringReturn(PanelOwned, BaseModel):
    panel_parent = "award"
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="returns")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField(db_index=True)
    received_on = models.DateField(null=True, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expenditure_total = models.DecimalField(**MONEY, null=True, blank=True)
    engagement = models.TextField(blank=True)
    achievements = models.TextField(blank=True)
    challenges = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            # The monitoring calendar, by due date: all returns, and the outstanding ones.
            models.Index(fields=["panel", "due_on", "id"], name="return_due_idx"),
            models.Index(
                fields=["panel", "due_on"],
                name="return_outstanding_idx",
                condition=Q(received_on__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["award", "period_start"], name="return_period_once"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="return_period_order"
            ),
            models.CheckConstraint(
                condition=Q(reviewed_on__isnull=True) | Q(received_on__isnull=False),
                name="return_reviewed_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Return {self.period_start}–{self.period_end} for award {self.award_id}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.received_on is None and self.due_on < today


class DueDiligenceVisit(PanelOwned, BaseModel):
    """A visit to a funded project, as listed in the Commissioner's and Deputy's updates."""

    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="grant_visits"
    )
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    project = models.CharField(max_length=255, blank=True)
    area_and_work = models.CharField(max_length=255, blank=True)
    visited_on = models.DateField(null=True, blank=True)
    visited_text = models.CharField(max_length=100, blank=True, help_text="As the paper puts it.")
    funding_amount = models.DecimalField(**MONEY, null=True, blank=True)
    funding_text = models.CharField(max_length=100, blank=True)
    # "80%/95%/100%" beside the funding: the papers never say what it measures.
    percent_text = models.CharField(max_length=20, blank=True)
    output = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "organisation__name", "id"]
        # The visit list's order (grants.selectors.visit_list).
        indexes = [
            models.Index(fields=["panel", "source", "visited_on", "id"], name="visit_list_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "project", "source"], name="visit_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"Visit to {self.organisation}"
