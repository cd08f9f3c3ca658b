"""Services the OPCC commissions, and the points at which each contract is reviewed."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from grants.models._common import MONEY
from grants.models.funds import Fund


class CommissionedContract(PanelOwned, BaseModel):
    service = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    provider = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="grant_contracts"
    )
    fund = models.ForeignKey(
        Fund, null=True, blank=True, on_delete=models.PROTECT, related_name="contracts"
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    term_text = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(**MONEY, null=True, blank=True)
    value_text = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["service"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "slug"], name="commissionedcontract_slug_per_panel"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="contract_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.provider})"


class ContractReviewPoint(PanelOwned, BaseModel):
    panel_parent = "contract"
    contract = models.ForeignKey(
        CommissionedContract, on_delete=models.PROTECT, related_name="review_points"
    )
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "title"], name="reviewpoint_once")
        ]

    def __str__(self) -> str:
        return self.title
