"""Grants the Commissioner gives and the services the OPCC commissions.

A fund (e.g. the Commissioner's Safety Fund) has rounds; organisations apply to a round; assessors
score each application against the round's weighted criteria; a panel moderates; the PCC decides;
awards are made, paid in instalments and monitored through returns and due-diligence visits.

Amounts the papers state only roughly ("Circa £462k") are kept as text beside a nullable exact
Decimal, so nothing is invented. Nothing here is hard-deleted (on_delete=PROTECT throughout);
withdrawals and status changes are recorded instead.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel

MONEY = {"max_digits": 12, "decimal_places": 2}


class Fund(BaseModel):
    class Kind(models.TextChoices):
        GRANT_SCHEME = "grant_scheme", "Grant scheme run by the Commissioner"
        EXTERNAL = "external", "External grant received by the Commissioner"
        COMMISSIONING = "commissioning", "Commissioning budget"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
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
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FundBudget(BaseModel):
    """The fund's budget for one financial year, e.g. "2024/25"."""

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


class GrantRound(BaseModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for applications"
        CLOSED = "closed", "Closed"
        MODERATION = "moderation", "In moderation"
        DECIDED = "decided", "Decided"
        AWARDS_MADE = "awards_made", "Awards made"

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
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
        indexes = [models.Index(fields=["status"], name="grantround_status_idx")]
        constraints = [
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


class RoundStatusChange(models.Model):
    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=GrantRound.Status.choices)
    to_status = models.CharField(max_length=20, choices=GrantRound.Status.choices)
    changed_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.from_status} → {self.to_status}"


class Criterion(BaseModel):
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


class Application(BaseModel):
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
            models.Index(fields=["area"], name="application_area_idx"),
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


class ConflictOfInterest(BaseModel):
    """An assessor's declared interest in an application; it stops them scoring it."""

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


class Score(BaseModel):
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


class ModerationChange(models.Model):
    """Every change to an application's moderated score, with the panel's reason."""

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


class Decision(BaseModel):
    """The PCC's decision record for a round."""

    round = models.ForeignKey(GrantRound, on_delete=models.PROTECT, related_name="decisions")
    public_reference = models.CharField(max_length=100, unique=True)
    decided_on = models.DateField()
    decision_maker = models.CharField(max_length=200, default="Police and Crime Commissioner")
    summary = models.TextField(blank=True)
    url = models.URLField(blank=True)
    source = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "public_reference"]

    def __str__(self) -> str:
        return self.public_reference


class Award(BaseModel):
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


class Payment(BaseModel):
    """One instalment of an award's payment schedule; `paid_on` is set when it is paid."""

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


class MonitoringReturn(BaseModel):
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
            models.Index(
                fields=["due_on"],
                name="return_outstanding_idx",
                condition=Q(received_on__isnull=True),
            )
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

    def is_overdue(self, today) -> bool:  # type: ignore[no-untyped-def]
        return self.received_on is None and self.due_on < today


class DueDiligenceVisit(BaseModel):
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
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "project", "source"], name="visit_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"Visit to {self.organisation}"


class FundedProject(BaseModel):
    """A project paid for from a fund the Commissioner receives or allocates (e.g. Safer
    Streets 5), where there is no application round to record."""

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


class CommissionedContract(BaseModel):
    service = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
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
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="contract_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.provider})"


class ContractReviewPoint(BaseModel):
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
