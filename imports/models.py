"""A minutes file uploaded for import, and where its import has got to."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.lifecycle import Lifecycle
from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models import Body, Meeting


class ImportBatch(PanelOwned, BaseModel):
    """Many files uploaded together (a ZIP, or a folder given to `import_minutes`): one
    `ImportJob` per file, each parsed by its own task. The batch keeps what was left out and
    why (`skipped`: [{"file", "reason"}]) and, for a text made of several saved pages (a
    ModernGov meeting with its item pages), the files it was made from (`made_from`:
    {job id: [names]}); what each file became is its job's. imports.batches reads the archive;
    imports.jobs creates the batch."""

    panel_parent = "body"

    name = models.CharField(max_length=255, help_text="The archive's or folder's name.")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="import_batches")
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    skipped = models.JSONField(default=list, blank=True)
    made_from = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:import-batch", args=[self.pk])


class ImportJob(PanelOwned, BaseModel):
    """An uploaded file of minutes on its way to becoming a draft meeting.

    queued → parsing → parsed → committed, or failed (unreadable, no minutes) or rejected (the
    officer threw it away). `IMPORT_JOB_STATUS` below says which move may follow which, and
    imports.jobs and imports.parsing make them; the parser's output, with the source lines and
    the officer's review choices, is kept in `result`.
    """

    panel_parent = "body"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        PARSING = "parsing", "Reading the file"
        PARSED = "parsed", "Ready for review"
        COMMITTED = "committed", "Imported"
        FAILED = "failed", "Failed"
        REJECTED = "rejected", "Rejected"

    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(max_length=255, help_text="The name the file was uploaded with.")
    sha256 = models.CharField(max_length=64, db_index=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="import_jobs")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent, 0 to 100.")
    error = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="import_jobs"
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="jobs"
    )
    # The parser output can be large; the domain events say what was imported, so the history
    # keeps the status and progress only. The table is the one the model had in meetings.
    history = HistoricalRecords(
        excluded_fields=["result"], table_name="meetings_historicalimportjob"
    )

    class Meta:
        # The model moved from the meetings app; its rows stayed in its table.
        db_table = "meetings_importjob"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["panel", "status", "created_at"], name="import_job_status_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="import_job_progress_max"),
            models.CheckConstraint(
                condition=~Q(status="committed") | Q(meeting__isnull=False),
                name="import_job_committed_has_meeting",
            ),
            # Per panel: another panel may import the same file into its own meetings.
            models.UniqueConstraint(
                fields=["panel", "sha256"],
                condition=Q(status="committed"),
                name="import_job_committed_once",
                violation_error_message="This file has already been imported.",
            ),
        ]

    def __str__(self) -> str:
        return f"Import of {self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:manage-import-job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.PARSING)

    # What the pages show, by status (so that templates compare no status strings).

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def is_committed(self) -> bool:
        return self.status == self.Status.COMMITTED

    @property
    def status_colour(self) -> str:
        """The GOV.UK tag colour of the status."""
        return STATUS_COLOURS.get(self.status, "blue")

    @property
    def progress_label(self) -> str:
        """What the task is doing, by the progress it has reported (imports.parsing)."""
        if self.status == self.Status.QUEUED:
            return "Waiting to start"
        if self.status != self.Status.PARSING:
            return self.get_status_display()
        if self.progress < 40:
            return "Reading the file"
        if self.progress < 80:
            return "Finding the minutes, points and resolutions"
        return "Preparing the review"


STATUS_COLOURS: dict[str, str] = {
    ImportJob.Status.COMMITTED: "green",
    ImportJob.Status.FAILED: "red",
    ImportJob.Status.REJECTED: "grey",
    ImportJob.Status.PARSED: "yellow",
}

# Which status may follow which; `core.lifecycle.transition` refuses every other move.
IMPORT_JOB_STATUS = Lifecycle(
    "imports.ImportJob",
    "status",
    {
        ImportJob.Status.QUEUED: {
            ImportJob.Status.PARSING,
            ImportJob.Status.FAILED,
            ImportJob.Status.REJECTED,
        },
        # A worker that died mid-parse leaves "parsing"; the redelivered task parses again.
        ImportJob.Status.PARSING: {
            ImportJob.Status.PARSING,
            ImportJob.Status.PARSED,
            ImportJob.Status.FAILED,
        },
        ImportJob.Status.PARSED: {ImportJob.Status.COMMITTED, ImportJob.Status.REJECTED},
        ImportJob.Status.COMMITTED: set(),
        ImportJob.Status.FAILED: {ImportJob.Status.REJECTED},
        ImportJob.Status.REJECTED: set(),
    },
    noun="An import",
)
