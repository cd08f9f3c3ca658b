"""Bodies, people and their time-bounded roles; meetings, agendas, minutes and resolutions.

A CGB meeting is a `Meeting` of the CGB `Body`; its items are `AgendaItem`s that use the three CGB
sections (overview, Force update, PCC response) and may be redacted.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import BaseModel

# Minute numbers run on across a body's meetings and start again each municipal year, which
# begins with the annual meetings in May.
MUNICIPAL_YEAR_START_MONTH = 5

MEETING_END_BEFORE_START = "The meeting cannot end before it starts."
MEETING_CANCELLED_NEEDS_REASON = "Give the reason the meeting was cancelled."
AGENDA_ITEM_WITHDRAWN_NEEDS_REASON = "Give the reason the item was withdrawn."
MINUTE_NUMBER_TAKEN_IN_YEAR = (
    "Another minute of this body already has that number in this municipal year."
)


def municipal_year_of(day: datetime.date) -> int:
    """The year the municipal year containing `day` began: 2024 for 2024/25."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


class Organisation(BaseModel):
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
    slug = models.SlugField(max_length=255, unique=True)
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
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organisation_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} (t/a {self.trading_as})" if self.trading_as else self.name


class Person(BaseModel):
    display_name = models.CharField(
        max_length=200, help_text="As printed, e.g. 'Mrs D. Taylor CC'."
    )
    slug = models.SlugField(max_length=200, unique=True)
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
        ordering = ["family_name", "given_name", "display_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name


class Body(BaseModel):
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

    name = models.CharField(max_length=255, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="e.g. PCP, CGB, JARAP.")
    slug = models.SlugField(max_length=100, unique=True)
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
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A person's role on a body between two dates, so each meeting shows who held what then."""

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

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Meeting(BaseModel):
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
            models.Index(fields=["date"], name="meeting_date_idx"),
            models.Index(fields=["status", "date"], name="meeting_status_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.body.short_name or self.body.name}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])

    def clean(self) -> None:
        # The same rule as the check constraint, reported next to the field it concerns.
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": MEETING_END_BEFORE_START})

    def can_move_to(self, status: str) -> bool:
        return status in MEETING_TRANSITIONS.get(self.status, frozenset())

    @property
    def is_public(self) -> bool:
        """Published to the public: a public session whose agenda or minutes have been published
        (imported historical minutes are published without an agenda)."""
        return self.session == self.Session.PUBLIC and (
            self.agenda_published_at is not None or self.minutes_published_at is not None
        )


# The only status changes a meeting may make; services refuse every other move.
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    Meeting.Status.SCHEDULED: frozenset(
        {Meeting.Status.AGENDA_PUBLISHED, Meeting.Status.CANCELLED}
    ),
    Meeting.Status.AGENDA_PUBLISHED: frozenset({Meeting.Status.HELD, Meeting.Status.CANCELLED}),
    Meeting.Status.HELD: frozenset({Meeting.Status.MINUTES_DRAFT}),
    Meeting.Status.MINUTES_DRAFT: frozenset({Meeting.Status.MINUTES_CONFIRMED}),
    Meeting.Status.MINUTES_CONFIRMED: frozenset(),
    Meeting.Status.CANCELLED: frozenset(),
}


class AgendaItem(BaseModel):
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
    # The three sections of a CGB item; `redacted` hides all three from the public.
    overview = models.TextField(blank=True)
    force_update = models.TextField(blank=True)
    pcc_response = models.TextField(blank=True)
    redacted = models.BooleanField(default=False)
    redaction_reason = models.CharField(max_length=255, blank=True)
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
    history = HistoricalRecords()

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
    def page_range(self) -> str:
        if self.page_start and self.page_end and self.page_end != self.page_start:
            return f"Pages {self.page_start} - {self.page_end}"
        if self.page_start:
            return f"Page {self.page_start}"
        return ""


class Minute(BaseModel):
    """One numbered minute item; numbering continues across a body's meetings."""

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
    history = HistoricalRecords()

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

    def full_clean(self, *args: object, **kwargs: object) -> None:
        if self.meeting_id:
            self.set_numbering_scope()
        super().full_clean(*args, **kwargs)

    def save(self, *args: object, **kwargs: object) -> None:
        self.set_numbering_scope()
        super().save(*args, **kwargs)


class MinutePoint(BaseModel):
    """A point noted in discussion: "(iii) … The Chairman requested that figures be included…"."""

    minute = models.ForeignKey(Minute, on_delete=models.PROTECT, related_name="points")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=10, blank=True, help_text="As printed: '(iii)'.")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minute", "position"], name="minute_point_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minute.number}{self.label}"


class Resolution(BaseModel):
    """A RESOLVED clause. Tracked items point here (scrutiny depends on meetings, not back)."""

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minute", "position"], name="resolution_position_unique"
            )
        ]
        indexes = [models.Index(fields=["kind"], name="resolution_kind_idx")]

    def __str__(self) -> str:
        return f"{self.minute.number}{self.label}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:decision-detail", args=[self.pk])


class Document(BaseModel):
    """A paper attached to an agenda item: report, appendix, generated pack, minutes, CGB report."""

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "agenda_item", "created_at"]
        indexes = [models.Index(fields=["meeting", "kind"], name="document_meeting_kind_idx")]

    def __str__(self) -> str:
        return self.title


class AgendaVersion(BaseModel):
    """Each publication of an agenda: version 1 is the agenda, later ones are supplements."""

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


class Attendance(BaseModel):
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


class Declaration(BaseModel):
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


class PublicQuestion(BaseModel):
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


class ImportJob(BaseModel):
    """An uploaded file of minutes on its way to becoming a draft meeting.

    queued → parsing → parsed → committed, or failed (unreadable, no minutes) or rejected (the
    officer threw it away). The transitions live in meetings.importer.jobs; the parser's output,
    with the source lines and the officer's review choices, is kept in `result`.
    """

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
    # The parser output can be large; the domain events say what was imported, so the history
    # keeps the status and progress only.
    history = HistoricalRecords(excluded_fields=["result"])

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="import_job_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="import_job_progress_max"),
            models.CheckConstraint(
                condition=~Q(status="committed") | Q(meeting__isnull=False),
                name="import_job_committed_has_meeting",
            ),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=Q(status="committed"),
                name="import_job_committed_once",
                violation_error_message="This file has already been imported.",
            ),
        ]

    def __str__(self) -> str:
        return f"Import of {self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:manage-import-job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.PARSING)

    @property
    def progress_label(self) -> str:
        """What the task is doing, by the progress it has reported (meetings.importer.jobs)."""
        if self.status == self.Status.QUEUED:
            return "Waiting to start"
        if self.status != self.Status.PARSING:
            return self.get_status_display()
        if self.progress < 40:
            return "Reading the file"
        if self.progress < 80:
            return "Finding the minutes, points and resolutions"
        return "Preparing the review"
