"""The public side of the meetings app: meetings, their agendas and minutes, the decision
register, PDFs and calendar feeds.

No login is needed. The public sees only what is published (`meetings.selectors` applies the
rules); a signed-in reader with `can_read_internal` also sees unpublished and private meetings
and exempt items. Anything the reader may not see is a 404, so its existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core import visibility
from core.downloads import stored_file_response
from core.htmx import wants_partial
from core.params import query_text
from core.visibility import Reader
from meetings.feeds import PapersFeed, meetings_calendar
from meetings.models import Body, Document, Meeting, Resolution
from meetings.selectors import (
    agenda_items_public,
    attendance_public,
    body_list_public,
    decision_for_public,
    decision_list_public,
    declarations_for_meeting,
    document_for_public,
    documents_for_meeting_public,
    meeting_for_public,
    meeting_list_public,
    meetings_for_calendar,
    minutes_public,
    minutes_visible,
    public_questions_for_meeting,
)
from meetings.services.publishing import generated_document_current, meeting_pdf_render

PAGE_SIZE = 20
DECISION_PAGE_SIZE = 50
UPCOMING_LIMIT = 20
DATE_FILTER_INVALID = "Enter a real date, for example 28/10/2024."


def _reader(request: HttpRequest) -> Reader:
    return visibility.reader_for(request.user)


def _meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    try:
        return meeting_for_public(pk=pk, reader=_reader(request))
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


def _attach_tracked_items(resolutions: Iterable[Resolution], *, reader: Reader) -> None:
    """The tracker's items for each resolution, with the responses the reader may read."""
    from scrutiny.selectors import items_for_resolutions

    resolutions = list(resolutions)
    found = items_for_resolutions([r.pk for r in resolutions], reader=reader)
    for resolution in resolutions:
        resolution.tracked_list = found.get(resolution.pk, [])


# --- Meetings ------------------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past public meetings, by body, with a text search."""
    body_slug = query_text(request.GET.get("body"))
    query = query_text(request.GET.get("q"))
    bodies = body_list_public()
    if query:
        results = meeting_list_public(body_slug=body_slug, query=query)
        upcoming: list[Meeting] = []
    else:
        results = meeting_list_public(body_slug=body_slug, upcoming=False)
        upcoming = list(meeting_list_public(body_slug=body_slug, upcoming=True)[:UPCOMING_LIMIT])
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "meetings/meeting_list.html"
    if wants_partial(request):
        template += "#results"
    return render(
        request,
        template,
        {
            "page": page,
            "upcoming": upcoming,
            "bodies": bodies,
            "body_slug": body_slug,
            "query": query,
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reader = _reader(request)
    meeting = _meeting_or_404(request, pk)
    show_minutes = minutes_visible(meeting=meeting, reader=reader)
    minutes = minutes_public(meeting=meeting, reader=reader) if show_minutes else []
    _attach_tracked_items(
        (r for m in minutes if not m.content_hidden for r in m.resolutions.all()),
        reader=reader,
    )
    context = {
        "meeting": meeting,
        "internal": reader.internal,
        "agenda_items": agenda_items_public(meeting=meeting, reader=reader),
        "meeting_documents": documents_for_meeting_public(meeting=meeting, reader=reader),
        "attendance": attendance_public(meeting=meeting),
        "declarations": declarations_for_meeting(meeting=meeting),
        "public_questions": public_questions_for_meeting(meeting=meeting),
        "show_minutes": show_minutes,
        "minutes": minutes,
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_GET
def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    meeting = _meeting_or_404(request, pk)
    try:
        document = document_for_public(meeting=meeting, pk=document_pk, reader=_reader(request))
    except Document.DoesNotExist as exc:
        raise Http404("No such paper") from exc
    # PDFs inline, anything else a sandboxed download: see core.downloads.
    return stored_file_response(
        file=document.file,
        content_type=document.content_type,
        filename=document.original_filename,
    )


def _pdf_response(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The stored rendering when the worker has made one, else render now. PDFs are always the
    public version, so staff may download them for unpublished meetings only once public."""
    meeting = _meeting_or_404(request, pk)
    stored = generated_document_current(meeting=meeting, kind=kind)
    filename = f"{'agenda' if kind == Document.Kind.AGENDA_PACK else 'minutes'}-{meeting.date}.pdf"
    if stored is not None and meeting.is_public:
        return FileResponse(
            stored.file.open("rb"), content_type="application/pdf", filename=filename
        )
    try:
        content = meeting_pdf_render(meeting=meeting, kind=kind)
    except ValidationError as exc:
        raise Http404("Not published") from exc
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request, pk, Document.Kind.AGENDA_PACK)


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request, pk, Document.Kind.MINUTES)


# --- Calendars and feed --------------------------------------------------------------------


def _calendar_response(
    request: HttpRequest, meetings: Iterable[Meeting], name: str
) -> HttpResponse:
    content = meetings_calendar(
        meetings=meetings,
        host=request.get_host().split(":")[0],
        base_url=f"{request.scheme}://{request.get_host()}",
        name=name,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    return _calendar_response(request, meetings_for_calendar(), f"{settings.PANEL_NAME} meetings")


@require_GET
def body_calendar_ics(request: HttpRequest, body_slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=body_slug)
    return _calendar_response(
        request, meetings_for_calendar(body_slug=body.slug), f"{body.name} meetings"
    )


papers_feed = require_GET(PapersFeed())


# --- Decision register ---------------------------------------------------------------------


class DecisionFilter(django_filters.FilterSet):
    """Parses the decision register's filters; the selector decides what may be listed."""

    body = django_filters.ModelChoiceFilter(
        field_name="minute__meeting__body",
        queryset=Body.objects.none(),
        to_field_name="slug",
        empty_label="All bodies",
        label="Body",
    )
    date_from = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="gte",
        label="From",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="minute__meeting__date",
        lookup_expr="lte",
        label="To",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=Resolution.Kind.choices, empty_label="All kinds", label="Kind of decision"
    )

    class Meta:
        model = Resolution
        fields = ["body", "date_from", "date_to", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = body_list_public()
        for name in ("date_from", "date_to"):
            self.form.fields[name].error_messages["invalid"] = DATE_FILTER_INVALID


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = DecisionFilter(
        request.GET or None, queryset=decision_list_public(reader=_reader(request))
    )
    results = decisions.qs if decisions.is_bound and decisions.is_valid() else decisions.queryset
    page = Paginator(results, DECISION_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "meetings/decision_list.html"
    if wants_partial(request):
        template += "#results"
    return render(request, template, {"filter": decisions, "page": page})


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reader = _reader(request)
    try:
        resolution = decision_for_public(pk=pk, reader=reader)
    except Resolution.DoesNotExist as exc:
        raise Http404("No such decision") from exc
    minute = resolution.minute
    _attach_tracked_items([resolution], reader=reader)
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "resolution": resolution,
            "minute": minute,
            "meeting": minute.meeting,
            "internal": reader.internal,
        },
    )
