"""Forms for the tracker. They parse input; services decide what is allowed."""

from __future__ import annotations

from django import forms

from core.idempotency import SubmissionTokenForm
from meetings.forms import DATE_FORMATS, DATE_INVALID
from meetings.models import Body, Person
from scrutiny.models import Response, Review, TrackedItem


def date_field(label: str, required: bool = False, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": f"Enter the {label.lower()}."},
        **kwargs,
    )


MANUAL_SOURCES = [
    (value, label)
    for value, label in TrackedItem.Source.choices
    if value not in ("resolution", "minute_point", "cgb_request")
]
# What an OPCC officer may raise by hand: grant items (the panel's own items are democratic
# services' to raise).
GRANT_SOURCES = [(value, label) for value, label in MANUAL_SOURCES if value == "grant_question"]


class ItemCreateForm(SubmissionTokenForm):
    title = forms.CharField(
        max_length=255, required=False, help_text="A short summary for lists (optional)."
    )
    text = forms.CharField(
        label="What was asked", widget=forms.Textarea(attrs={"rows": 5}), help_text="Verbatim."
    )
    source = forms.ChoiceField(choices=MANUAL_SOURCES, initial="manual", required=False)
    source_document = forms.CharField(
        max_length=500, required=False, label="Source paper or meeting"
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"), required=False, label="Body that asked"
    )
    addressee = forms.ChoiceField(choices=TrackedItem.Addressee.choices, label="Addressed to")
    addressee_person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("family_name", "given_name"),
        required=False,
        label="Named officer",
    )
    requested_by = forms.ChoiceField(
        choices=TrackedItem.RequestedBy.choices, label="Who asked", initial="panel"
    )
    response_wanted = forms.ChoiceField(
        choices=TrackedItem.ResponseWanted.choices, label="Response wanted"
    )
    due_kind = forms.ChoiceField(
        choices=TrackedItem.DueKind.choices,
        widget=forms.RadioSelect,
        initial=TrackedItem.DueKind.DATE,
        label="When is it due?",
    )
    due_date = date_field("Due date")
    statutory_days = forms.IntegerField(
        min_value=1, max_value=365, required=False, label="Days set by the panel"
    )

    def __init__(self, *args, sources=MANUAL_SOURCES, **kwargs):
        super().__init__(*args, **kwargs)
        if sources is not MANUAL_SOURCES:
            self.fields["source"].choices = sources
            self.fields["source"].initial = sources[0][0]


class ResponseForm(SubmissionTokenForm):
    body = forms.CharField(
        label="Response",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown is allowed: blank lines between paragraphs, '-' for lists.",
        error_messages={"required": "Write the response."},
    )
    position = forms.ChoiceField(
        choices=Response.Position.choices, label="The answer to the request"
    )
    plan = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Plan (for 'accepted in principle')",
    )
    plan_date = date_field("Plan date")
    attachment = forms.FileField(
        required=False, label="Attach a paper (PDF, Word or HTML)", allow_empty_file=True
    )
    # The draft version the form was rendered with; 0 when there was no draft yet.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean_version(self) -> int:
        # A save that names no version is taken as based on no draft: it may start the draft
        # but never replace one.
        return self.cleaned_data["version"] or 0


class ReviewForm(SubmissionTokenForm):
    outcome = forms.ChoiceField(
        choices=[
            (Review.Outcome.ACCEPTED, "Accept the response (closes the item)"),
            (Review.Outcome.CHALLENGED, "Challenge it (reopens the item)"),
        ],
        widget=forms.RadioSelect,
        label="The panel's view of the response",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason for challenging",
    )
    new_due_date = date_field("New due date")


class ActionLogAttachForm(SubmissionTokenForm):
    """The "Attach to the agenda" button, with the token that makes it attach once."""


