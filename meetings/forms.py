"""Forms for the democratic services screens. They parse input; services decide what is valid,
and `form_errors_from` puts a service's refusal next to the field it concerns."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet

from core.idempotency import SubmissionTokenForm
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Document,
    Meeting,
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


def form_errors_from(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: by field where it names one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for item in errors:
            form.add_error(target, item)


def _date_field(**kwargs: object) -> forms.DateField:
    return forms.DateField(
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID, "required": DATE_REQUIRED},
        **kwargs,
    )


def _time_field(**kwargs: object) -> forms.TimeField:
    kwargs.setdefault("required", False)
    return forms.TimeField(
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_INVALID},
        **kwargs,
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

    def __init__(self, *args: object, editing: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["body"]


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


class ConfirmMinutesForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), label="Confirmed at the meeting of"
    )

    def __init__(self, *args: object, meetings: QuerySet[Meeting], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].label_from_instance = lambda m: f"{m.date:%-d %B %Y}"


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

    def __init__(self, *args: object, published: bool = False, **kwargs: object) -> None:
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

    def __init__(self, *args: object, published: bool = False, **kwargs: object) -> None:
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

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.filter(
            withdrawn_at__isnull=True
        ).order_by("position")


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=Attendance.Status.choices, label="Attendance")
    in_the_chair = forms.BooleanField(required=False, label="In the chair")
    left_at = _time_field(label="Left at")


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

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


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

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


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


# --- Importing minutes (meetings.importer.jobs) --------------------------------------------------

IMPORT_FILE_REQUIRED = "Choose the file of minutes to import."
IMPORT_FILE_EMPTY = "The file is empty."
IMPORT_TITLE_REQUIRED = "Give the minute a title."
IMPORT_TEXT_REQUIRED = "Enter the text, or reject the import and correct the file."
IMPORT_ACCEPT = "accept"
IMPORT_REJECT = "reject"


class ImportUploadForm(forms.Form):
    body = forms.ModelChoiceField(queryset=Body.objects.order_by("name"), label="Body")
    file = forms.FileField(
        label="File of minutes",
        help_text=(
            "The minutes, or a whole agenda pack containing them: a text file (.txt), web page "
            "(.html), Word document (.docx) or PDF."
        ),
        error_messages={"required": IMPORT_FILE_REQUIRED, "empty": IMPORT_FILE_EMPTY},
        widget=forms.FileInput(attrs={"accept": ".txt,.html,.htm,.docx,.pdf"}),
    )


KIND_LABELS = dict(Resolution.Kind.choices)


def _where(lines: list[int]) -> str:
    """ "line 24" or "lines 24–25", as the review cites the source."""
    lines = [n for n in lines if n > 0]
    if not lines:
        return "line unknown"
    first, last = min(lines), max(lines)
    return f"line {first}" if first == last else f"lines {first}–{last}"


class ImportReviewForm(forms.Form):
    """The officer's corrections to a parsed import, built from the job's stored result."""

    date = forms.DateField(
        label="Date of the meeting",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )
    start_time = _time_field(label="Start time")
    end_time = _time_field(label="End time")
    venue = forms.CharField(required=False, max_length=255, label="Venue")

    def __init__(self, *args: object, result: dict, **kwargs: object) -> None:
        from scrutiny.models import TrackedItem  # the tracker owns the addressee choices

        meeting = result["meeting"]
        initial = {
            "date": meeting.get("date"),
            "start_time": meeting.get("start_time"),
            "end_time": meeting.get("end_time"),
            "venue": meeting.get("venue") or "",
        }
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[arg-type]
        self.result = result
        for i, item in enumerate(result["items"]):
            self.fields[f"item-{i}-title"] = forms.CharField(
                label=f"Title of minute {item['number']}",
                max_length=500,
                initial=item["title"],
                error_messages=_required(IMPORT_TITLE_REQUIRED),
            )
            for kind, noun in (("points", "Point"), ("resolutions", "Resolution")):
                for j, thing in enumerate(item[kind]):
                    self.fields[f"item-{i}-{kind}-{j}"] = forms.CharField(
                        label=f"{noun} {item['number']}{thing['label']}".strip(),
                        initial=thing["text"],
                        widget=forms.Textarea(attrs={"rows": 3}),
                        error_messages=_required(IMPORT_TEXT_REQUIRED),
                    )
        for suggestion in result["suggestions"]:
            key = suggestion["key"]
            self.fields[f"{key}-decision"] = forms.ChoiceField(
                label=f"Track {suggestion['label']}?",
                choices=[(IMPORT_ACCEPT, "Accept"), (IMPORT_REJECT, "Reject")],
                initial=IMPORT_ACCEPT if suggestion["accepted"] else IMPORT_REJECT,
                widget=forms.RadioSelect,
            )
            self.fields[f"{key}-addressee"] = forms.ChoiceField(
                label=f"Addressed to ({suggestion['label']})",
                choices=[("", "Choose…"), *TrackedItem.Addressee.choices],
                initial=suggestion["addressee"],
                required=False,
                help_text="Needed if you accept it.",
            )
            self.fields[f"{key}-due_date"] = forms.DateField(
                label=f"Due date ({suggestion['label']})",
                required=False,
                help_text="Needed if you accept it.",
                initial=suggestion["due_date"],
                input_formats=DATE_FORMATS,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": DATE_INVALID},
            )

    def blocks(self) -> list[dict]:
        """Each minute with its bound fields and source lines, for the side-by-side review."""
        lines = self.result.get("lines", {})
        suggestions: dict[int, list[dict]] = {}
        for s in self.result["suggestions"]:
            suggestions.setdefault(s["item"], []).append(
                {
                    **s,
                    "decision": self[f"{s['key']}-decision"],
                    "addressee_field": self[f"{s['key']}-addressee"],
                    "where": _where(s["lines"]),
                    "due_field": self[f"{s['key']}-due_date"],
                }
            )
        out = []
        for i, item in enumerate(self.result["items"]):
            start, end = item["span"]
            out.append(
                {
                    "index": i,
                    "item": item,
                    "title": self[f"item-{i}-title"],
                    "points": [
                        {**x, "field": self[f"item-{i}-points-{j}"], "where": _where(x["lines"])}
                        for j, x in enumerate(item["points"])
                    ],
                    "resolutions": [
                        {
                            **r,
                            "field": self[f"item-{i}-resolutions-{j}"],
                            "where": _where(r["lines"]),
                            "kind_label": KIND_LABELS.get(r["kind"], r["kind"]),
                        }
                        for j, r in enumerate(item["resolutions"])
                    ],
                    "suggestions": suggestions.get(i, []),
                    "source": [(n, lines.get(str(n), "")) for n in range(start, end + 1)],
                }
            )
        return out

    def review(self) -> dict:
        """The cleaned data in the shape `import_job_review_save` takes."""
        data = self.cleaned_data
        items: dict[int, dict] = {}
        for i, item in enumerate(self.result["items"]):
            items[i] = {
                "title": data.get(f"item-{i}-title", ""),
                "points": {
                    j: data.get(f"item-{i}-points-{j}", "") for j in range(len(item["points"]))
                },
                "resolutions": {
                    j: data.get(f"item-{i}-resolutions-{j}", "")
                    for j in range(len(item["resolutions"]))
                },
            }
        return {
            "meeting": {k: data.get(k) for k in ("date", "start_time", "end_time", "venue")},
            "items": items,
            "suggestions": {
                s["key"]: {
                    "accepted": data.get(f"{s['key']}-decision") == IMPORT_ACCEPT,
                    "addressee": data.get(f"{s['key']}-addressee", ""),
                    "due_date": data.get(f"{s['key']}-due_date"),
                }
                for s in self.result["suggestions"]
            },
        }
