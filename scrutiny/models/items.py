"""Tracked items: every recommendation, request or action, followed through to its response.

A `TrackedItem` has two separate statuses: the response status (has the addressee answered, and
did the panel accept the answer?) and the implementation status (has it been done?). Whether it
is overdue is derived from its due date and response status, never stored.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned

DUE_BEFORE_RAISED = "The due date cannot be before the date the item was raised."
PROGRESS_RANGE = "Progress is a percentage from 0 to 100."
SERIES_SHAPE = (
    "The first item of a series is occurrence 1; a later occurrence names its series and recurs."
)
SERIES_NEEDS_SCHEDULE = "A recurring item keeps the due date its recurrence counts from."
SERIES_STOP_REASON = "Give the reason the series was stopped."


# Open: neither closed (the panel accepted the response) nor withdrawn.
OPEN_ITEM = Q(closed_at__isnull=True, withdrawn_at__isnull=True)


def overdue_q(today: datetime.date | None = None) -> Q:
    """Overdue is derived: open, still awaiting a response, and past its due date."""
    today = today or timezone.localdate()
    return OPEN_ITEM & Q(response_status=TrackedItem.ResponseStatus.AWAITING, due_date__lt=today)


class TrackedItem(PanelOwned, BaseModel):
    class Source(models.TextChoices):
        RESOLUTION = "resolution", "Panel resolution"
        MINUTE_POINT = "minute_point", "Minute point"
        CGB_REQUEST = "cgb_request", "Corporate Governance Board request"
        TASK_GROUP = "task_group", "Task-group recommendation"
        ADVISORY_PANEL = "advisory_panel", "Advisory-panel recommendation"
        REPORT_COMMITMENT = "report_commitment", "Commitment in a report"
        GRANT_QUESTION = "grant_question", "Question about a grant"
        MANUAL = "manual", "Entered by hand"

    class Addressee(models.TextChoices):
        PCC = "pcc", "Police and Crime Commissioner"
        OPCC = "opcc", "Office of the PCC"
        FORCE = "force", "Chief Constable / Force"
        OFFICER = "officer", "A named officer"
        OTHER_BODY = "other_body", "Another body"
        PANEL = "panel", "The panel or its secretariat"

    class RequestedBy(models.TextChoices):
        PANEL = "panel", "The panel"
        CHAIRMAN = "chairman", "The chairman"
        MEMBER = "member", "A member"
        PCC_AT_CGB = "pcc_at_cgb", "The PCC at the Corporate Governance Board"

    class ResponseWanted(models.TextChoices):
        WRITTEN_RESPONSE = "written_response", "Written response to the panel"
        WRITTEN_CONFIRMATION = "written_confirmation", "Written confirmation to the chairman"
        REPORT = "report", "Report to a future meeting"
        INFORMATION = "information", "Information to members"
        COMMENTS_PASSED_ON = "comments_passed_on", "Comments passed on"
        OUTCOME = "outcome", "Outcome at a later meeting"

    class DueKind(models.TextChoices):
        DATE = "date", "By a date"
        NEXT_MEETING = "next_meeting", "By the next meeting"
        STATUTORY = "statutory", "Within a period set under s29(3) PRSRA 2011"

    class Recurrence(models.TextChoices):
        """A standing request: the panel asks for it again at each meeting or each period."""

        NONE = "none", "Does not recur"
        EACH_MEETING = "each_meeting", "At each meeting"
        QUARTERLY = "quarterly", "Each quarter"
        ANNUALLY = "annually", "Each year"

    class SeriesStatus(models.TextChoices):
        """Read on a series' first item: whether the series still raises occurrences."""

        RUNNING = "running", "Running"
        STOPPED = "stopped", "Stopped"

    class ResponseStatus(models.TextChoices):
        AWAITING = "awaiting", "Awaiting response"
        RECEIVED = "received", "Response received"
        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        ACCEPTED_IN_PRINCIPLE = "accepted_in_principle", "Accepted in principle"

    class Implementation(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        IMPLEMENTED = "implemented", "Implemented"
        NOT_IMPLEMENTED = "not_implemented", "Not implemented"
        SUPERSEDED = "superseded", "Superseded"

    reference = models.CharField(max_length=80, help_text="e.g. PCP/2024-10-28/29(c)")
    source = models.CharField(max_length=20, choices=Source.choices)
    resolution = models.ForeignKey(
        "meetings.Resolution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items",
    )
    minute_point = models.ForeignKey(
        "meetings.MinutePoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items",
    )
    # A CGB request: the CGB agenda item it arose from.
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items",
    )
    source_document = models.CharField(
        max_length=500, blank=True, help_text="For items entered by hand: the paper it comes from."
    )
    # Denormalised from the source so that the dashboard filters without joins through minutes.
    body = models.ForeignKey(
        "meetings.Body", on_delete=models.PROTECT, related_name="tracked_items"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items",
    )
    title = models.CharField(max_length=255, help_text="A short summary for lists.")
    text = models.TextField(help_text="The request as worded in the source, verbatim.")
    addressee = models.CharField(max_length=20, choices=Addressee.choices)
    addressee_person = models.ForeignKey(
        "meetings.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items_owed",
    )
    addressee_body = models.ForeignKey(
        "meetings.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tracked_items_owed",
    )
    requested_by = models.CharField(
        max_length=20, choices=RequestedBy.choices, default=RequestedBy.PANEL
    )
    response_wanted = models.CharField(
        max_length=30, choices=ResponseWanted.choices, default=ResponseWanted.WRITTEN_RESPONSE
    )
    raised_on = models.DateField()
    due_kind = models.CharField(max_length=20, choices=DueKind.choices, default=DueKind.DATE)
    due_date = models.DateField(help_text="Resolved from the due kind: always a date.")
    due_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items_due",
    )
    statutory_days = models.PositiveIntegerField(null=True, blank=True)
    # A recurring item is one occurrence of a series: the first item is the series (occurrence 1,
    # no `series`); each later occurrence is an item of its own, with its own due date, response,
    # review and history, pointing to the first.
    recurrence = models.CharField(
        max_length=20, choices=Recurrence.choices, default=Recurrence.NONE
    )
    series = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="occurrences"
    )
    occurrence = models.PositiveIntegerField(default=1)
    # The due date the recurrence gave this occurrence: a challenge moves `due_date`, not this,
    # so the next occurrences keep their dates.
    scheduled_due_date = models.DateField(null=True, blank=True)
    series_status = models.CharField(
        max_length=20, choices=SeriesStatus.choices, default=SeriesStatus.RUNNING
    )
    series_stopped_reason = models.TextField(blank=True)
    response_status = models.CharField(
        max_length=30, choices=ResponseStatus.choices, default=ResponseStatus.AWAITING
    )
    implementation_status = models.CharField(
        max_length=20, choices=Implementation.choices, default=Implementation.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    last_chased_at = models.DateTimeField(null=True, blank=True)
    # The accountability chain: a panel recommendation to the PCC → the PCC's request to the Force.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    # For a CGB request: the outcome recorded at a later CGB.
    outcome = models.TextField(blank=True)
    outcome_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes_recorded",
    )
    # Items from published minutes are public; their submitted responses are published too.
    is_public = models.BooleanField(default=False)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_items"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["followers"])

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "reference"], name="trackeditem_reference_per_panel"
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("raised_on")),
                name="item_due_after_raised",
                violation_error_message=DUE_BEFORE_RAISED,
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="item_progress_percentage",
                violation_error_message=PROGRESS_RANGE,
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="item_withdrawn_has_reason",
                violation_error_message="Give the reason the item was withdrawn.",
            ),
            models.UniqueConstraint(
                fields=["series", "occurrence"],
                name="item_one_occurrence_per_series",
                violation_error_message="This occurrence of the series has already been raised.",
            ),
            models.CheckConstraint(
                condition=Q(series__isnull=True, occurrence=1)
                | (Q(series__isnull=False, occurrence__gte=2) & ~Q(recurrence="none")),
                name="item_series_shape",
                violation_error_message=SERIES_SHAPE,
            ),
            models.CheckConstraint(
                condition=Q(recurrence="none") | Q(scheduled_due_date__isnull=False),
                name="item_recurring_has_schedule",
                violation_error_message=SERIES_NEEDS_SCHEDULE,
            ),
            models.CheckConstraint(
                # Only a series (its first item) is stopped, and always with its reason.
                condition=Q(series_status="running")
                | (~Q(recurrence="none") & Q(series__isnull=True) & ~Q(series_stopped_reason="")),
                name="item_series_stopped_has_reason",
                violation_error_message=SERIES_STOP_REASON,
            ),
        ]
        indexes = [
            # The dashboard reads open items soonest-due first, for everyone or one addressee or
            # body; partial indexes hold only the open rows, already in that order.
            models.Index(
                fields=["panel", "due_date", "id"], condition=OPEN_ITEM, name="item_open_due_idx"
            ),
            models.Index(
                fields=["panel", "addressee", "due_date", "id"],
                condition=OPEN_ITEM,
                name="item_open_addressee_idx",
            ),
            models.Index(
                fields=["panel", "body", "due_date", "id"],
                condition=OPEN_ITEM,
                name="item_open_body_idx",
            ),
            models.Index(fields=["panel", "due_date", "id"], name="item_due_idx"),
            models.Index(
                fields=["panel", "response_status", "due_date"], name="item_response_status_idx"
            ),
            # The dashboard's overdue count depends on today, so is not in ItemCount: it is one
            # range of this index, read without the table (for the panel, or one addressee or
            # body).
            models.Index(
                fields=["panel", "due_date", "addressee", "body"],
                condition=OPEN_ITEM & Q(response_status="awaiting"),
                name="item_awaiting_due_idx",
            ),
            # The daily job reads the recurring items still in play, whatever the number of
            # one-off items.
            models.Index(
                fields=["panel", "scheduled_due_date", "id"],
                condition=~Q(recurrence="none") & Q(withdrawn_at__isnull=True),
                name="item_recurring_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("scrutiny:item-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.withdrawn_at is None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.is_open
            and self.response_status == self.ResponseStatus.AWAITING
            and self.due_date < today
        )

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != self.Recurrence.NONE

    @property
    def series_root_id(self) -> int | None:
        """The id of the series' first item (this item's own, for the first)."""
        return self.series_id or self.pk

    @property
    def state_tag_class(self) -> str:
        return STATE_TAG_CLASSES[self.state_label]

    @property
    def state_label(self) -> str:
        if self.withdrawn_at:
            return "Withdrawn"
        if self.closed_at:
            return "Closed"
        if self.is_overdue():
            return "Overdue"
        return "Open"


STATE_TAG_CLASSES = {
    "Open": "govuk-tag--blue",
    "Overdue": "govuk-tag--red",
    "Closed": "govuk-tag--green",
    "Withdrawn": "govuk-tag--grey",
}
