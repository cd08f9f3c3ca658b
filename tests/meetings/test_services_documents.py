"""document_attach: type by extension and contents, size limit, checksum, page count, storage."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from docx import Document as DocxDocument

from meetings import services
from meetings.models import AgendaItem, AgendaVersion, Body, Document, Meeting
from tests.meetings.factories import AgendaItemFactory, BodyFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html lang='en'><body><p>Report</p></body></html>"


def docx_bytes() -> bytes:
    document = DocxDocument()
    document.add_paragraph("Commissioner's Update Report")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def actor(users):
    return users["democratic"]


@pytest.fixture
def item() -> AgendaItem:
    return AgendaItemFactory(meeting=MeetingFactory(), paper_status=AgendaItem.PaperStatus.AWAITED)


def attach(actor, item, *, filename="report.pdf", content=None, **extra) -> Document:
    meeting = extra.pop("meeting", None) or item.meeting
    return services.document_attach(
        meeting=meeting,
        agenda_item=item,
        actor=actor,
        title=extra.pop("title", "Commissioner's Update Report"),
        kind="report",
        filename=filename,
        content=pdf_bytes(3) if content is None else content,
        content_type=extra.pop("content_type", "application/pdf"),
        **extra,
    )


def test_pdf_is_stored_with_checksum_size_and_page_count(actor, item) -> None:
    content = pdf_bytes(3)
    document = attach(actor, item, content=content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content) and document.page_count == 3
    assert document.content_type == "application/pdf"
    assert document.original_filename == "report.pdf"
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == content
    item.refresh_from_db()
    assert item.paper_status == AgendaItem.PaperStatus.PUBLISHED


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("report.docx", "docx", services.documents.DOCX),
        ("report.html", HTML, "text/html"),
        ("REPORT.HTM", b"\xef\xbb\xbf  <html><body>x</body></html>", "text/html"),
    ],
)
def test_docx_and_html_are_accepted(actor, item, filename, content, content_type) -> None:
    data = docx_bytes() if content == "docx" else content
    document = attach(actor, item, filename=filename, content=data, content_type="x/whatever")
    assert document.content_type == content_type and document.page_count is None


@pytest.mark.parametrize("filename", ["report.txt", "report.exe", "report", "report.doc"])
def test_other_types_are_refused(actor, item, filename) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, filename=filename)
    assert error.value.message_dict == {"file": [services.DOCUMENT_TYPE_NOT_ALLOWED]}
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("filename", "content", "label"),
    [
        ("report.pdf", b"MZ\x90\x00 not a pdf", "PDF"),
        ("report.docx", b"%PDF-1.4 renamed", "Word document"),
        ("report.docx", b"PK\x03\x04 broken zip", "Word document"),
        ("report.html", b"%PDF-1.4", "web page"),
    ],
)
def test_contents_must_match_the_extension(actor, item, filename, content, label) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, filename=filename, content=content)
    assert error.value.message_dict == {
        "file": [services.DOCUMENT_CONTENT_MISMATCH.format(label=label)]
    }
    assert not Document.objects.exists()


def test_damaged_pdf_is_refused(actor, item) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, content=b"%PDF-1.4\nthis is not really a pdf")
    assert error.value.message_dict == {"file": [services.DOCUMENT_PDF_UNREADABLE]}


def test_files_over_the_size_limit_are_refused(actor, item, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 2048
    with pytest.raises(ValidationError) as error:
        attach(actor, item, content=pdf_bytes(1) + b" " * 4096)
    assert error.value.message_dict == {"file": [services.DOCUMENT_TOO_LARGE.format(limit="2 KB")]}
    assert not Document.objects.exists()


def test_empty_files_are_refused(actor, item) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, content=b"")
    assert error.value.message_dict == {"file": [services.DOCUMENT_EMPTY]}


def test_a_title_is_needed(actor, item) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, title="  ")
    assert error.value.message_dict == {"title": [services.DOCUMENT_TITLE_REQUIRED]}


def test_item_must_belong_to_the_meeting(actor, item) -> None:
    with pytest.raises(ValidationError) as error:
        attach(actor, item, meeting=MeetingFactory())
    assert error.value.message_dict == {"agenda_item": [services.DOCUMENT_ITEM_OTHER_MEETING]}


def test_cancelled_meetings_take_no_papers(actor) -> None:
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED, cancellation_reason="x")
    with pytest.raises(ValidationError) as error:
        attach(actor, None, meeting=meeting)
    assert error.value.messages == [services.DOCUMENT_MEETING_CANCELLED]


def test_attaching_the_same_file_twice_returns_the_first(actor, item) -> None:
    content = pdf_bytes(2)
    first = attach(actor, item, content=content)
    again = attach(actor, item, content=content)
    assert again.pk == first.pk and Document.objects.count() == 1


def test_a_paper_after_publication_is_a_supplement(actor, item) -> None:
    meeting = item.meeting
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.AGENDA_PUBLISHED, agenda_published_at="2024-10-18T09:00Z"
    )
    AgendaVersion.objects.create(meeting=meeting, number=1, published_at="2024-10-18T09:00Z")
    document = attach(actor, item)
    assert document.supplement is not None
    assert document.supplement.number == 2
    assert document.supplement.change_note == "Paper added: Commissioner's Update Report."
    item.refresh_from_db()
    assert item.paper_status == AgendaItem.PaperStatus.LATE


def test_opcc_officers_attach_papers_to_board_meetings_only(users) -> None:
    board_item = AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(kind=Body.Kind.BOARD)))
    assert attach(users["opcc"], board_item).pk
    panel_item = AgendaItemFactory(meeting=MeetingFactory())
    with pytest.raises(PermissionDenied):
        attach(users["opcc"], panel_item)


def test_panel_members_cannot_attach(users, item) -> None:
    with pytest.raises(PermissionDenied):
        attach(users["member"], item)
