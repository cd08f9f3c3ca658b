"""The public side of the meetings app: meetings, their agendas and minutes, the decision
register, PDFs and calendar feeds.

No login is needed. The public sees only what is published (`meetings.selectors` applies the
rules); a signed-in reader with `can_read_internal` also sees unpublished and private meetings
and exempt items. Anything the reader may not see is a 404, so its existence is not revealed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import public_cache, visibility
from core.downloads import stored_file_response
from core.htmx import wants_partial
from core.pagination import seek_page
from core.tenancy import current_panel
from core.visibility import Reader
from meetings.feeds import PapersFeed, calendar_render
from meetings.models import Document, Meeting, Resolution
from meetings.selectors import (
    body_list_public,
    decision_for_public,
    decision_list_public,
    document_for_public,
    meeting_for_public,
    meeting_list_public,
    meeting_page_public,
)
from meetings.services.publishing import meeting_pdf_for_download
from meetings.structured_data import decision_work, meeting_event

PAGE_SIZE = 20
DECISION_PAGE_SIZE = 50
UPCOMING_LIMIT = 20


def _results_template(request: HttpRequest, template: str) -> str:
    """A list page, or only its results for an htmx swap."""
    return f"{template}#results" if wants_partial(request) else template


def _reader(request: HttpRequest) -> Reader:
    return visibility.reader_for(request.user)


def _meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    try:
        return meeting_for_public(pk=pk, reader=_reader(request))
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc


# --- Meetings ------------------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Upcoming and past public meetings, by body, with a text search."""
    listing = meeting_list_public(params=request.GET, upcoming_limit=UPCOMING_LIMIT)
    context = {
        "page": seek_page(listing.results, request.GET.get("page"), PAGE_SIZE),
        "upcoming": listing.upcoming,
        "bodies": body_list_public(),
        "body_slug": listing.body_slug,
        "query": listing.query,
    }
    return render(request, _results_template(request, "meetings/meeting_list.html"), context)


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, pk)
    context = meeting_page_public(meeting=meeting, reader=_reader(request))
    context["structured_data"] = meeting_event(
        meeting=meeting,
        agenda_items=context["agenda_items"],
        panel=current_panel(),
        site_url=request.build_absolute_uri("/"),
    )
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


def _pdf_response(request: HttpRequest, pk: int, kind: str) -> HttpResponse | FileResponse:
    """The public agenda pack or minutes: the stored rendering, or one made now."""
    meeting = _meeting_or_404(request, pk)
    filename = f"{'agenda' if kind == Document.Kind.AGENDA_PACK else 'minutes'}-{meeting.date}.pdf"
    try:
        paper = meeting_pdf_for_download(meeting=meeting, kind=kind)
    except ValidationError as exc:
        raise Http404("Not published") from exc
    if isinstance(paper, Document):
        return FileResponse(
            paper.file.open("rb"), content_type="application/pdf", filename=filename
        )
    response = HttpResponse(paper, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    return _pdf_response(request, pk, Document.Kind.AGENDA_PACK)


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    return _pdf_response(request, pk, Document.Kind.MINUTES)


# --- Calendars and feed --------------------------------------------------------------------


def _calendar_response(request: HttpRequest, body_slug: str = "") -> HttpResponseBase:
    """The calendar, kept rendered by the worker for the panel's own site and rendered here
    otherwise, once per change of its meetings (meetings.calendars); 304 when the reader's copy
    is current."""
    host = request.get_host()

    def render() -> bytes:
        content = calendar_render(
            body_slug=body_slug, host=host.split(":")[0], base_url=f"{request.scheme}://{host}"
        )
        if content is None:
            raise Http404("No such body")
        return content

    rendering = public_cache.public_rendering(
        request,
        name=f"calendar:{body_slug}",
        scope=public_cache.calendars_scope(current_panel().pk),
        render=render,
    )
    response = HttpResponse(rendering.content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return public_cache.public_response(request, response, rendering)


@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponseBase:
    return _calendar_response(request)


@require_GET
def body_calendar_ics(request: HttpRequest, body_slug: str) -> HttpResponseBase:
    return _calendar_response(request, body_slug)


papers_feed = require_GET(PapersFeed())


# --- Decision register ---------------------------------------------------------------------


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = decision_list_public(reader=_reader(request), params=request.GET)
    page = seek_page(decisions.results, request.GET.get("page"), DECISION_PAGE_SIZE)
    template = _results_template(request, "meetings/decision_list.html")
    return render(request, template, {"filter": decisions, "page": page})


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reader = _reader(request)
    try:
        resolution = decision_for_public(pk=pk, reader=reader)
    except Resolution.DoesNotExist as exc:
        raise Http404("No such decision") from exc
    minute = resolution.minute
    structured_data = decision_work(
        resolution=resolution, panel=current_panel(), site_url=request.build_absolute_uri("/")
    )
    context = {"resolution": resolution, "minute": minute, "meeting": minute.meeting}
    return render(
        request,
        "meetings/decision_detail.html",
        {**context, "internal": reader.internal, "structured_data": structured_data},
    )
