"""Forms for the democratic services screens. They parse input; services decide what is valid,
and `core.forms.form_errors_from` puts a service's refusal next to the field it concerns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from core.dates import date_long
from core.forms import form_field
from core.idempotency import SubmissionTokenForm
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
    Minute,
    Person,
    Resolution,
)
from meetings.services import (
    AGENDA_CHANGE_NOTE_REQUIRED,
    AGENDA_ITEM_TITLE_REQUIRED,
    AGENDA_ITEM_WITHDRAW_REASON_REQUIRED,
    DECLARATION_TEXT_REQUIRED,
    DOCUMENT_TITLE_REQUIRED,
    MEETING_CANCEL_REASON_REQUIRED,
    MINUTE_TITLE_REQUIRED,
    POINT_TEXT_REQUIRED,
    QUESTION_ASKER_REQUIRED,
    QUESTION_TEXT_REQUIRED,
    RESOLUTION_TEXT_REQUIRED,
)

DATE_INVALID = "Enter a real date, for example 28/10/2024."
DATE_REQUIRED = "Enter the date of the meeting."
TIME_INVALID = "Enter a real time, for example 14:00."
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p"]
CHANGE_NOTE_HELP = (
    "The agenda is published, so this change will go out as a supplement. Say what changed."
)


def _date_field(*, label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": DATE_REQUIRED},
    )


def _time_field(*, label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_INVALID},
    )


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _change_note() -> forms.CharField:
    return forms.CharField(
        label="Change note",
        help_text=CHANGE_NOTE_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(AGENDA_CHANGE_NOTE_REQUIRED),
    )


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.order_by("name"), label="Body")
    title = forms.CharField(
        required=False, max_length=255, help_text="Leave blank to use the body and date."
    )
    date = _date_field(label="Date")
    start_time = _time_field(label="Start time")
    end_time = _time_field(label="End time")
    venue = forms.CharField(
        required=False,
        max_length=255,
        help_text="For example: Sparkenhoe Committee Room, County Hall, Glenfield.",
    )
    mode = forms.ChoiceField(choices=Meeting.Mode.choices, initial=Meeting.Mode.IN_PERSON)
    webcast_url = forms.URLField(required=False, label="Webcast link", assume_scheme="https")
    filming_notice = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: this meeting will be filmed for live or subsequent broadcast.",
    )
    session = forms.ChoiceField(
        choices=Meeting.Session.choices,
        initial=Meeting.Session.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["body"]

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict[str, object]:
        """The meeting's details, for editing (its body does not change)."""
        return {name: getattr(meeting, name) for name in cls.base_fields if name != "body"}


class MeetingCreateForm(SubmissionTokenForm, MeetingForm):
    """Scheduling a meeting: once per rendered form (core.idempotency)."""


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason for cancelling",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(MEETING_CANCEL_REASON_REQUIRED),
    )


class HeldForm(forms.Form):
    start_time = _time_field(label="Started at")
    end_time = _time_field(label="Ended at")


class MeetingByDateField(forms.ModelChoiceField[Meeting]):
    """A choice of meetings, each shown by its date."""

    def label_from_instance(self, obj: Meeting) -> str:
        return date_long(obj.date)


class ConfirmMinutesForm(forms.Form):
    at_meeting = MeetingByDateField(
        queryset=Meeting.objects.none(), label="Confirmed at the meeting of"
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "at_meeting", MeetingByDateField).queryset = meetings


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=500, error_messages=_required(AGENDA_ITEM_TITLE_REQUIRED))
    kind = forms.ChoiceField(choices=AgendaItem.Kind.choices, initial=AgendaItem.Kind.REPORT)
    report_by = forms.CharField(max_length=255, required=False, label="Report by")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    page_start = forms.IntegerField(min_value=1, required=False, label="First page")
    page_end = forms.IntegerField(min_value=1, required=False, label="Last page")
    paper_status = forms.ChoiceField(
        choices=AgendaItem.PaperStatus.choices,
        initial=AgendaItem.PaperStatus.NONE,
        label="Paper",
    )
    exempt = forms.BooleanField(required=False, label="Exempt: taken in private")
    exempt_reason = forms.CharField(max_length=255, required=False, label="Reason it is exempt")
    change_note = _change_note()

    def __init__(self, *args: Any, published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not published:
            del self.fields["change_note"]

    @classmethod
    def initial_for(cls, item: AgendaItem) -> dict[str, object]:
        return {name: getattr(item, name) for name in cls.base_fields if name != "change_note"}


class AgendaItemAddForm(SubmissionTokenForm, AgendaItemForm):
    """Adding an agenda item: once per rendered form (core.idempotency)."""


class AgendaMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])
    change_note = _change_note()

    def __init__(self, *args: Any, published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not published:
            del self.fields["change_note"]


class AgendaWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Reason for withdrawing the item",
        max_length=255,
        error_messages=_required(AGENDA_ITEM_WITHDRAW_REASON_REQUIRED),
        help_text="Shown on the agenda beside the item.",
    )


