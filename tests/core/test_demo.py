"""`load_demo`: the demo panels with their hosts, logins and data, each panel's site showing its
own name, colours and records and none of another's; safe to run twice."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from core.models import DomainEvent, Panel, PanelRole
from core.permissions import DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER
from core.tenancy import panel_scope
from meetings.models import AgendaItem, Body, Meeting, Resolution
from scrutiny.models import TrackedItem

pytestmark = pytest.mark.django_db

INVENTED = {
    "northshire": "Northshire Police, Fire and Crime Panel",
    "westmarch": "Westmarch Police and Crime Panel",
}
LLR = "Leicester, Leicestershire and Rutland Police and Crime Panel"


def test_load_demo_refuses_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("load_demo")
    assert not User.objects.exists()


def _snapshot() -> dict[str, object]:
    from django.apps import apps

    counts: dict[str, object] = {}
    for model in apps.get_models():
        manager = getattr(model, "all_panels", model._default_manager)
        counts[model._meta.label] = manager.count()
    counts["passwords"] = sorted(User.objects.values_list("password", flat=True))
    counts["events"] = DomainEvent.all_panels.count()
    counts["hosts"] = sorted(Panel.objects.values_list("slug", "hosts__name", "hosts__position"))
    return counts


@pytest.fixture
def demo() -> dict[str, Panel]:
    call_command("load_demo", "--force", stdout=StringIO())
    return {panel.slug: panel for panel in Panel.objects.all()}


def test_loading_twice_changes_nothing(demo):
    first = _snapshot()
    call_command("load_demo", "--force", stdout=StringIO())
    assert _snapshot() == first


def test_the_panels_and_their_hosts(demo):
    assert set(demo) == {"llr", *INVENTED}
    llr = demo["llr"]
    assert (llr.name, llr.short_name, llr.police_area, llr.host_authority) == (
        LLR,
        "LLR Police and Crime Panel",
        "Leicestershire",
        "Leicestershire County Council",
    )
    assert llr.kind == Panel.Kind.PCP and llr.is_default and not llr.notice
    # The test panel answers "testserver" too (tests/conftest.py); the demo's hosts follow it.
    hosts = list(llr.hosts.order_by("position", "id").values_list("name", flat=True))
    assert [h for h in hosts if h != "testserver"] == ["llr.localhost", "127.0.0.1", "localhost"]
    northshire, westmarch = demo["northshire"], demo["westmarch"]
    assert (northshire.name, northshire.kind) == (INVENTED["northshire"], Panel.Kind.PFCP)
    assert northshire.commissioner_title == "Police, Fire and Crime Commissioner"
    assert (westmarch.name, westmarch.kind) == (INVENTED["westmarch"], Panel.Kind.MAYORAL)
    for slug in INVENTED:
        assert list(demo[slug].hosts.values_list("name", flat=True)) == [f"{slug}.localhost"]
        assert "Invented demo data" in demo[slug].notice
        assert not demo[slug].is_default


def test_roles_are_held_in_their_own_panel(demo):
    def roles(username: str) -> set[tuple[str, str]]:
        rows = PanelRole.all_panels.filter(user__username=username)
        return set(rows.values_list("panel__slug", "role"))

    assert roles("member") == {("llr", PANEL_MEMBER)}
    assert roles("opcc") == {("llr", OPCC_OFFICER)}
    assert roles("democratic") == {("llr", DEMOCRATIC_SERVICES)}
    assert User.objects.get(username="admin").is_superuser
    for slug in INVENTED:
        assert roles(f"{slug}-member") == {(slug, PANEL_MEMBER)}
        assert roles(f"{slug}-opcc") == {(slug, OPCC_OFFICER)}
        assert roles(f"{slug}-democratic") == {(slug, DEMOCRATIC_SERVICES)}
    for username in ("member", "northshire-opcc", "westmarch-democratic", "admin"):
        assert User.objects.get(username=username).check_password("demo")


def test_llr_holds_the_seed_papers_data_and_the_invented_panels_their_own(demo):
    with panel_scope(demo["llr"]):
        assert Meeting.objects.count() == 8
        assert TrackedItem.objects.filter(reference="PCP/2024-10-28/29(c)").exists()
        assert Body.objects.filter(slug="cgb").exists()
    for slug in INVENTED:
        with panel_scope(demo[slug]):
            meetings = list(Meeting.objects.all())
            assert 3 <= len(meetings) <= 4
            held = [m for m in meetings if m.minutes_published_at]
            assert len(held) == 2
            assert Resolution.objects.filter(minute__meeting__in=held).count() >= 2
            assert [m for m in meetings if m.date >= timezone.localdate()]  # one to come
            items = list(TrackedItem.objects.all())
            assert any(item.is_overdue() for item in items)
            assert any(item.closed_at for item in items)
            assert not Body.objects.filter(slug="cgb").exists()
            assert not Meeting.objects.filter(date__year=2024).exists()


def _llr_titles() -> set[str]:
    """Words only LLR's pages carry: its reports' titles and its meetings' dates."""
    reports = AgendaItem.objects.filter(kind=AgendaItem.Kind.REPORT)
    return {*reports.values_list("title", flat=True), "Leicester", "28 October 2024"}


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_each_site_shows_its_own_panel_and_none_of_llrs_records(demo):
    with panel_scope(demo["llr"]):
        llr_words = _llr_titles()
        llr_meeting = Meeting.objects.get(body__slug="pcp", date="2024-10-28")
    assert "Presentation of a New Draft Police and Crime Plan." in llr_words
    for slug, name in INVENTED.items():
        public = Client(HTTP_HOST=f"{slug}.localhost")
        member = Client(HTTP_HOST=f"{slug}.localhost")
        with panel_scope(demo[slug]):
            member.force_login(User.objects.get(username=f"{slug}-member"))
            urls = [m.get_absolute_url() for m in Meeting.objects.all()]
        home = _text(public, "/")
        assert re.search(rf'<h1 class="govuk-heading-l">{name}</h1>', home)
        assert "Invented demo data" in home
        assert demo[slug].commissioner_title in home
        pages = {url: _text(public, url) for url in ["/", "/meetings/", "/decisions/", *urls]}
        pages["/actions/"] = _text(member, "/actions/")
        for url, html in pages.items():
            assert name in html, url
            assert [w for w in llr_words if w in html] == [], url
        # LLR's meeting is no page of theirs, for the public or their own member.
        assert public.get(llr_meeting.get_absolute_url()).status_code == 404
        assert member.get(llr_meeting.get_absolute_url()).status_code == 404
    llr_home = _text(Client(HTTP_HOST="llr.localhost"), "/meetings/")
    assert LLR in llr_home and "28 October 2024" in llr_home
    assert not [name for name in INVENTED.values() if name in llr_home]


def test_an_officer_of_one_panel_is_nobody_in_another(demo):
    member = Client(HTTP_HOST="northshire.localhost")
    with panel_scope(demo["northshire"]):
        member.force_login(User.objects.get(username="member"))
    assert member.get("/actions/").status_code == 403
    theirs = Client()
    theirs.force_login(User.objects.get(username="northshire-member"))
    assert theirs.get("/actions/").status_code == 403
