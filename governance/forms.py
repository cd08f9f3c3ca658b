"""Forms for the board's pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from core.idempotency import SubmissionTokenForm
from governance import selectors
from meetings.models import AgendaItem, Attendance, Meeting, Person
from scrutiny.forms import date_field
from scrutiny.models import TrackedItem


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
            (Attendance.Capacity.OPCC, "Office of the Police and Crime Commissioner"),
            (Attendance.Capacity.CHIEF_CONSTABLE, "Office of the Chief Constable"),
        ],
        widget=forms.RadioSelect,
        label="Attended for",
    )
    role_text = forms.CharField(max_length=255, required=False, label="Role, as printed")


class CgbItemForm(SubmissionTokenForm):
    number = forms.CharField(max_length=10, label="Number", help_text="As in the report: 4, 4a…")
    title = forms.CharField(max_length=500)
    parent = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        required=False,
        label="Part of item",
        empty_label="None (a main item)",
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

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = meeting.agenda_items.filter(parent__isnull=True)  # type: ignore[attr-defined] # a ModelChoiceField


class CgbRequestForm(SubmissionTokenForm):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What the PCC asked for",
        error_messages={"required": "Write the request."},
    )
    addressee = forms.ChoiceField(
        choices=[
            (TrackedItem.Addressee.FORCE, "Chief Constable / Force"),
            (TrackedItem.Addressee.OFFICER, "A named officer"),
            (TrackedItem.Addressee.OPCC, "Office of the PCC"),
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.panel_requests_answerable()  # type: ignore[attr-defined] # a ModelChoiceField


class CgbOutcomeForm(SubmissionTokenForm):
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Reported at the meeting of"
    )
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

    def __init__(self, *args: Any, item: TrackedItem, **kwargs: Any) -> None:
        """The board's meetings since the request was made, the one it is due at first."""
        kwargs.setdefault("initial", {"meeting": item.due_meeting_id})
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.board_meetings().filter(  # type: ignore[attr-defined] # a ModelChoiceField
            date__gte=item.raised_on
        )


class CgbAttachForm(SubmissionTokenForm):
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        label="Panel agenda item",
        error_messages={"required": "Choose the panel agenda item."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.queryset = selectors.panel_agenda_items_open()  # type: ignore[attr-defined] # a ModelChoiceField
        field.label_from_instance = lambda item: (  # type: ignore[attr-defined] # a ModelChoiceField
            f"{item.meeting.date:%d %b %Y}, item {item.number}: {item.title}"
        )
