"""The tracker: every recommendation, request or action, followed through to its response.

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

from core.lifecycle import Lifecycle
from core.models import BaseModel
from core.tenancy import PanelOwned

DUE_BEFORE_RAISED = "The due date cannot be before the date the item was raised."
PROGRESS_RANGE = "Progress is a percentage from 0 to 100."
IN_PRINCIPLE_NEEDS_PLAN = "An answer 'accepted in principle' needs a plan and a date for it."


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


class ItemCount(PanelOwned):
    """How many of the panel's items share a body, an addressee, a response status and a state:
    the dashboard's counts, read from these few rows rather than counted over every item. The
    services that raise an item or move it between them keep them in the same transaction
    (`scrutiny.services.counts`); `item_counts_rebuild` recomputes them from the items."""

    body = models.ForeignKey("meetings.Body", on_delete=models.PROTECT, related_name="+")
    addressee = models.CharField(max_length=20)
    # The item's response status, as a dimension: no choices, it moves with its item.
    response_status = models.CharField(max_length=30)
    closed = models.BooleanField()
    withdrawn = models.BooleanField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "body", "addressee", "response_status", "closed", "withdrawn"],
                name="itemcount_one_row_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} items ({self.addressee}, {self.response_status})"


class Response(PanelOwned, BaseModel):
    """An answer to a tracked item, drafted by an officer and submitted to the panel."""

    panel_parent = "item"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted by the panel"
        CHALLENGED = "challenged", "Challenged by the panel"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Position(models.TextChoices):
        """What the addressee says to the request (s29 PRSRA 2011: accept it or not)."""

        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"
        ACCEPTED_IN_PRINCIPLE = "accepted_in_principle", "Accepted in principle"
        ANSWERED = "answered", "Answered (information given)"

    item = models.ForeignKey(TrackedItem, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    position = models.CharField(max_length=30, choices=Position.choices, default=Position.ANSWERED)
    body = models.TextField(help_text="Markdown; sanitised when shown.")
    plan = models.TextField(blank=True)
    plan_date = models.DateField(null=True, blank=True)
    # Optimistic locking: a save names the version it edited; a stale version is refused.
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses_written"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "created_at", "pk"]
        constraints = [
            # One answer in play at a time: a second draft or a double submission is refused.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["draft", "submitted"]),
                name="response_one_in_play",
                violation_error_message="This item already has a response being drafted or "
                "awaiting review.",
            ),
            models.CheckConstraint(
                # A draft may be incomplete; what is submitted may not.
                condition=Q(status__in=["draft", "withdrawn"])
                | ~Q(position="accepted_in_principle")
                | (~Q(plan="") & Q(plan_date__isnull=False)),
                name="response_in_principle_has_plan",
                violation_error_message=IN_PRINCIPLE_NEEDS_PLAN,
            ),
        ]
        indexes = [
            models.Index(fields=["panel", "status", "submitted_at"], name="response_status_idx")
        ]

    def __str__(self) -> str:
        return f"Response to {self.item.reference} ({self.get_status_display()})"

    @property
    def awaits_review(self) -> bool:
        """Submitted and not yet reviewed by the panel: its author may still withdraw it."""
        return self.status == self.Status.SUBMITTED


PUBLISHED_RESPONSE_STATUSES = (
    Response.Status.SUBMITTED,
    Response.Status.ACCEPTED,
    Response.Status.CHALLENGED,
)


class ResponseAttachment(PanelOwned, BaseModel):
    panel_parent = "response"
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="responses/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.original_filename


class Review(PanelOwned, BaseModel):
    """The panel's judgement of a submitted response: accept it, or challenge it."""

    panel_parent = "response"

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CHALLENGED = "challenged", "Challenged"

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="reviews")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    new_due_date = models.DateField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_made"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["response", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | (~Q(reason="") & Q(new_due_date__isnull=False)),
                name="review_challenge_has_reason_and_date",
                violation_error_message="A challenge needs a reason and a new due date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.response}"


# --- Lifecycles (core.lifecycle): the only moves the services make --------------------------------

_RS = TrackedItem.ResponseStatus
# What the panel may conclude when it closes an item: the position the accepted response took.
_CLOSING = {_RS.ACCEPTED, _RS.PARTIALLY_ACCEPTED, _RS.NOT_ACCEPTED, _RS.ACCEPTED_IN_PRINCIPLE}
# Awaiting → received when a response is submitted, and back when it is withdrawn or challenged
# (or a board outcome is not accepted); accepting closes the item, and nothing follows. A board
# request may be closed while awaiting: its outcome is recorded at the board, not as a response.
ITEM_RESPONSE_LIFECYCLE = Lifecycle(
    "scrutiny.TrackedItem",
    "response_status",
    {
        _RS.AWAITING: {_RS.RECEIVED, *_CLOSING},
        _RS.RECEIVED: {_RS.AWAITING, *_CLOSING},
        **{status: set() for status in _CLOSING},
    },
    noun="A tracked item",
)

_IMPL = TrackedItem.Implementation
# Officers report implementation as it stands, so any status may follow any other (work stalls
# and restarts, and a report may be corrected). What stops changes is the item: a withdrawn or
# superseded item's implementation is not updated (`item_implementation_update`).
ITEM_IMPLEMENTATION_LIFECYCLE = Lifecycle(
    "scrutiny.TrackedItem",
    "implementation_status",
    {status: {other for other in _IMPL if other != status} for status in _IMPL},
    noun="Implementation",
)

_R = Response.Status
RESPONSE_LIFECYCLE = Lifecycle(
    "scrutiny.Response",
    "status",
    {
        _R.DRAFT: {_R.SUBMITTED, _R.WITHDRAWN},
        _R.SUBMITTED: {_R.ACCEPTED, _R.CHALLENGED, _R.WITHDRAWN},
        _R.ACCEPTED: set(),
        _R.CHALLENGED: set(),
        _R.WITHDRAWN: set(),
    },
    noun="A response",
)
