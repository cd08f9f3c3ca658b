"""core.uploads through the paper upload service: hostile files are refused with their message and
nothing is stored; real papers (including the PDFs WeasyPrint writes) are still accepted."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from core.uploads import (
    DOCUMENT_CONTENT_MISMATCH,
    DOCX,
    UPLOAD_DOCX_INFLATES_TOO_MUCH,
    UPLOAD_DOCX_OVERCOMPRESSED,
    UPLOAD_PDF_ACTIVE_CONTENT,
    UPLOAD_POLYGLOT,
)
from meetings import services
from meetings.models import Document
from tests.core import payloads
from tests.meetings.factories import MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

ACTIVE = UPLOAD_PDF_ACTIVE_CONTENT
PDF_POLYGLOT = UPLOAD_POLYGLOT.format(label="PDF")
HTML_POLYGLOT = UPLOAD_POLYGLOT.format(label="web page")
DOCX_POLYGLOT = UPLOAD_POLYGLOT.format(label="Word document")
NOT_DOCX = DOCUMENT_CONTENT_MISMATCH.format(label="Word document")

# (payload, file name, the message it is refused with). The README cites these counts.
REFUSED: list[tuple[Callable[[], bytes], str, str]] = [
    (payloads.pdf_open_action_javascript, "agenda.pdf", ACTIVE),
    (payloads.pdf_names_javascript, "agenda.pdf", ACTIVE),
    (payloads.pdf_javascript_in_object_stream, "agenda.pdf", ACTIVE),
    (payloads.pdf_hex_escaped_javascript, "agenda.pdf", ACTIVE),
    (payloads.pdf_launch, "agenda.pdf", ACTIVE),
    (payloads.pdf_indirect_action_type, "agenda.pdf", ACTIVE),
    (payloads.pdf_page_additional_action, "agenda.pdf", ACTIVE),
    (payloads.pdf_embedded_file, "agenda.pdf", ACTIVE),
    (payloads.pdf_file_attachment_annotation, "agenda.pdf", ACTIVE),
    (payloads.pdf_remote_goto_unc, "agenda.pdf", ACTIVE),
    (payloads.pdf_submit_form, "agenda.pdf", ACTIVE),
    (payloads.pdf_xfa_form, "agenda.pdf", ACTIVE),
    (payloads.pdf_javascript_link_in_object_stream, "agenda.pdf", ACTIVE),
    (payloads.pdf_html_polyglot, "agenda.pdf", PDF_POLYGLOT),
    (payloads.pdf_html_in_plain_stream, "agenda.pdf", PDF_POLYGLOT),
    (payloads.pdf_html_in_fake_flate_stream, "agenda.pdf", PDF_POLYGLOT),
    (payloads.pdf_with_zip_appended, "agenda.pdf", PDF_POLYGLOT),
    (payloads.html_with_pdf_inside, "paper.html", HTML_POLYGLOT),
    (payloads.html_with_zip_appended, "paper.html", HTML_POLYGLOT),
    (
        lambda: payloads.docx_with_stored_member("word/page.html", payloads.SCRIPT),
        "report.docx",
        DOCX_POLYGLOT,
    ),
    (
        lambda: payloads.docx_with_stored_member("word/%PDF-1.7.xml", b"<x/>"),
        "report.docx",
        DOCX_POLYGLOT,
    ),
    (payloads.docx_pdf_prefixed, "report.docx", NOT_DOCX),
    (payloads.docx_html_prefixed, "report.docx", NOT_DOCX),
    (lambda: payloads.zeros_docx(8 * 1024 * 1024), "report.docx", UPLOAD_DOCX_OVERCOMPRESSED),
]

# (payload, file name, stored content type, page count).
ACCEPTED: list[tuple[Callable[[], bytes], str, str, int | None]] = [
    (lambda: pdf_bytes(3), "report.pdf", "application/pdf", 3),
    (payloads.weasyprint_paper, "report.pdf", "application/pdf", None),
    (payloads.pypdf_written_with_outline, "report.pdf", "application/pdf", 3),
    (payloads.pdf_open_action_to_first_page, "report.pdf", "application/pdf", 1),
    (payloads.pdf_goto_open_action, "report.pdf", "application/pdf", 1),
    (payloads.pdf_compressed_stream_spelling_svg, "report.pdf", "application/pdf", 1),
    (payloads.docx_bytes, "report.docx", DOCX, None),
    (lambda: payloads.docx_bytes(image=payloads.png_bytes()), "report.docx", DOCX, None),
    (payloads.docx_with_stored_image_spelling_svg, "report.docx", DOCX, None),
    # A web page may hold script: it is only ever served sandboxed, as a download.
    (lambda: payloads.HTML_PAPER, "paper.html", "text/html", None),
    (lambda: b"\xef\xbb\xbf\n<html><body><p>Report</p></body></html>", "A.HTM", "text/html", None),
]


def _ids(cases: list[tuple]) -> list[str]:
    return [getattr(case[0], "__name__", "lambda") + ":" + case[1] for case in cases]


def stored_names(path: str = "") -> set[str]:
    try:
        directories, files = default_storage.listdir(path)
    except FileNotFoundError:
        return set()
    names = {f"{path}/{name}".lstrip("/") for name in files}
    for directory in directories:
        names |= stored_names(f"{path}/{directory}".lstrip("/"))
    return names


def attach(actor, filename: str, content: bytes) -> Document:
    return services.document_attach(
        meeting=MeetingFactory(),
        agenda_item=None,
        actor=actor,
        title="Commissioner's Update Report",
        kind=Document.Kind.REPORT,
        filename=filename,
        content=content,
        content_type="application/octet-stream",
    )


def assert_refused(actor, filename: str, content: bytes, message: str) -> None:
    before = stored_names()
    with pytest.raises(ValidationError) as error:
        attach(actor, filename, content)
    assert error.value.message_dict == {"file": [message]}
    assert not Document.objects.exists()
    assert stored_names() == before


@pytest.mark.parametrize(("build", "filename", "message"), REFUSED, ids=_ids(REFUSED))
def test_hostile_upload_is_refused_with_its_message_and_nothing_stored(
    users, build, filename, message
) -> None:
    assert_refused(users["democratic"], filename, build(), message)


@pytest.mark.parametrize(
    ("build", "filename", "content_type", "pages"), ACCEPTED, ids=_ids(ACCEPTED)
)
def test_real_paper_is_still_accepted(users, build, filename, content_type, pages) -> None:
    content = build()
    document = attach(users["democratic"], filename, content)
    assert document.content_type == content_type
    if pages is not None:
        assert document.page_count == pages
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == content


def test_docx_declaring_more_than_the_limit_is_refused(users, settings) -> None:
    settings.UPLOAD_DOCX_MAX_INFLATED_BYTES = 1024 * 1024
    message = UPLOAD_DOCX_INFLATES_TOO_MUCH.format(limit="1 MB")
    content = payloads.zeros_docx(2 * 1024 * 1024)
    assert_refused(users["democratic"], "report.docx", content, message)


def test_docx_just_under_the_limit_is_accepted(users, settings) -> None:
    content = payloads.docx_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        settings.UPLOAD_DOCX_MAX_INFLATED_BYTES = sum(m.file_size for m in archive.infolist())
    assert attach(users["democratic"], "report.docx", content).content_type == DOCX


def test_docx_that_inflates_to_1_gib_is_refused_by_the_default_limit(users) -> None:
    """A real zip bomb that inflates to 1 GiB. (Deflating the gibibyte as it is written took
    1.5 s alone and 4.3 s on a loaded machine, so the bomb repeats one compressed block.)"""
    content = payloads.zip_bomb_docx(payloads.GIB)
    assert len(content) < 2 * 1024 * 1024
    message = UPLOAD_DOCX_INFLATES_TOO_MUCH.format(limit="100 MB")
    assert_refused(users["democratic"], "report.docx", content, message)


def test_docx_with_forged_1_gib_sizes_is_refused_without_decompressing(users, monkeypatch) -> None:
    content = payloads.docx_forged_sizes(payloads.GIB)

    def never(*args, **kwargs):
        raise AssertionError("the check opened a member: it must only read the directory")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    message = UPLOAD_DOCX_INFLATES_TOO_MUCH.format(limit="100 MB")
    assert_refused(users["democratic"], "report.docx", content, message)
