"""Agenda items, the papers attached to them, and the published versions of an agenda."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.lifecycle import Lifecycle
from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models.meeting import AGENDA_ITEM_WITHDRAWN_NEEDS_REASON, Meeting
from meetings.models.search_document import SearchDocumented


class AgendaItem(SearchDocumented, PanelOwned, BaseModel):
    panel_parent = "meeting"
    search_document_fields = (("title", "A"), ("description", "B"))

    class Kind(models.TextChoices):
        MINUTES = "minutes", "Minutes of the previous meeting"
        APOLOGIES = "apologies", "Apologies for absence"
        PUBLIC_QUESTIONS = "public_questions", "Public questions"
        URGENT_ITEMS = "urgent_items", "Urgent items"
        DECLARATIONS = "declarations", "Declarations of interest"
        REPORT = "report", "Report"
        VERBAL_UPDATE = "verbal_update", "Verbal update"
        DATE_OF_NEXT_MEETING = "date_of_next_meeting", "Date of next meeting"
        AOB = "aob", "Any other business"
        ELECTION = "election", "Election"
        OTHER = "other", "Other"

    class PaperStatus(models.TextChoices):
        NONE = "none", "No paper"
        PUBLISHED = "published", "Published"
        AWAITED = "awaited", "Awaited"
        LATE = "late", "Published late (supplement)"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_items",
        help_text="For sub-items such as CGB 4a, 4b.",
    )
    position = models.PositiveIntegerField(help_text="Order on the agenda.")
    number = models.CharField(max_length=10, help_text="As printed: '5', '4a'.")
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.REPORT)
    description = models.TextField(blank=True)
    report_by = models.CharField(max_length=255, blank=True)
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    paper_status = models.CharField(
        max_length=20, choices=PaperStatus.choices, default=PaperStatus.NONE
    )
    exempt = models.BooleanField(default=False)
    exempt_reason = models.CharField(max_length=255, blank=True)
    # "Minutes of the meeting held on …": the earlier meeting whose minutes this item confirms.
    minutes_of = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirming_items",
    )
    # Items are never deleted from an agenda; a withdrawn item stays, marked, with its reason.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords(excluded_fields=["search_document"])
    # Not columns: set on the items `meetings.selectors.agenda_items_public` returns, for its
    # reader (the papers they may open; whether the item's content is hidden from them).
    visible_documents: list[Document]
    content_hidden: bool

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique",
                violation_error_message="Another item on this agenda already has that number.",
            ),
            models.CheckConstraint(
                condition=Q(page_start__isnull=True)
                | Q(page_end__isnull=True)
                | Q(page_end__gte=F("page_start")),
                name="agenda_item_page_range",
                violation_error_message="The last page cannot come before the first page.",
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_reason=""),
                name="agenda_item_exempt_has_reason",
                violation_error_message="An exempt item needs the reason it is exempt.",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="agenda_item_withdrawn_has_reason",
                violation_error_message=AGENDA_ITEM_WITHDRAWN_NEEDS_REASON,
            ),
        ]
        indexes = [models.Index(fields=["meeting", "position"], name="agenda_item_order_idx")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_verbal_update(self) -> bool:
        return self.kind == self.Kind.VERBAL_UPDATE

    @property
    def paper_awaited(self) -> bool:
        return self.paper_status == self.PaperStatus.AWAITED

    @property
    def paper_late(self) -> bool:
        """Published after the agenda, in a supplement."""
        return self.paper_status == self.PaperStatus.LATE

    @property
    def page_range(self) -> str:
        if self.page_start and self.page_end and self.page_end != self.page_start:
            return f"Pages {self.page_start} - {self.page_end}"
        if self.page_start:
            return f"Page {self.page_start}"
        return ""


def _paper_moves() -> dict[str, set[str]]:
    """Any status to any other: the builder's "Paper" field sets it (a paper expected, published
    elsewhere, or a correction), and attaching a paper moves "none" or "awaited" to "published"
    (or "late", on a published agenda). Each move writes a status-change row."""
    statuses = set(AgendaItem.PaperStatus.values)
    return {status: statuses - {status} for status in statuses}


PAPER_STATUS = Lifecycle("meetings.AgendaItem", "paper_status", _paper_moves(), noun="A paper")


class Document(SearchDocumented, PanelOwned, BaseModel):
    """A paper attached to an agenda item: report, appendix, generated pack, minutes, CGB report."""

    panel_parent = "meeting"
    # The text is read from the file by the worker after the paper is attached
    # (meetings.services.documents.document_text_read).
    search_document_fields = (("title", "A"), ("text", "C"))

    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"
        AGENDA_PACK = "agenda_pack", "Agenda pack"
        MINUTES = "minutes", "Minutes"
        ACTION_LOG = "action_log", "Matters arising / action log"
        CGB_REPORT = "cgb_report", "Corporate Governance Board report"
        RESPONSE = "response", "Response"
        OTHER = "other", "Other"

    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    file = models.FileField(upload_to="documents/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    exempt = models.BooleanField(default=False)
    # A document added after the agenda was published is part of a supplement.
    supplement = models.ForeignKey(
        "AgendaVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=255, blank=True)
    # What the search reads of the file (never shown: an exempt paper's text stays internal).
    text = models.TextField(blank=True, default="", editable=False)
    text_read_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_document", "text"])

    class Meta:
        ordering = ["meeting", "agenda_item", "created_at"]
        indexes = [models.Index(fields=["meeting", "kind"], name="document_meeting_kind_idx")]

    def __str__(self) -> str:
        return self.title


class AgendaVersion(PanelOwned, BaseModel):
    """Each publication of an agenda: version 1 is the agenda, later ones are supplements."""

    panel_parent = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    change_note = models.TextField(blank=True, help_text="What changed since the last version.")
    snapshot = models.JSONField(default=dict, help_text="The agenda as published.")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} agenda v{self.number}"

    @property
    def is_supplement(self) -> bool:
        return self.number > 1
