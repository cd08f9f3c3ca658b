"""Forms for importing minutes: the upload, and the review of a parsed file beside its source.

They parse input; imports.jobs decides what is valid, and `core.forms.form_errors_from` puts its
refusal next to the field it concerns.
"""

from __future__ import annotations

from typing import Any

from django import forms

from imports.attendance import (
    CHOICE_NEW,
    CHOICE_OMIT,
    AttendanceReview,
    ReviewRow,
    person_label,
)
from meetings.forms import DATE_FORMATS, DATE_INVALID, TIME_FORMATS, TIME_INVALID
from meetings.models import Body, Resolution
from scrutiny.models import TrackedItem

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
            "(.html), Word document (.docx) or PDF. Or a ZIP of many such files (saved ModernGov "
            "pages too), imported together as a batch."
        ),
        error_messages={"required": IMPORT_FILE_REQUIRED, "empty": IMPORT_FILE_EMPTY},
        widget=forms.FileInput(attrs={"accept": ".txt,.html,.htm,.docx,.pdf,.zip"}),
    )


KIND_LABELS = dict(Resolution.Kind.choices)


def _where(lines: list[int]) -> str:
    """ "line 24" or "lines 24–25", as the review cites the source."""
    lines = [n for n in lines if n > 0]
    if not lines:
        return "line unknown"
    first, last = min(lines), max(lines)
    return f"line {first}" if first == last else f"lines {first}–{last}"


def _time_field(**kwargs: Any) -> forms.TimeField:
    kwargs.setdefault("required", False)
    return forms.TimeField(
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_INVALID},
        **kwargs,
    )


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _attendee_field(row: ReviewRow, review: AttendanceReview) -> forms.ChoiceField:
    """Who a name read from the file is recorded as: the match (or the people it could be),
    a new person, left out, or anyone else of the panel. A name not matched is shown as left
    out until the officer chooses otherwise (never created or guessed unasked), and the
    import's event lists it as left out at review."""
    match, name = row.match, row.match.attendee.name
    suggested = list(match.candidates) or ([match.person] if match.person else [])
    shown = {p.pk for p in suggested}
    choices: list[Any] = []
    if suggested:
        group = "Matched" if match.matched else "Could be"
        choices.append((group, [(str(p.pk), person_label(p)) for p in suggested]))
    choices.append(
        (
            "Or",
            [
                (CHOICE_NEW, f"Create a new person: {name}"),
                (CHOICE_OMIT, "Leave this name out of the attendance"),
            ],
        )
    )
    for group, people in (
        (f"Members of {review.body_name} on the date", review.members),
        ("Other people", review.others),
    ):
        listed = [(str(p.pk), person_label(p)) for p in people if p.pk not in shown]
        if listed:
            choices.append((group, listed))
    initial = row.choice
    if initial is None:
        initial = str(match.person.pk) if match.person else CHOICE_OMIT
    return forms.ChoiceField(
        label=f"Record {name} as",
        choices=choices,
        initial=initial,
        required=False,
    )


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

    def __init__(
        self,
        *args: Any,
        result: dict[str, Any],
        attendance: AttendanceReview | None = None,
        **kwargs: Any,
    ) -> None:
        meeting = result["meeting"]
        initial = {
            "date": meeting.get("date"),
            "start_time": meeting.get("start_time"),
            "end_time": meeting.get("end_time"),
            "venue": meeting.get("venue") or "",
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.result = result
        self.attendance = attendance or AttendanceReview()
        for row in self.attendance.rows:
            self.fields[f"attendee-{row.index}"] = _attendee_field(row, self.attendance)
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
            self.fields[f"{key}-recurrence"] = forms.ChoiceField(
                label=f"Recurs ({suggestion['label']})",
                choices=TrackedItem.Recurrence.choices,
                initial=suggestion.get("recurrence", TrackedItem.Recurrence.NONE),
                required=False,
                help_text="A standing request falls due again at each meeting, quarter or year.",
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

    def blocks(self) -> list[dict[str, Any]]:
        """Each minute with its bound fields and source lines, for the side-by-side review."""
        lines = self.result.get("lines", {})
        suggestions: dict[int, list[dict[str, Any]]] = {}
        for s in self.result["suggestions"]:
            suggestions.setdefault(s["item"], []).append(
                {
                    **s,
                    # From a RESOLVED clause, or else an undertaking found in the minutes.
                    "from_resolution": s["kind"] == "resolution",
                    "decision": self[f"{s['key']}-decision"],
                    "addressee_field": self[f"{s['key']}-addressee"],
                    "where": _where(s["lines"]),
                    "due_field": self[f"{s['key']}-due_date"],
                    "recurrence_field": self[f"{s['key']}-recurrence"],
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

    def attendance_rows(self) -> list[dict[str, Any]]:
        """Each name read, with its capacity, its match and the field choosing whom it is."""
        return [
            {"row": row, "match": row.match, "field": self[f"attendee-{row.index}"]}
            for row in self.attendance.rows
        ]

    def attendance_choices(self) -> dict[int, str]:
        """The choice posted for each name (a name whose field was not posted keeps what the
        job has)."""
        return {
            row.index: self.cleaned_data.get(f"attendee-{row.index}", "")
            for row in self.attendance.rows
            if f"attendee-{row.index}" in self.data
        }

    def review(self) -> dict[str, Any]:
        """The cleaned data in the shape `import_job_review_save` takes."""
        data = self.cleaned_data
        items: dict[int, dict[str, Any]] = {}
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
                    "recurrence": data.get(f"{s['key']}-recurrence"),
                }
                for s in self.result["suggestions"]
            },
        }
