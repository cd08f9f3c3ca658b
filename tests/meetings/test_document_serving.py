"""Papers leave only through /meetings/<id>/papers/<n>/: a PDF inline, anything else a sandboxed
download, every file with nosniff; nothing serves the stored files from /media/."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from core.downloads import FILE_SANDBOX_POLICY
from meetings.models import Document
from tests.core import payloads
from tests.meetings.factories import DocumentFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def upload(client, meeting, name: str, content: bytes) -> Document:
    response = client.post(
        reverse("meetings:manage-document-upload", args=[meeting.pk]),
        {
            "title": "Commissioner's Update Report",
            "kind": "report",
            "agenda_item": "",
            "file": SimpleUploadedFile(name, content, content_type="text/html"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return Document.objects.get(original_filename=name)


def download(client, document: Document):
    return client.get(
        reverse("meetings:document-download", args=[document.meeting_id, document.pk])
    )


def test_html_paper_from_democratic_services_is_a_sandboxed_download(client_as) -> None:
    meeting = MeetingFactory(published=True)
    document = upload(client_as("democratic"), meeting, "paper.html", payloads.HTML_PAPER)
    assert document.content_type == "text/html"

    response = download(client_as(None), document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == payloads.HTML_PAPER
    assert response["Content-Disposition"] == 'attachment; filename="paper.html"'
    assert response["Content-Type"] == "text/html"
    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert response["Content-Security-Policy"] == FILE_SANDBOX_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdf_paper_is_shown_inline_as_a_pdf(client_as) -> None:
    meeting = MeetingFactory(published=True)
    content = pdf_bytes(2)
    document = upload(client_as("democratic"), meeting, "update.pdf", content)

    response = download(client_as(None), document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="update.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" not in response.get("Content-Security-Policy", "")


def test_word_paper_is_a_sandboxed_download(client_as) -> None:
    meeting = MeetingFactory(published=True)
    document = upload(client_as("democratic"), meeting, "update.docx", payloads.docx_bytes())

    response = download(client_as("member"), document)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="update.docx"'
    assert response["Content-Security-Policy"] == FILE_SANDBOX_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"


def test_paper_stored_as_html_before_the_fix_is_also_sandboxed(client_as) -> None:
    """Records already in the database are served by their stored type, under the same rules."""
    document = DocumentFactory(
        meeting=MeetingFactory(published=True),
        original_filename="old.html",
        content_type="text/html",
    )
    response = download(client_as(None), document)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]


def test_stored_files_are_not_reachable_under_media_url(client_as) -> None:
    document = DocumentFactory(meeting=MeetingFactory(published=True))
    media_path = settings.MEDIA_URL + document.file.name
    with pytest.raises(Resolver404):
        resolve(media_path)
    for role in (None, "member", "admin"):
        assert client_as(role).get(media_path).status_code == 404, role
    assert download(client_as(None), document).status_code == 200


def test_admin_neither_takes_uploads_nor_links_media(client_as) -> None:
    """An upload in the admin would skip every check in core.uploads."""
    document = DocumentFactory(meeting=MeetingFactory(published=True), original_filename="a.pdf")
    admin = client_as("admin")
    page = admin.get(reverse("admin:meetings_document_change", args=[document.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    paper = reverse("meetings:document-download", args=[document.meeting_id, document.pk])
    assert f'<a href="{paper}">a.pdf</a>' in html
    assert 'type="file"' not in html
    assert settings.MEDIA_URL not in html
    assert admin.get(reverse("admin:meetings_document_add")).status_code == 403