class DocumentForm(SubmissionTokenForm):
    title = forms.CharField(max_length=255, error_messages=_required(DOCUMENT_TITLE_REQUIRED))
    kind = forms.ChoiceField(choices=Document.Kind.choices, initial=Document.Kind.REPORT)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )
    file = forms.FileField(label="File", help_text="A PDF, Word document (.docx) or web page.")
    exempt = forms.BooleanField(required=False, label="Exempt: not for publication")

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "agenda_item", forms.ModelChoiceField
        ).queryset = meeting.agenda_items.filter(withdrawn_at__isnull=True).order_by("position")

    def attachment(self) -> dict[str, Any]:
        """The cleaned data as `document_attach` takes it: the upload read into its parts."""
        data, upload = self.cleaned_data, self.cleaned_data["file"]
        return {
            "agenda_item": data["agenda_item"],
            "title": data["title"],
            "kind": data["kind"],
            "filename": upload.name,
            "content": upload.read(),
            "content_type": upload.content_type or "",
            "exempt": data["exempt"],
        }


class AttendanceForm(forms.Form):
    """One row of the register: a person expected at the meeting."""

    status = forms.ChoiceField(choices=Attendance.Status.choices, label="Attendance")
    in_the_chair = forms.BooleanField(required=False, label="In the chair")
    left_at = _time_field(label="Left at")

    @staticmethod
    def row_prefix(person_id: int) -> str:
        return f"p{person_id}"

    @classmethod
    def for_row(cls, person_id: int, record: Attendance | None) -> AttendanceForm:
        """The row of `person_id`, showing what is recorded (present, until recorded)."""
        initial: dict[str, object] = {"status": Attendance.Status.PRESENT}
        if record is not None:
            initial = {
                "status": record.status,
                "in_the_chair": record.in_the_chair,
                "left_at": record.left_at,
            }
        return cls(prefix=cls.row_prefix(person_id), initial=initial)


class AttendeeForm(SubmissionTokenForm, AttendanceForm):
    """Someone not on the body's membership that day: officers, guests."""

    person = forms.ModelChoiceField(queryset=Person.objects.order_by("family_name"))
    capacity = forms.ChoiceField(
        choices=Attendance.Capacity.choices, initial=Attendance.Capacity.IN_ATTENDANCE
    )
    role_text = forms.CharField(
        max_length=255,
        required=False,
        label="Role as printed",
        help_text="For example: Chief Executive, Office of the Police and Crime Commissioner.",
    )
    field_order = ["person", "capacity", "role_text", "status", "in_the_chair", "left_at"]


class DeclarationForm(SubmissionTokenForm):
    person = forms.ModelChoiceField(queryset=Person.objects.order_by("family_name"))
    kind = forms.ChoiceField(choices=Declaration.Kind.choices, initial=Declaration.Kind.OTHER)
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )
    text = forms.CharField(
        label="Interest declared",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(DECLARATION_TEXT_REQUIRED),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "agenda_item", forms.ModelChoiceField
        ).queryset = meeting.agenda_items.order_by("position")


class PublicQuestionForm(SubmissionTokenForm):
    asker = forms.CharField(
        max_length=255, label="Asked by", error_messages=_required(QUESTION_ASKER_REQUIRED)
    )
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), error_messages=_required(QUESTION_TEXT_REQUIRED)
    )
    answer = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    answered_by = forms.ModelChoiceField(
        queryset=Person.objects.order_by("family_name"), required=False
    )


class MinuteForm(forms.Form):
    number = forms.IntegerField(label="Minute number")
    title = forms.CharField(
        max_length=500, label="Heading", error_messages=_required(MINUTE_TITLE_REQUIRED)
    )
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )
    preamble = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: The Panel considered a report of the Police and Crime "
        "Commissioner…",
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "agenda_item", forms.ModelChoiceField
        ).queryset = meeting.agenda_items.order_by("position")

    @classmethod
    def initial_for(cls, minute: Minute) -> dict[str, object]:
        return {
            "number": minute.number,
            "title": minute.title,
            "agenda_item": minute.agenda_item_id,
            "preamble": minute.preamble,
        }


class MinuteAddForm(SubmissionTokenForm, MinuteForm):
    """Adding a minute: once per rendered form (core.idempotency)."""


class MinutePointForm(SubmissionTokenForm):
    label = forms.CharField(max_length=10, required=False, help_text="For example (iii).")
    text = forms.CharField(
        label="Point noted",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(POINT_TEXT_REQUIRED),
    )


class ResolutionForm(SubmissionTokenForm):
    label = forms.CharField(
        max_length=12,
        required=False,
        help_text="For example (c). Leave blank for a single, unlettered resolution.",
    )
    kind = forms.ChoiceField(choices=Resolution.Kind.choices, initial=Resolution.Kind.NOTE)
    text = forms.CharField(
        label="RESOLVED: that…",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(RESOLUTION_TEXT_REQUIRED),
    )