class ImplementationForm(forms.Form):
    status = forms.ChoiceField(
        choices=TrackedItem.Implementation.choices, label="Implementation status"
    )
    progress = forms.IntegerField(
        min_value=0,
        max_value=100,
        required=False,
        label="Progress (%)",
        error_messages={
            "min_value": "Progress is a percentage from 0 to 100.",
            "max_value": "Progress is a percentage from 0 to 100.",
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason",
        error_messages={"required": "Give the reason."},
    )


class GrantQuestionForm(SubmissionTokenForm):
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your question about this grant",
        error_messages={"required": "Write your question."},
    )
    due_date = date_field("Answer wanted by", required=True)


# --- Corporate Governance Board -------------------------------------------------------------


class CgbMeetingForm(SubmissionTokenForm):
    date = date_field("Date", required=True)
    start_time = forms.TimeField(
        required=False, label="Start time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    venue = forms.CharField(max_length=255, required=False)


class CgbAttendanceForm(SubmissionTokenForm):
    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("family_name", "given_name"),
        error_messages={"required": "Choose who attended."},
    )
    office = forms.ChoiceField(
        choices=[
            ("opcc", "Office of the Police and Crime Commissioner"),
            ("chief_constable", "Office of the Chief Constable"),
        ],
        widget=forms.RadioSelect,
        label="Attended for",
    )
    role_text = forms.CharField(max_length=255, required=False, label="Role, as printed")


class CgbItemForm(SubmissionTokenForm):
    number = forms.CharField(max_length=10, label="Number", help_text="As in the report: 4, 4a…")
    title = forms.CharField(max_length=500)
    parent = forms.ModelChoiceField(
        queryset=None, required=False, label="Part of item", empty_label="None (a main item)"
    )
    overview = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    force_update = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Force update"
    )
    pcc_response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="PCC response"
    )
    redacted = forms.BooleanField(
        required=False, label="Redact from the public report (its title and reason stay)"
    )
    redaction_reason = forms.CharField(max_length=255, required=False, label="Reason for redaction")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = meeting.agenda_items.filter(parent__isnull=True)


class CgbRequestForm(SubmissionTokenForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the PCC asked for",
        error_messages={"required": "Write the request."},
    )
    addressee = forms.ChoiceField(
        choices=[
            ("force", "Chief Constable / Force"),
            ("officer", "A named officer"),
            ("opcc", "Office of the PCC"),
        ],
        label="Asked of",
    )
    addressee_person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("family_name", "given_name"),
        required=False,
        label="Named officer",
    )
    due_date = date_field("Due by", help_text="Leave empty for the next meeting of the board.")
    parent = forms.ModelChoiceField(
        queryset=TrackedItem.objects.none(),
        required=False,
        label="Answers the panel's request",
        empty_label="None",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = (
            TrackedItem.objects.filter(
                closed_at__isnull=True,
                withdrawn_at__isnull=True,
                addressee__in=["pcc", "opcc"],
            )
            .exclude(body__slug="cgb")
            .order_by("-raised_on")
        )


class CgbOutcomeForm(SubmissionTokenForm):
    meeting = forms.ModelChoiceField(queryset=None, label="Reported at the meeting of")
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the Force reported",
        error_messages={"required": "Record what the Force reported."},
    )
    accepted = forms.TypedChoiceField(
        choices=[
            ("yes", "The PCC accepted it (closes the request)"),
            ("no", "Not accepted: it returns to the next meeting"),
        ],  # fmt: skip
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="The PCC's view",
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class CgbAttachForm(SubmissionTokenForm):
    agenda_item = forms.ModelChoiceField(
        queryset=None,
        label="Panel agenda item",
        error_messages={"required": "Choose the panel agenda item."},
    )

    def __init__(self, *args, **kwargs):
        from meetings.models import AgendaItem

        super().__init__(*args, **kwargs)
        # Agendas still being prepared or published: not those of finished meetings.
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__body__kind="panel", withdrawn_at__isnull=True)
            .exclude(meeting__status__in=["cancelled", "minutes_confirmed"])
            .select_related("meeting")
            .order_by("-meeting__date", "position")
        )
        self.fields["agenda_item"].label_from_instance = lambda item: (
            f"{item.meeting.date:%d %b %Y}, item {item.number}: {item.title}"
        )
