"""seed_scale spreads items over every panel of the register, unevenly, each row in its parent's
panel and its minutes published; the board, grants and papers come with them, and the pages
read them without their queries growing with the volume."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F
from django.test import Client

from core.models import Panel, PanelHost
from core.permissions import OPCC_OFFICER, PANEL_MEMBER
from governance.models import BoardItem
from grants.models import Application, Award, GrantRound
from meetings.models import AgendaItem, Body, Document, Meeting, Minute, Resolution
from scrutiny.models import Response, Review, TrackedItem
from scrutiny.services.counts import item_counts_computed, item_counts_stored
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def seed(items: int, years: int = 2) -> str:
    out = io.StringIO()
    call_command("seed_scale", items=items, years=years, stdout=out)
    return out.getvalue()


def busiest_panel() -> tuple[Panel, Client]:
    """The panel with the most items, on a host of its own."""
    top = TrackedItem.all_panels.values("panel").annotate(n=Count("pk")).order_by("-n").first()
    assert top is not None
    panel = Panel.objects.get(pk=top["panel"])
    PanelHost.objects.create(panel=panel, name="busiest.testserver", position=9)
    return panel, Client(HTTP_HOST="busiest.testserver")


def test_items_in_every_state_spread_unevenly_over_the_panels(django_assert_max_num_queries):
    output = seed(1000)
    assert "Seeded 1000 tracked items in 41 panels" in output
    assert TrackedItem.all_panels.count() == 1000
    per_panel = Counter(TrackedItem.all_panels.values_list("panel__slug", flat=True))
    assert len(per_panel) >= 35
    assert max(per_panel.values()) >= 10 * min(per_panel.values())
    assert Panel.objects.count() - len(per_panel) <= 3  # the few that record almost nothing
    assert TrackedItem.all_panels.filter(closed_at__isnull=False).exists()
    assert TrackedItem.all_panels.filter(withdrawn_at__isnull=False).exists()
    assert TrackedItem.all_panels.filter(response_status="received").exists()
    assert Response.all_panels.filter(status="submitted").exists()
    assert Review.all_panels.filter(response__status="accepted").exists()
    # Each panel has its own bodies; about ten resolutions a meeting of the panel's bodies.
    assert Body.all_panels.filter(slug="scale-panel").count() == Panel.objects.count()
    held = Meeting.all_panels.filter(minutes_published_at__isnull=False, session="public")
    assert 8 <= Resolution.all_panels.count() / held.count() <= 10
    # Papers on the agenda, the board's requests, the commissioner's published awards.
    assert Document.all_panels.filter(kind="report", agenda_item__isnull=False).exists()
    assert TrackedItem.all_panels.filter(
        source="cgb_request", agenda_item__board_item__isnull=False
    )
    assert Award.all_panels.filter(application__round__status="awards_made").exists()
    assert GrantRound.all_panels.filter(status="open").count() == Panel.objects.count()

    panel, client = busiest_panel()
    client.force_login(make_user("scale-member", PANEL_MEMBER, panel=panel))
    client.get("/actions/?status=overdue")
    with django_assert_max_num_queries(6):
        response = client.get("/actions/?status=overdue")
    assert response.content.decode().count('href="/actions/') >= 25


def test_every_row_is_in_its_parents_panel_and_the_pages_read_them():
    seed(400)
    assert not Meeting.all_panels.exclude(panel=F("body__panel")).exists()
    assert not AgendaItem.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not Document.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not Minute.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not Minute.all_panels.exclude(body=F("meeting__body")).exists()
    assert not Resolution.all_panels.exclude(panel=F("minute__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("body__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("resolution__panel")).exists()
    assert not Response.all_panels.exclude(panel=F("item__panel")).exists()
    assert not BoardItem.all_panels.exclude(panel=F("agenda_item__panel")).exists()
    assert not Application.all_panels.exclude(panel=F("round__panel")).exists()
    assert not Application.all_panels.exclude(panel=F("organisation__panel")).exists()
    # Held meetings have their minutes out, confirmed unless the meeting was in the last weeks;
    # the meetings to come have their agenda out, or are still only scheduled.
    held = Meeting.all_panels.filter(minutes_published_at__isnull=False)
    assert set(held.values_list("status", flat=True)) <= {"minutes_confirmed", "minutes_draft"}
    assert held.filter(status="minutes_confirmed").exists()
    upcoming = Meeting.all_panels.filter(minutes_published_at__isnull=True)
    assert set(upcoming.values_list("status", flat=True)) == {"agenda_published", "scheduled"}

    # The public reads a meeting's resolutions and its papers on the panel's own site.
    panel, client = busiest_panel()
    resolution = Resolution.all_panels.filter(panel=panel).select_related("minute").first()
    assert resolution is not None
    page = client.get(f"/meetings/{resolution.minute.meeting_id}/").content.decode()
    assert resolution.text in page
    assert resolution.minute.title in page
    assert f"Report: {resolution.minute.title}" in page

    # The derived tables are rebuilt after the bulk insert: the dashboard's counts match the
    # items, and (on PostgreSQL, where it is read) the stored search document finds the text.
    assert item_counts_stored() == item_counts_computed()
    if connection.vendor == "postgresql":
        assert not Resolution.all_panels.filter(search_document__isnull=True).exists()

    # Staff read the board's meetings, and everyone the commissioner's awards.
    client.force_login(make_user("scale-opcc", OPCC_OFFICER, panel=panel))
    assert client.get("/cgb/").status_code == 200
    awards = client.get("/grants/").content.decode()
    award = Award.all_panels.filter(panel=panel).select_related("application").first()
    assert award is not None
    assert award.application.project_title in awards


def test_it_seeds_beside_a_panels_own_body_once_and_refuses_a_second_run(panel):
    Body.objects.create(name=panel.name, slug="pcp", kind=Body.Kind.PANEL)  # the demo's own
    Body.objects.create(name="Corporate Governance Board", slug="cgb", kind=Body.Kind.BOARD)
    seed(50)
    assert Body.objects.filter(name=f"{panel.name} (scale data)", slug="scale-panel").exists()
    assert Body.objects.filter(slug="cgb").count() == 1
    with pytest.raises(CommandError, match="already here"):
        seed(50)
    assert TrackedItem.all_panels.count() == 50
