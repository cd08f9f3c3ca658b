"""Forms for the tracker. They parse input; services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from core.forms import form_field
from core.idempotency import SubmissionTokenForm
from meetings.forms import DATE_FORMATS, DATE_INVALID
from meetings.models import Body, Person
from scrutiny.models import Response, Review, TrackedItem


def date_field(label: str, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": f"Enter the {label.lower()}."},
    )


MANUAL_SOURCES = [
    (value, label)
    for value, label in TrackedItem.Source.choices
    if value not in ("resolution", "minute_point", "cgb_request")
]
# What an OPCC officer may raise by hand: grant items (the panel's own items are democratic
# services' to raise).
GRANT_SOURCES = [(value, label) for value, label in MANUAL_SOURCES if value == "grant_question"]


# "Recurs: no / at each meeting / each quarter / each year", in the form's words.
RECURS_CHOICES = [
    (TrackedItem.Recurrence.NONE, "No"),
    (TrackedItem.Recurrence.EACH_MEETING, "At each meeting"),
    (TrackedItem.Recurrence.QUARTERLY, "Each quarter"),
    (TrackedItem.Recurrence.ANNUALLY, "Each year"),
]


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
    recurrence = forms.ChoiceField(
        choices=RECURS_CHOICES,
        widget=forms.RadioSelect,
        initial=TrackedItem.Recurrence.NONE,
        required=False,
        # A standing request: each occurrence is tracked, answered and reviewed on its own, and
        # the next is raised when one is accepted or falls due (`scrutiny.services.series`).
        label="Recurs",
    )

    def __init__(
        self, *args: Any, sources: list[tuple[str, str]] = MANUAL_SOURCES, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if sources is not MANUAL_SOURCES:
            source = form_field(self, "source", forms.ChoiceField)
            source.choices = sources
            source.initial = sources[0][0]

    def clean_recurrence(self) -> str:
        # Not sent (a form without the question): the item does not recur.
        return self.cleaned_data["recurrence"] or TrackedItem.Recurrence.NONE


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
