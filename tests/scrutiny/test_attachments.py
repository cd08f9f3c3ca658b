"""Response attachments: the same upload checks as papers, and a download view that shows an
attachment exactly to those who may read its response (a published one to everyone, a draft's
to internal readers only); the pages link that view, never /media/."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.downloads import FILE_SANDBOX_POLICY
from core.uploads import UPLOAD_DOCX_INFLATES_TOO_MUCH, UPLOAD_PDF_ACTIVE_CONTENT, UPLOAD_POLYGLOT
from scrutiny import services
from scrutiny.models import Response, ResponseAttachment
from tests.core import payloads
from tests.core.test_uploads import stored_names
from tests.meetings.factories import pdf_bytes
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = pytest.mark.django_db


def answered(users, *, submit: bool, filename: str = "answer.pdf", content: bytes | None = None):
    item = TrackedItemFactory()
    response = services.response_save_draft(actor=users["opcc"], item=item, body="Our answer.")
    attachment = services.response_attach(
        actor=users["opcc"],
        response=response,
        filename=filename,
        content=pdf_bytes(2) if content is None else content,
    )
    if submit:
        services.response_submit(actor=users["opcc"], response=response)
    return item, response, attachment


def url_of(attachment: ResponseAttachment) -> str:
    response = attachment.response
    return reverse(
        "scrutiny:response-attachment", args=[response.item_id, response.pk, attachment.pk]
    )


def test_published_response_attachment_is_downloadable_by_the_public(users, client_as) -> None:
    _item, _response, attachment = answered(users, submit=True)
    download = client_as(None).get(url_of(attachment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes(2)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'inline; filename="answer.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"


def test_draft_attachment_is_hidden_from_the_public_and_open_to_internal_readers(
    users, client_as
) -> None:
    _item, _response, attachment = answered(users, submit=False)
    url = url_of(attachment)
    assert client_as(None).get(url).status_code == 404
    roleless = Client()
    roleless.force_login(User.objects.create_user("resident", password="x"))
    assert roleless.get(url).status_code == 404
    for role in ("opcc", "member", "democratic", "admin"):
        assert client_as(role).get(url).status_code == 200, role


def test_attachment_of_an_item_kept_private_is_hidden_from_the_public(users, client_as) -> None:
    item, _response, attachment = answered(users, submit=True)
    item.is_public = False
    item.save(update_fields=["is_public"])
    assert client_as(None).get(url_of(attachment)).status_code == 404
    assert client_as("opcc").get(url_of(attachment)).status_code == 200


def test_attachment_is_found_only_under_its_own_item_and_response(users, client_as) -> None:
    item, response, attachment = answered(users, submit=True)
    other = TrackedItemFactory()
    for args in ([other.pk, response.pk, attachment.pk], [item.pk, response.pk + 1, attachment.pk]):
        url = reverse("scrutiny:response-attachment", args=args)
        assert client_as("opcc").get(url).status_code == 404
    assert client_as("opcc").get(url_of(attachment)).status_code == 200


def test_html_attachment_is_a_sandboxed_download(users, client_as) -> None:
    _item, _response, attachment = answered(
        users, submit=True, filename="annex.html", content=payloads.HTML_PAPER
    )
    download = client_as(None).get(url_of(attachment))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="annex.html"'
    assert download["Content-Security-Policy"] == FILE_SANDBOX_POLICY
    assert "sandbox" in download["Content-Security-Policy"]


def test_item_page_links_the_attachment_through_the_checked_view(users, client_as) -> None:
    item, _response, attachment = answered(users, submit=True)
    page = client_as("member").get(item.get_absolute_url()).content.decode()
    assert f'href="{url_of(attachment)}"' in page
    assert "answer.pdf</a>" in page
    assert "/media/" not in page


def test_draft_form_links_the_attachment_through_the_checked_view(users, client_as) -> None:
    item, _response, attachment = answered(users, submit=False)
    page = client_as("opcc").get(reverse("scrutiny:response-edit", args=[item.pk]))
    html = page.content.decode()
    assert f'href="{url_of(attachment)}"' in html
    assert "/media/" not in html


@pytest.mark.parametrize(
    ("build", "filename", "message"),
    [
        (payloads.pdf_open_action_javascript, "annex.pdf", UPLOAD_PDF_ACTIVE_CONTENT),
        (payloads.pdf_embedded_file, "annex.pdf", UPLOAD_PDF_ACTIVE_CONTENT),
        (payloads.pdf_html_polyglot, "annex.pdf", UPLOAD_POLYGLOT.format(label="PDF")),
        (
            payloads.zip_bomb_docx,
            "annex.docx",
            UPLOAD_DOCX_INFLATES_TOO_MUCH.format(limit="100 MB"),
        ),
    ],
)
def test_hostile_attachment_is_refused_on_the_form_and_nothing_stored(
    users, client_as, build, filename, message
) -> None:
    item = TrackedItemFactory()
    before = stored_names()
    page = client_as("opcc").post(
        reverse("scrutiny:response-edit", args=[item.pk]),
        {
            "body": "Our answer.",
            "position": Response.Position.ANSWERED,
            "action": "save",
            "attachment": SimpleUploadedFile(filename, build()),
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {"attachment": [message]}
    assert not ResponseAttachment.objects.exists()
    assert stored_names() == before
