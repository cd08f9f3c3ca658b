"""Minutes, their points and resolutions (the decisions the panel made)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models.agenda import AgendaItem
from meetings.models.meeting import MINUTE_NUMBER_TAKEN_IN_YEAR, Meeting, municipal_year_of
from meetings.models.people import Body
from meetings.models.search_document import SearchDocumented


class Minute(SearchDocumented, PanelOwned, BaseModel):
    """One numbered minute item; numbering continues across a body's meetings."""

    panel_parent = "meeting"
    search_document_fields = (("title", "A"), ("preamble", "B"), ("body_text", "B"))

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="minutes"
    )
    # Copied from the meeting (see `save`) so that the numbering rule is a database constraint.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", editable=False)
    municipal_year = models.PositiveSmallIntegerField(
        editable=False, help_text="The year the municipal year began: 2024 for 2024/25."
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    preamble = models.TextField(blank=True)
    body_text = models.TextField(blank=True, help_text="Any further narrative after the points.")
    history = HistoricalRecords(excluded_fields=["search_document"])
    # Not a column: set on the minutes `meetings.selectors.minutes_public` returns, for its
    # reader (whether the minute's content is hidden from them).
    content_hidden: bool

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="minute_number_unique",
                violation_error_message="This meeting already has a minute with that number.",
            ),
            models.UniqueConstraint(
                fields=["body", "municipal_year", "number"],
                name="minute_number_unique_in_year",
                violation_error_message=MINUTE_NUMBER_TAKEN_IN_YEAR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def set_numbering_scope(self) -> None:
        self.body_id = self.meeting.body_id
        self.municipal_year = municipal_year_of(self.meeting.date)

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        if self.meeting_id:
            self.set_numbering_scope()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.set_numbering_scope()
        super().save(*args, **kwargs)


class MinutePoint(SearchDocumented, PanelOwned, BaseModel):
    """A point noted in discussion: "(iii) … The Chairman requested that figures be included…"."""

    panel_parent = "minute"
    search_document_fields = (("text", "B"),)

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="points")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=10, blank=True, help_text="As printed: '(iii)'.")
    text = models.TextField()
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["minute", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minute", "position"], name="minute_point_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minute.number}{self.label}"


class Resolution(SearchDocumented, PanelOwned, BaseModel):
    """A RESOLVED clause. Tracked items point here (scrutiny depends on meetings, not back)."""

    panel_parent = "minute"
    search_document_fields = (("text", "B"),)

    class Kind(models.TextChoices):
        CONFIRM_MINUTES = "confirm_minutes", "Confirm minutes"
        NOTE = "note", "Note"
        APPROVE = "approve", "Approve"
        ENDORSE = "endorse", "Endorse"
        ELECT = "elect", "Election"
        DATE_NOTED = "date_noted", "Date of next meeting"
        REQUEST_RESPONSE = "request_response", "Request a response"
        REQUEST_INFORMATION = "request_information", "Request information"
        REFER_COMMENTS = "refer_comments", "Pass on comments"
        WRITE_LETTER = "write_letter", "Write a letter"
        SCHEDULE_UPDATE = "schedule_update", "Schedule an update"
        RECOMMENDATION = "recommendation", "Recommendation"
        OTHER = "other", "Other"

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="resolutions")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=12, blank=True, help_text="As printed: '(c)', '1.', ''.")
    text = models.TextField()
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["minute", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minute", "position"], name="resolution_position_unique"
            )
        ]
        indexes = [models.Index(fields=["panel", "kind"], name="resolution_kind_idx")]

    def __str__(self) -> str:
        return f"{self.minute.number}{self.label}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:decision-detail", args=[self.pk])
