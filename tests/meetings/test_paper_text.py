"""The words of a public paper find its meeting; an exempt paper's words never do. The text is
read by the worker after the paper is attached (eager here), once, and is never shown."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from docx import Document as DocxDocument

from meetings import services
from meetings.models import AgendaItem, Document, Meeting
from meetings.search import meeting_ids_matching
from meetings.services.paper_text import document_text_read
from tests.meetings.factories import AgendaItemFactory, pdf_bytes
from tests.meetings.portal import published_minutes_meeting

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_with(*paragraphs: str) -> bytes:
    document = DocxDocument()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def meeting() -> Meeting:
    return published_minutes_meeting(status=Meeting.Status.AGENDA_PUBLISHED)


def attach(actor, item, content: bytes, *, filename="report.docx", exempt=False) -> Document:
    return services.document_attach(
        meeting=item.meeting,
        agenda_item=item,
        actor=actor,
        title="Commissioner's update",
        kind=Document.Kind.REPORT,
        filename=filename,
        content=content,
        content_type=DOCX,
        exempt=exempt,
    )


def attach_read(actor, item, content, capture, **kwargs) -> Document:
    with capture(execute=True):
        document = attach(actor, item, content, **kwargs)
    document.refresh_from_db()
    return document


def test_a_public_papers_words_find_its_meeting(
    client, users, meeting, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(meeting=meeting, title="Commissioner's update")
    document = attach_read(
        users["democratic"],
        item,
        docx_with("Appendix B sets out the Quarrington custody suite refurbishment."),
        django_capture_on_commit_callbacks,
    )
    assert document.text_read_at is not None
    assert "Quarrington custody suite" in document.text
    assert set(meeting_ids_matching("Quarrington")) == {meeting.pk}
    body = client.get("/meetings/", {"q": "Quarrington"}).content.decode()
    assert f"/meetings/{meeting.pk}/" in body


@pytest.mark.parametrize("where", ["paper", "item"])
def test_an_exempt_papers_words_are_never_found(
    client, users, meeting, where, django_capture_on_commit_callbacks
):
    exempt_item = where == "item"
    item = AgendaItemFactory(
        meeting=meeting,
        title="Estates",
        exempt=exempt_item,
        exempt_reason="Paragraph 7" if exempt_item else "",
    )
    document = attach_read(
        users["democratic"],
        item,
        docx_with("The Brackenfold informant payments are set out below."),
        django_capture_on_commit_callbacks,
        exempt=(where == "paper"),
    )
    assert "Brackenfold" in document.text  # read, for staff, but never matched for the public
    assert set(meeting_ids_matching("Brackenfold")) == set()
    body = client.get("/meetings/", {"q": "Brackenfold"}).content.decode()
    assert f"/meetings/{meeting.pk}/" not in body and "informant" not in body


def test_reading_twice_reads_once(users, meeting, django_capture_on_commit_callbacks):
    item = AgendaItemFactory(meeting=meeting)
    document = attach_read(
        users["democratic"],
        item,
        docx_with("Neighbourhood policing."),
        django_capture_on_commit_callbacks,
    )
    again = document_text_read(document_id=document.pk)
    assert again is not None and again.text_read_at == document.text_read_at


def test_a_paper_with_no_text_is_read_as_empty_and_found_by_its_title(
    users, meeting, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(meeting=meeting, paper_status=AgendaItem.PaperStatus.AWAITED)
    document = attach_read(
        users["democratic"],
        item,
        pdf_bytes(2),  # blank pages: a scanned paper has no text layer either
        django_capture_on_commit_callbacks,
        filename="scan.pdf",
    )
    assert document.text == "" and document.text_read_at is not None
    assert set(meeting_ids_matching("Commissioner's update")) == {meeting.pk}


def test_the_command_reads_papers_attached_before_text_was_kept(users, meeting):
    item = AgendaItemFactory(meeting=meeting)
    # Outside a captured commit, the queued read never runs: as for papers attached before.
    document = attach(users["democratic"], item, docx_with("Rural crime partnership."))
    assert Document.objects.get(pk=document.pk).text_read_at is None
    out = io.StringIO()
    call_command("read_paper_text", stdout=out)
    assert "1 papers read" in out.getvalue()
    assert set(meeting_ids_matching("partnership")) == {meeting.pk}
    call_command("read_paper_text", stdout=out)
    assert "0 papers read" in out.getvalue()
