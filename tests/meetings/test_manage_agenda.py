"""The agenda builder: items added, edited and moved inline or without JavaScript; papers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import Document
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}
# Queries per page, whatever the number of rows: session, user, roles, the page's selectors.
BUILDER_QUERIES = 6


def test_agenda_builder_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    few, many = MeetingFactory(), MeetingFactory()
    for meeting, n in ((few, 3), (many, 30)):
        for position in range(1, n + 1):
            item = AgendaItemFactory(meeting=meeting, position=position, number=str(position))
            Document.objects.create(
                meeting=meeting,
                agenda_item=item,
                title="R",
                file="documents/r.pdf",
                original_filename="r.pdf",
                content_type="application/pdf",
                size=1,
                sha256="x",
            )
    with django_assert_num_queries(BUILDER_QUERIES):
        client.get(reverse("meetings:manage-agenda", args=[few.pk]))
    with django_assert_num_queries(BUILDER_QUERIES):
        client.get(reverse("meetings:manage-agenda", args=[many.pk]))


def test_add_item_without_js_redirects_and_with_htmx_returns_the_builder(client_as) -> None:
    meeting = MeetingFactory()
    url = reverse("meetings:manage-agenda-item-add", args=[meeting.pk])
    data = {"title": "Rape Performance", "kind": "report", "paper_status": "none"}
    client = client_as("democratic")
    plain = client.post(url, data)
    assert plain.status_code == 302
    fragment = client.post(url, {**data, "title": "Commissioning Update"}, headers=HX)
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert 'id="agenda-builder"' in body and "Commissioning Update" in body


def test_invalid_item_returns_the_form_with_status_200_for_htmx(client_as) -> None:
    meeting = MeetingFactory()
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-add", args=[meeting.pk]),
        {"title": "", "kind": "report", "paper_status": "none"},
        headers=HX,
    )
    assert response.status_code == 200
    assert services.AGENDA_ITEM_TITLE_REQUIRED in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_edit_opens_inline_for_htmx_and_as_a_page_without_js(client_as) -> None:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, title="Rape Offences")
    url = reverse("meetings:manage-agenda-item-edit", args=[meeting.pk, item.pk])
    client = client_as("democratic")
    fragment = client.get(url, headers=HX).content.decode()
    assert "<html" not in fragment and 'id="agenda-builder"' in fragment
    assert 'value="Rape Offences"' in fragment and "Save item" in fragment
    assert "<html" in client.get(url).content.decode()
    saved = client.post(
        url, {"edit-title": "Rape Performance", "edit-kind": "report", "edit-paper_status": "none"}
    )
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.title == "Rape Performance"


def test_move_buttons_work_without_javascript(client_as) -> None:
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1, number="1", title="First")
    second = AgendaItemFactory(meeting=meeting, position=2, number="2", title="Second")
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-move", args=[meeting.pk, second.pk]),
        {"direction": "up"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.number == "1"


def test_editing_a_published_agenda_without_a_change_note(client_as) -> None:
    meeting = MeetingFactory(published=True)
    item = AgendaItemFactory(meeting=meeting, title="Rape Offences")
    response = client_as("democratic").post(
        reverse("meetings:manage-agenda-item-edit", args=[meeting.pk, item.pk]),
        {"edit-title": "Rape Performance", "edit-kind": "report", "edit-paper_status": "none"},
    )
    assert response.status_code == 200
    assert response.context["edit_form"].errors == {
        "change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]
    }
    item.refresh_from_db()
    assert item.title == "Rape Offences" and not meeting.agenda_versions.exists()


def test_published_agenda_links_moves_to_the_change_note_page(client_as) -> None:
    meeting = MeetingFactory(published=True)
    AgendaItemFactory(meeting=meeting, position=1, number="1")
    item = AgendaItemFactory(meeting=meeting, position=2, number="2")
    client = client_as("democratic")
    page = client.get(reverse("meetings:manage-agenda", args=[meeting.pk])).content.decode()
    move_url = reverse("meetings:manage-agenda-item-move", args=[meeting.pk, item.pk])
    assert f'href="{move_url}?to=up"' in page
    refused = client.post(move_url, {"direction": "up", "change_note": ""})
    assert refused.context["form"].errors == {"change_note": [services.AGENDA_CHANGE_NOTE_REQUIRED]}
    done = client.post(move_url, {"direction": "up", "change_note": "Taken earlier."})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.number == "1"


def upload(client, meeting, name: str, content: bytes, item=None):
    return client.post(
        reverse("meetings:manage-document-upload", args=[meeting.pk]),
        {
            "title": "Commissioner's Update Report",
            "kind": "report",
            "agenda_item": item.pk if item else "",
            "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        },
    )


def test_upload_attaches_a_pdf(client_as) -> None:
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    response = upload(client_as("democratic"), meeting, "update.pdf", pdf_bytes(2), item)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.agenda_item == item and document.page_count == 2


def test_wrong_file_type_is_reported_next_to_the_file(client_as) -> None:
    meeting = MeetingFactory()
    response = upload(client_as("democratic"), meeting, "update.exe", b"MZ\x90\x00")
    assert response.context["form"].errors == {"file": [services.DOCUMENT_TYPE_NOT_ALLOWED]}
    assert 'id="id_file-error"' in response.content.decode()
    assert not Document.objects.exists()


def test_file_over_the_limit_is_reported(client_as, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    response = upload(
        client_as("democratic"), MeetingFactory(), "big.pdf", pdf_bytes(1) + b" " * 2048
    )
    assert response.context["form"].errors == {
        "file": [services.DOCUMENT_TOO_LARGE.format(limit="1 KB")]
    }
    assert not Document.objects.exists()
