"""Agenda pack and minutes PDFs: real PDFs, the minute text in them, exempt text never."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Document, Meeting
from meetings.services.publishing import generated_document_current, meeting_pdf_store
from meetings.tasks import meeting_pdf_build
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

SECRET = "OPERATIONAL-SECRET-TEXT"
PUBLISHED_AT = datetime.datetime(2024, 11, 22, 9, 0, tzinfo=datetime.UTC)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def meeting() -> Meeting:
    meeting = MeetingFactory(
        published=True,
        status=Meeting.Status.MINUTES_DRAFT,
        minutes_published_at=PUBLISHED_AT,
    )
    item = AgendaItemFactory(
        meeting=meeting,
        number="1",
        title="Minutes of the meeting held on 28 October 2024.",
        page_start=3,
        page_end=8,
    )
    DocumentFactory(meeting=meeting, agenda_item=item, title="Minutes paper")
    exempt = AgendaItemFactory(
        meeting=meeting,
        number="12",
        title="Operational Summary",
        exempt=True,
        exempt_reason="Paragraph 7",
        description=f"Item {SECRET}",
    )
    DocumentFactory(
        meeting=meeting,
        agenda_item=exempt,
        title="Exempt paper",
        file=None,
    )
    minute = MinuteFactory(meeting=meeting, number=29, title="New Draft Police and Crime Plan.")
    MinutePointFactory(minute=minute, label="(iv)", text="The illegal use of e-scooters.")
    ResolutionFactory(
        minute=minute, label="(c)", text="That the PCC be requested to submit a written response."
    )
    hidden = MinuteFactory(meeting=meeting, agenda_item=exempt, number=30, title="Operational")
    hidden.preamble = f"Minute {SECRET}"
    hidden.save()
    ResolutionFactory(minute=hidden, text=f"Resolution {SECRET}")
    return meeting


def test_agenda_pdf_is_a_pdf_with_page_ranges(client_as, meeting):
    response = client_as(None).get(reverse("meetings:agenda-pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Minutes of the meeting held on 28 October 2024." in text
    # The stored range (3-8) gives way to where the paper really is in this pack: page 2.
    assert "Pages 3 - 8" not in text
    assert "28 October 2024. Page 2" in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text  # every page numbered
    assert "Operational Summary" in text and "Exempt" in text.title()
    assert SECRET not in text
    # The front sheet, then the (one-page) public paper; the exempt paper is left out.
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2


def test_minutes_pdf_contains_the_minutes_not_exempt_text(client_as, meeting):
    response = client_as(None).get(reverse("meetings:minutes-pdf", args=[meeting.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "The illegal use of e-scooters." in text
    assert "(c) That the PCC be requested to submit a written response." in text
    assert "DRAFT" in text
    assert SECRET not in text


def test_pdfs_are_404_for_private_and_unpublished(client_as):
    private = MeetingFactory(
        published=True, session=Meeting.Session.PRIVATE, minutes_published_at=PUBLISHED_AT
    )
    unpublished = MeetingFactory()
    for meeting in (private, unpublished):
        for name in ("meetings:agenda-pdf", "meetings:minutes-pdf"):
            url = reverse(name, args=[meeting.pk])
            assert client_as(None).get(url).status_code == 404
            # PDFs are the public version, so even staff get one only once it is public.
            assert client_as("member").get(url).status_code == 404


def test_minutes_pdf_is_404_before_the_minutes_are_published(client_as):
    meeting = MeetingFactory(published=True)
    assert client_as(None).get(reverse("meetings:agenda-pdf", args=[meeting.pk])).status_code == 200
    url = reverse("meetings:minutes-pdf", args=[meeting.pk])
    assert client_as(None).get(url).status_code == 404


def test_task_stores_the_pdf_and_the_view_serves_it(client_as, meeting):
    document_id = meeting_pdf_build.delay(meeting.pk, Document.Kind.MINUTES).get()
    document = Document.objects.get(pk=document_id)
    assert document.kind == Document.Kind.MINUTES
    assert document.exempt is False
    stored = document.file.open("rb").read()
    assert "e-scooters" in pdf_text(stored)
    response = client_as(None).get(reverse("meetings:minutes-pdf", args=[meeting.pk]))
    assert b"".join(response.streaming_content) == stored


def test_storing_again_supersedes_the_previous_rendering(meeting):
    first = meeting_pdf_store(meeting=meeting, kind=Document.Kind.AGENDA_PACK)
    Document.objects.filter(pk=first.pk).update(sha256="0" * 64)
    second = meeting_pdf_store(meeting=meeting, kind=Document.Kind.AGENDA_PACK)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert generated_document_current(meeting=meeting, kind=Document.Kind.AGENDA_PACK) == second


def test_generated_papers_are_not_listed_twice_on_the_meeting_page(client_as, meeting):
    meeting_pdf_store(meeting=meeting, kind=Document.Kind.AGENDA_PACK)
    content = client_as(None).get(reverse("meetings:meeting-detail", args=[meeting.pk])).content
    assert content.count(b"Agenda pack") == 1


def test_task_skips_meetings_that_are_not_public():
    meeting = MeetingFactory()
    assert meeting_pdf_build.delay(meeting.pk, Document.Kind.AGENDA_PACK).get() is None
    assert meeting_pdf_build.delay(999999, Document.Kind.AGENDA_PACK).get() is None
    with pytest.raises(ValidationError):
        meeting_pdf_store(meeting=meeting, kind=Document.Kind.REPORT)


def test_pack_appends_public_pdf_papers_in_order(meeting):
    from meetings.pdf import agenda_pack_pdf

    item = meeting.agenda_items.get(number="1")
    DocumentFactory(meeting=meeting, agenda_item=item, title="Three pages", file=None, page_count=3)
    Document.objects.filter(title="Three pages").update(file="")
    # A paper whose file is missing is skipped, not fatal.
    content = agenda_pack_pdf(meeting)
    assert len(PdfReader(io.BytesIO(content)).pages) == 2
    assert pdf_bytes(1).startswith(b"%PDF")


def test_agenda_pack_numbers_every_page_and_the_agenda_shows_the_same_ranges(users):
    from pypdf import PdfReader

    from meetings.models import AgendaItem
    from meetings.services.documents import document_attach
    from meetings.services.publishing import meeting_pdf_store
    from tests.meetings.factories import AgendaItemFactory, MeetingFactory, pdf_bytes

    meeting = MeetingFactory(published=True)
    first = AgendaItemFactory(meeting=meeting, position=1, title="Commissioner's Update")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Medium Term Financial Plan")
    for item, pages in ((first, 3), (second, 2)):
        document_attach(
            meeting=meeting,
            agenda_item=item,
            actor=users["democratic"],
            title=f"Report for {item.title}",
            kind="report",
            filename="report.pdf",
            content=pdf_bytes(pages),
            content_type="application/pdf",
        )
    document = meeting_pdf_store(meeting=meeting, kind="agenda_pack")
    reader = PdfReader(document.file.open("rb"))
    total = len(reader.pages)
    front = total - 5
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.page_start, first.page_end) == (front + 1, front + 3)
    assert (second.page_start, second.page_end) == (front + 4, front + 5)
    assert f"Pages {front + 1} - {front + 3}" in reader.pages[0].extract_text()
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    assert AgendaItem.history.filter(id=first.pk, page_start=front + 1).exists()
