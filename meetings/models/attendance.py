"""Who attended a meeting, what they declared, and the public's questions."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting
from meetings.models.people import Person


class Attendance(PanelOwned, BaseModel):
    panel_parent = "meeting"

    class Capacity(models.TextChoices):
        MEMBER = "member", "Member"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        ALSO_PRESENT = "also_present", "Also present"
        OPCC = "opcc", "Office of the Police and Crime Commissioner"
        CHIEF_CONSTABLE = "chief_constable", "Office of the Chief Constable"

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    capacity = models.CharField(max_length=20, choices=Capacity.choices, default=Capacity.MEMBER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)
    role_text = models.CharField(max_length=255, blank=True, help_text="As printed after the name.")
    in_the_chair = models.BooleanField(default=False)
    left_at = models.TimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "capacity", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class Declaration(PanelOwned, BaseModel):
    panel_parent = "meeting"

    class Kind(models.TextChoices):
        PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
        OTHER = "other", "Other registrable interest"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest"
        STANDING = "standing", "Standing declaration"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="declarations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField()
    # A standing declaration repeated at a later meeting points at the one it was copied from.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "created_at"]

    def __str__(self) -> str:
        return f"{self.person}: {self.text[:60]}"


class PublicQuestion(PanelOwned, BaseModel):
    panel_parent = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="public_questions")
    asker = models.CharField(max_length=255)
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="answers_given"
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"Question from {self.asker}"
