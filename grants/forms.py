"""Forms for the grants screens. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from core.idempotency import SubmissionTokenForm
from core.params import MAX_ID
from grants.models import Application, Award, Fund, GrantRound
from meetings import forms as meeting_forms
from meetings.models import Organisation

DATE_INVALID = "Enter a real date, for example 05/09/2024."
DATETIME_INVALID = "Enter a real date and time, for example 2024-08-08 09:00."
MONEY_INVALID = "Enter an amount in pounds and pence, for example 9137.99."
PERCENT_INVALID = "Enter a percentage, for example 71."
FILE_REQUIRED = "Choose a CSV file to import."
IMPORT_TOO_LARGE = "The file is larger than 2 MB."
IMPORT_NOT_UTF8 = "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."
MAX_IMPORT_BYTES = 2 * 1024 * 1024
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]


def _money(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=help_text,
        error_messages={"invalid": MONEY_INVALID},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )


def _datetime(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": DATETIME_INVALID},
    )


class RoundForm(SubmissionTokenForm):
    fund = forms.ModelChoiceField(queryset=Fund.objects.order_by("name"), label="Fund")
    name = forms.CharField(label="Name of the round", max_length=200)
    financial_year = forms.RegexField(
        label="Financial year",
        regex=r"^\d{4}/\d{2}$",
        required=False,
        help_text="For example 2024/25.",
        error_messages={"invalid": "Enter the financial year like 2024/25."},
    )
    opens_at = _datetime("Opens")
    closes_at = _datetime("Closes")
    budget = _money("Budget (£)")
    max_bid = _money("Maximum bid (£)", required=False)
    award_threshold = forms.DecimalField(
        label="Award threshold (%)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text="Applications scoring at least this are recommended.",
        error_messages={"invalid": PERCENT_INVALID},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )


class CriterionForm(SubmissionTokenForm):
    title = forms.CharField(label="Criterion", max_length=200)
    weight = forms.IntegerField(label="Weight", min_value=1, max_value=100, initial=1)
    max_score = forms.IntegerField(
        label="Highest score", min_value=1, max_value=100, initial=5, help_text="Scores run from 0."
    )


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=GrantRound.Status.choices)


class ApplicationForm(SubmissionTokenForm):
    organisation = forms.CharField(
        max_length=255,
        label="Organisation",
        help_text="As written on the application; matched to an organisation already on record.",
        error_messages={"required": "Enter the organisation's name."},
    )
    project_title = forms.CharField(
        max_length=255,
        label="Project",
        error_messages={"required": "Enter the project's title."},
    )
    amount_requested = _money("Amount requested (£)")
    area = forms.CharField(max_length=255, required=False, label="Area")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "Columns: organisation, project, amount_requested; optionally area, reference, "
            "amount_recommended."
        ),
        error_messages={"required": FILE_REQUIRED},
    )

    def clean_file(self) -> UploadedFile:
        """The file, no larger than 2 MB and UTF-8 text; its text goes in `cleaned_data["text"]`."""
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_IMPORT_BYTES:
            raise forms.ValidationError(IMPORT_TOO_LARGE)
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(IMPORT_NOT_UTF8) from exc
        return upload

    @property
    def dry_run(self) -> bool:
        """Only the "Import" button saves; any other way of sending the form checks the file."""
        return self.data.get("action") != "import"


class ScoreForm(forms.Form):
    """One cell of the scoring grid: which application, which criterion, and the score."""

    application = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    criterion = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    value = forms.IntegerField(label="Score", min_value=0)


class ConflictForm(forms.Form):
    details = forms.CharField(label="Your interest", widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawal", widget=forms.Textarea(attrs={"rows": 3})
    )


class ModerateForm(forms.Form):
    percent = forms.DecimalField(
        label="Moderated score (%)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={"invalid": PERCENT_INVALID},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))


class RecommendForm(forms.Form):
    recommended = forms.BooleanField(label="Recommend for funding", required=False)
    amount_recommended = _money(
        "Recommended amount (£)", required=False, help_text="Leave blank for the amount requested."
    )

    @classmethod
    def for_application(cls, application: Application, data: Any = None) -> RecommendForm:
        """The form, bound to `data` when posted, else showing the application's recommendation."""
        initial = {
            "recommended": application.recommended,
            "amount_recommended": application.amount_recommended,
        }
        return cls(data, initial=initial)


class DecisionForm(SubmissionTokenForm):
    public_reference = forms.CharField(label="Decision reference", max_length=100)
    decided_on = _date("Date of decision")
    url = forms.URLField(
        label="Link to the published decision", required=False, assume_scheme="https"
    )
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    conditions = forms.CharField(
        label="Conditions of every award", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaymentForm(SubmissionTokenForm):
    due_on = _date("Due")
    amount = _money("Amount (£)")
    reference = forms.CharField(label="Reference", required=False, max_length=100)


class PaidForm(forms.Form):
    paid_on = _date("Paid on")


class ScheduleForm(forms.Form):
    start = _date("First period starts")
    end = _date("Last period ends")
    frequency = forms.ChoiceField(
        label="Returns", choices=Award.Frequency.choices, widget=forms.RadioSelect
    )


class ReturnReceiveForm(forms.Form):
    received_on = _date("Received on")
    expenditure_total = _money("Expenditure in the period (£)", required=False)
    engagement = forms.CharField(
        label="Engagement", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    achievements = forms.CharField(
        label="Achievements", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    challenges = forms.CharField(
        label="Challenges", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    reviewed_on = _date("Reviewed on")


class VisitForm(SubmissionTokenForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), label="Organisation"
    )
    project = forms.CharField(label="Project", required=False, max_length=255)
    visited_on = _date("Date of visit")
    area_and_work = forms.CharField(label="Area and work", required=False, max_length=255)
    funding_amount = _money("Funding (£)", required=False)
    output = forms.CharField(
        label="Output seen", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(SubmissionTokenForm):
    """A question about a grant award, for the tracker."""

    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your question about this grant",
        error_messages={"required": "Write your question."},
    )
    # Read as the tracker reads its dates (meetings.forms), so it says the same about a bad one.
    due_date = forms.DateField(
        label="Answer wanted by",
        input_formats=meeting_forms.DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": meeting_forms.DATE_INVALID,
            "required": "Enter the answer wanted by.",
        },
    )
