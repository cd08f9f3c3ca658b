"""The demo board of 18 September 2024: its redacted item read by OPCC officers only, on every
output, and its requests to the Force in the tracker."""

from __future__ import annotations

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Document, Meeting
from scrutiny.models import TrackedItem

pytestmark = pytest.mark.django_db


def public_text(client: Client, url: str) -> str:
    """The page, or the text of the PDF, that the public gets at `url`."""
    response = client.get(url)
    assert response.status_code == 200, url
    content = b"".join(response) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return content.decode()


def test_demo_board_of_18_september_2024():
    call_command("load_demo", "--force", stdout=StringIO())
    board = Meeting.objects.get(body__slug="cgb", date=datetime.date(2024, 9, 18))
    summary = board.agenda_items.get(title="Operational Summary")
    secret = "Neighbourhood Link"  # in the redacted item's content only
    assert summary.board_item.redacted and secret in summary.board_item.pcc_response
    member, officer, public = Client(), Client(), Client()
    member.login(username="member", password="demo")
    officer.login(username="opcc", password="demo")
    board_url = reverse("governance:cgb-meeting", args=[board.pk])
    assert secret in officer.get(board_url).content.decode()
    assert secret not in member.get(board_url).content.decode()
    panel = Meeting.objects.get(body__slug="pcp", date=datetime.date(2024, 12, 2))
    report = panel.documents.get(kind=Document.Kind.CGB_REPORT)
    assert report.agenda_item.number == "7"
    report_url = reverse("meetings:document-download", args=[panel.pk, report.pk])
    assert "Operational Summary" in public_text(public, report_url)
    for url in (
        reverse("meetings:meeting-detail", args=[panel.pk]),
        report_url,
        reverse("meetings:agenda-pdf", args=[panel.pk]),
        "/meetings/feed.atom",
    ):
        assert secret not in public_text(public, url), url
    assert "0 meetings found" in public_text(public, f"/meetings/?q={secret}")
    requests = TrackedItem.objects.filter(body__slug="cgb", agenda_item__meeting=board)
    to_force = requests.filter(addressee="force")
    assert to_force.count() >= 3
    assert set(to_force.values_list("addressee_person__slug", flat=True)) >= {
        "rob-nixon",
        "david-sandall",
        "alistair-kelly",
    }
    tracker = member.get("/actions/?status=open&body=cgb").content.decode()
    assert "CGB/2024-09-18/4c-1" in tracker
