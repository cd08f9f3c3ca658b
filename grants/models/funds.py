"""Funds and their rounds: a fund's yearly budgets, the projects it pays for without a round,
each round with its lifecycle and its scoring criteria."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.lifecycle import Lifecycle
from core.models import BaseModel
from core.tenancy import PanelOwned
from grants.models._common import MONEY


class Fund(PanelOwned, BaseModel):
    class Kind(models.TextChoices):
        GRANT_SCHEME = "grant_scheme", "Grant scheme run by the Commissioner"
        EXTERNAL = "external", "External grant received by the Commissioner"
        COMMISSIONING = "commissioning", "Commissioning budget"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GRANT_SCHEME)
    owner = models.ForeignKey(
        "meetings.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funds",
        help_text="Who runs the fund (for an external grant, who gives it).",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "slug"], name="fund_slug_per_panel"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundBudget(PanelOwned, BaseModel):
    """The fund's budget for one financial year, e.g. "2024/25"."""

    panel_parent = "fund"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="budgets")
    financial_year = models.CharField(max_length=7, help_text="For example 2024/25.")
    amount = models.DecimalField(**MONEY, null=True, blank=True)
    amount_text = models.CharField(
        max_length=100, blank=True, help_text="The amount as the papers state it."
    )
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "financial_year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "financial_year"], name="fundbudget_once"),
            models.CheckConstraint(
                condition=Q(financial_year__regex=r"^\d{4}/\d{2}$"),
                name="fundbudget_year_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.financial_year}"


class GrantRound(PanelOwned, BaseModel):
    panel_parent = "fund"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for applications"
        CLOSED = "closed", "Closed"
        MODERATION = "moderation", "In moderation"
        DECIDED = "decided", "Decided"
        AWARDS_MADE = "awards_made", "Awards made"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    financial_year = models.CharField(max_length=7, blank=True)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    budget = models.DecimalField(**MONEY, null=True, blank=True)
    budget_text = models.CharField(max_length=100, blank=True)
    max_bid = models.DecimalField(**MONEY, null=True, blank=True)
    award_threshold = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Applications scoring this percentage or more are recommended.",
    )
    # [{"label": "71% or above", "min_percent": "71", "reported_count": 21}, ...], highest first.
    score_bands = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Where the papers give only counts, not the applications themselves (see demo data).
    applications_reported = models.PositiveIntegerField(null=True, blank=True)
    withdrawn_reported = models.PositiveIntegerField(null=True, blank=True)
    requested_total_reported = models.DecimalField(**MONEY, null=True, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at", "name"]
        indexes = [models.Index(fields=["panel", "status"], name="grantround_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["panel", "slug"], name="grantround_slug_per_panel"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="grantround_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(max_bid__isnull=True)
                | Q(budget__isnull=True)
                | Q(max_bid__lte=F("budget")),
                name="grantround_max_bid_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(award_threshold__isnull=True)
                | Q(award_threshold__gte=0, award_threshold__lte=100),
                name="grantround_threshold_percent",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="grantround_budget_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund.name}: {self.name}"

    def band_for(self, percent: Decimal | None) -> str:
        """The label of the highest score band whose minimum `percent` reaches."""
        if percent is None:
            return ""
        for band in self.score_bands:
            if percent >= Decimal(str(band.get("min_percent", 0))):
                return str(band["label"])
        return ""

    @property
    def accepts_applications(self) -> bool:
        return self.status in APPLICATIONS_ACCEPTED

    @property
    def criteria_editable(self) -> bool:
        return self.status in CRITERIA_EDITABLE

    @property
    def scoring_open(self) -> bool:
        return self.status in SCORING_OPEN

    @property
    def in_moderation(self) -> bool:
        return self.status == self.Status.MODERATION

    @property
    def awards_published(self) -> bool:
        """Its awards are on the public register."""
        return self.status == self.Status.AWARDS_MADE


S = GrantRound.Status
# What may follow what; anything else is refused (core.lifecycle). "Decided" is reached only by
# recording the Commissioner's decision, and "awards made" publishes the awards.
ROUND_LIFECYCLE = Lifecycle(
    "grants.GrantRound",
    "status",
    {
        S.PLANNED: [S.OPEN],
        S.OPEN: [S.CLOSED],
        S.CLOSED: [S.MODERATION],
        S.MODERATION: [S.DECIDED],
        S.DECIDED: [S.AWARDS_MADE],
        S.AWARDS_MADE: [],
    },
    noun="A round",
)
# Applications are taken until moderation starts, and so are changes to the criteria; assessors
# score once the round has closed and until the Commissioner decides.
APPLICATIONS_ACCEPTED = frozenset({S.PLANNED, S.OPEN, S.CLOSED})
CRITERIA_EDITABLE = frozenset({S.PLANNED, S.OPEN, S.CLOSED})
SCORING_OPEN = frozenset({S.CLOSED, S.MODERATION})


class Criterion(PanelOwned, BaseModel):
    panel_parent = "round"
    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="criteria")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    max_score = models.PositiveSmallIntegerField(default=5, help_text="Scores run from 0 to this.")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="criterion_title_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_pos"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_pos"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (×{self.weight})"


class FundedProject(PanelOwned, BaseModel):
    """A project paid for from a fund the Commissioner receives or allocates (e.g. Safer
    Streets 5), where there is no application round to record."""

    panel_parent = "fund"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=255)
    area = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(**MONEY, null=True, blank=True)
    amount_text = models.CharField(max_length=100, blank=True)
    targets = models.TextField(blank=True)
    progress = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "title"]
        constraints = [models.UniqueConstraint(fields=["fund", "title"], name="fundedproject_once")]

    def __str__(self) -> str:
        return self.title
