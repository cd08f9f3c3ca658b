"""Organisations, people, bodies and the time-bounded roles people hold on them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned


class Organisation(PanelOwned, BaseModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Local authority"
        POLICE_FORCE = "police_force", "Police force"
        OPCC = "opcc", "Office of the Police and Crime Commissioner"
        CSP = "csp", "Community safety partnership"
        CHARITY = "charity", "Charity"
        CIC = "cic", "Community interest company"
        COMPANY = "company", "Company (Ltd)"
        TRUST = "trust", "Trust"
        NHS = "nhs", "NHS body"
        NATIONAL = "national", "National body"
        COMMUNITY = "community", "Community group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255, help_text="The name as registered.")
    slug = models.SlugField(max_length=255)
    trading_as = models.CharField(
        max_length=255, blank=True, help_text="'Trading as' or 'operating as'."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    partner = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnered_with",
        help_text="An organisation this one applies or delivers in partnership with.",
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other spellings seen in papers."
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "slug"], name="organisation_slug_per_panel"),
        ]
        ordering = ["name"]
        indexes = [models.Index(fields=["panel", "name"], name="organisation_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} (t/a {self.trading_as})" if self.trading_as else self.name


class Person(PanelOwned, BaseModel):
    display_name = models.CharField(
        max_length=200, help_text="As printed, e.g. 'Mrs D. Taylor CC'."
    )
    slug = models.SlugField(max_length=200)
    honorific = models.CharField(max_length=30, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    post_nominals = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names seen in papers.")
    user = models.OneToOneField(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "slug"], name="person_slug_per_panel"),
        ]
        ordering = ["family_name", "given_name", "display_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name


class Body(PanelOwned, BaseModel):
    class Kind(models.TextChoices):
        PANEL = "panel", "Police and Crime Panel"
        SUB_COMMITTEE = "sub_committee", "Sub-committee"
        TASK_GROUP = "task_group", "Task group"
        BOARD = "board", "Accountability board"
        ADVISORY_PANEL = "advisory_panel", "Advisory or audit panel"
        PARTNERSHIP = "partnership", "Partnership board"
        OFFICE = "office", "Office"
        FORCE = "force", "Police force"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255)
    short_name = models.CharField(max_length=40, blank=True, help_text="e.g. PCP, CGB, JARAP.")
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text="The organisation the body belongs to, for offices and forces.",
    )
    description = models.TextField(blank=True)
    # Reference prefix for tracked items raised at this body's meetings, e.g. PCP/2024-10-28/29(c).
    reference_prefix = models.CharField(max_length=12, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "slug"], name="body_slug_per_panel"),
            models.UniqueConstraint(fields=["panel", "name"], name="body_name_per_panel"),
        ]
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name


class Membership(PanelOwned, BaseModel):
    """A person's role on a body between two dates, so each meeting shows who held what then."""

    panel_parent = "body"

    class Role(models.TextChoices):
        CHAIRMAN = "chairman", "Chairman"
        VICE_CHAIRMAN = "vice_chairman", "Vice-chairman"
        COUNCILLOR = "councillor", "Councillor member"
        INDEPENDENT = "independent", "Co-opted independent member"
        MEMBER = "member", "Member"
        PCC = "pcc", "Police and Crime Commissioner"
        DPCC = "dpcc", "Deputy Police and Crime Commissioner"
        OPCC_OFFICER = "opcc_officer", "OPCC officer"
        CHIEF_CONSTABLE = "chief_constable", "Chief Constable"
        CHIEF_OFFICER = "chief_officer", "Chief officer"
        FORCE_OFFICER = "force_officer", "Force officer"
        DEMOCRATIC_SERVICES = "democratic_services", "Democratic services officer"
        MONITORING_OFFICER = "monitoring_officer", "Monitoring officer"
        MINUTE_TAKER = "minute_taker", "Minute taker"
        OTHER = "other", "Other"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    title = models.CharField(
        max_length=255, blank=True, help_text="As printed, e.g. 'Chief Executive, OPCC'."
    )
    represents = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="The appointing council, for councillor members.",
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_after_start",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "start_date", "end_date"], name="membership_span_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body.short_name or self.body}"
