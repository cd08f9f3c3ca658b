"""seed_scale spreads items over every panel of the register, unevenly, each row in its parent's
panel and its minutes published; the dashboard's queries do not grow with the volume."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F
from django.test import Client

from core.models import Panel, PanelHost
from core.permissions import PANEL_MEMBER
from meetings.models import Body, Meeting, Minute, Resolution
from scrutiny.models import Response, TrackedItem
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def seed(items: int) -> str:
    out = io.StringIO()
    call_command("seed_scale", items=items, stdout=out)
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
    # Each panel has its own bodies; about ten resolutions a meeting.
    assert Body.all_panels.filter(slug="scale-panel").count() == Panel.objects.count()
    assert 8 <= Resolution.all_panels.count() / Meeting.all_panels.count() <= 10

    panel, client = busiest_panel()
    client.force_login(make_user("scale-member", PANEL_MEMBER, panel=panel))
    client.get("/actions/?status=overdue")
    with django_assert_max_num_queries(6):
        response = client.get("/actions/?status=overdue")
    assert response.content.decode().count('href="/actions/') >= 25


def test_every_row_is_in_its_parents_panel_and_the_minutes_are_published():
    seed(400)
    assert not Meeting.all_panels.exclude(panel=F("body__panel")).exists()
    assert not Minute.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not Minute.all_panels.exclude(body=F("meeting__body")).exists()
    assert not Resolution.all_panels.exclude(panel=F("minute__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("meeting__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("body__panel")).exists()
    assert not TrackedItem.all_panels.exclude(panel=F("resolution__panel")).exists()
    assert not Response.all_panels.exclude(panel=F("item__panel")).exists()
    assert set(Meeting.all_panels.values_list("status", flat=True)) == {"minutes_confirmed"}
    assert not Meeting.all_panels.filter(minutes_published_at__isnull=True).exists()

    # The public reads a meeting's resolutions on the panel's own site.
    panel, client = busiest_panel()
    resolution = Resolution.all_panels.filter(panel=panel).select_related("minute").first()
    assert resolution is not None
    page = client.get(f"/meetings/{resolution.minute.meeting_id}/").content.decode()
    assert resolution.text in page
    assert resolution.minute.title in page


def test_it_seeds_beside_a_panels_own_body_once_and_refuses_a_second_run(panel):
    Body.objects.create(name=panel.name, slug="pcp", kind=Body.Kind.PANEL)  # the demo's own
    seed(50)
    assert Body.objects.filter(name=f"{panel.name} (scale data)", slug="scale-panel").exists()
    with pytest.raises(CommandError, match="already here"):
        seed(50)
    assert TrackedItem.all_panels.count() == 50
