"""A meeting of a body, its lifecycle, and the municipal year its minutes are numbered in."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import date_long
from core.lifecycle import Lifecycle
from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models.people import Body, Organisation, Person

# Minute numbers run on across a body's meetings and start again each municipal year, which
# begins with the annual meetings in May.
MUNICIPAL_YEAR_START_MONTH = 5

MEETING_END_BEFORE_START = "The meeting cannot end before it starts."
MEETING_CANCELLED_NEEDS_REASON = "Give the reason the meeting was cancelled."
AGENDA_ITEM_WITHDRAWN_NEEDS_REASON = "Give the reason the item was withdrawn."
MINUTE_NUMBER_TAKEN_IN_YEAR = (
    "Another minute of this body already has that number in this municipal year."
)
# What `MEETING_STATUS` refuses an illegal move with (core.lifecycle words it so for its noun).
MEETING_ILLEGAL_TRANSITION = "A meeting that is “{current}” cannot become “{target}”."


def municipal_year_of(day: datetime.date) -> int:
    """The year the municipal year containing `day` began: 2024 for 2024/25."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


class Meeting(PanelOwned, BaseModel):
    panel_parent = "body"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFT = "minutes_draft", "Draft minutes published"
        MINUTES_CONFIRMED = "minutes_confirmed", "Minutes confirmed"
        CANCELLED = "cancelled", "Cancelled"

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIRTUAL = "virtual", "Virtual"
        HYBRID = "hybrid", "Hybrid"

    class Session(models.TextChoices):
        PUBLIC = "public", "Public"
        PRIVATE = "private", "Private"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=255, blank=True)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=255, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    webcast_url = models.URLField(blank=True)
    filming_notice = models.TextField(blank=True)
    session = models.CharField(max_length=10, choices=Session.choices, default=Session.PUBLIC)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    host_authority = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    contact_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contact_for"
    )
    cancellation_reason = models.TextField(blank=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    minutes_confirmed_on = models.DateField(null=True, blank=True)
    minutes_confirmed_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_minutes_of",
        help_text="The later meeting at which these minutes were confirmed.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=MEETING_END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancellation_reason=""),
                name="meeting_cancelled_has_reason",
                violation_error_message=MEETING_CANCELLED_NEEDS_REASON,
            ),
        ]
        indexes = [
            models.Index(fields=["body", "date"], name="meeting_body_date_idx"),
            # The lists' order (latest first: date, start time, id), read backwards.
            models.Index(fields=["panel", "date", "start_time", "id"], name="meeting_order_idx"),
            models.Index(fields=["panel", "status", "date"], name="meeting_status_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.body.short_name or self.body.name}, {date_long(self.date)}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])

    def clean(self) -> None:
        # The same rule as the check constraint, reported next to the field it concerns.
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": MEETING_END_BEFORE_START})

    @property
    def is_public(self) -> bool:
        """Published to the public: a public session whose agenda or minutes have been published
        (imported historical minutes are published without an agenda)."""
        return self.session == self.Session.PUBLIC and (
            self.agenda_published_at is not None or self.minutes_published_at is not None
        )

    @property
    def is_private_session(self) -> bool:
        return self.session == self.Session.PRIVATE

    @property
    def is_in_person(self) -> bool:
        """Held in a room only, neither virtual nor hybrid."""
        return self.mode == self.Mode.IN_PERSON

    @property
    def has_published_agenda(self) -> bool:
        """Published once: every later change to the agenda goes out as a supplement."""
        return self.agenda_published_at is not None

    @property
    def new_papers_are_supplements(self) -> bool:
        """A paper added after the agenda is published, and before the meeting, goes out as a
        supplement to it."""
        return self.status == self.Status.AGENDA_PUBLISHED

    @property
    def has_draft_minutes(self) -> bool:
        return self.status == self.Status.MINUTES_DRAFT

    @property
    def has_confirmed_minutes(self) -> bool:
        return self.status == self.Status.MINUTES_CONFIRMED

    # What the meeting's next step may be, read from its lifecycle (for the staff pages).

    @property
    def is_scheduled(self) -> bool:
        """Scheduled, and its agenda not yet published."""
        return self.status == self.Status.SCHEDULED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def may_publish_agenda(self) -> bool:
        return MEETING_STATUS.allows(self.status, self.Status.AGENDA_PUBLISHED)

    @property
    def may_be_held(self) -> bool:
        return MEETING_STATUS.allows(self.status, self.Status.HELD)

    @property
    def may_publish_minutes(self) -> bool:
        return MEETING_STATUS.allows(self.status, self.Status.MINUTES_DRAFT)

    @property
    def may_confirm_minutes(self) -> bool:
        return MEETING_STATUS.allows(self.status, self.Status.MINUTES_CONFIRMED)

    @property
    def may_cancel(self) -> bool:
        return MEETING_STATUS.allows(self.status, self.Status.CANCELLED)

    # What may still change, by status (the services refuse the rest; the pages ask these).

    @property
    def details_editable(self) -> bool:
        """Date, time, venue and the rest change only until the meeting is held."""
        return self.status in BEFORE_HELD

    @property
    def agenda_editable(self) -> bool:
        return self.status in BEFORE_HELD

    @property
    def record_open(self) -> bool:
        """Attendance, declarations and questions: until cancelled or the minutes confirmed."""
        return self.status not in RECORD_CLOSED

    @property
    def minutes_writable(self) -> bool:
        return self.status in MINUTES_WRITABLE

    @property
    def may_confirm_earlier_minutes(self) -> bool:
        """Minutes are confirmed at a meeting that is under way or has been held."""
        return self.status in CONFIRMING


# The only status changes a meeting may make; services move it with core.lifecycle.transition.
MEETING_STATUS = Lifecycle(
    "meetings.Meeting",
    "status",
    {
        Meeting.Status.SCHEDULED: {Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.CANCELLED},
        Meeting.Status.AGENDA_PUBLISHED: {Meeting.Status.HELD, Meeting.Status.CANCELLED},
        Meeting.Status.HELD: {Meeting.Status.MINUTES_DRAFT},
        Meeting.Status.MINUTES_DRAFT: {Meeting.Status.MINUTES_CONFIRMED},
        Meeting.Status.MINUTES_CONFIRMED: set(),
        Meeting.Status.CANCELLED: set(),
    },
    noun="A meeting",
)
BEFORE_HELD = frozenset({Meeting.Status.SCHEDULED, Meeting.Status.AGENDA_PUBLISHED})
RECORD_CLOSED = frozenset({Meeting.Status.CANCELLED, Meeting.Status.MINUTES_CONFIRMED})
MINUTES_WRITABLE = frozenset({Meeting.Status.HELD, Meeting.Status.MINUTES_DRAFT})
CONFIRMING = frozenset(
    {
        Meeting.Status.AGENDA_PUBLISHED,
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_DRAFT,
        Meeting.Status.MINUTES_CONFIRMED,
    }
)
