"""load_panels loads the national register: the 41 panels, by slug, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from core.models import Panel, PanelHost
from core.panels import panel_for_host
from core.register import register_read

pytestmark = pytest.mark.django_db

PFCPS = {"cumbria", "essex", "northamptonshire", "staffordshire"}
# South Yorkshire's mayor has held the commissioner's functions since 7 May 2024.
MAYORAL = {"greater-manchester", "west-yorkshire", "south-yorkshire", "north-yorkshire"}


def load(**options: object) -> str:
    out = io.StringIO()
    call_command("load_panels", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def registered() -> dict[str, Panel]:
    return {p.slug: p for p in Panel.objects.filter(slug__in=[e.slug for e in register_read()])}


def test_the_register_holds_the_41_panels_of_england_and_wales():
    entries = register_read()
    assert len(entries) == len({e.slug for e in entries}) == len({e.name for e in entries}) == 41
    assert "London" not in {e.police_area for e in entries}
    assert {e.slug for e in entries if e.kind == Panel.Kind.PFCP} == PFCPS
    assert {e.slug for e in entries if e.kind == Panel.Kind.MAYORAL} == MAYORAL
    assert {e.kind for e in entries} <= set(Panel.Kind.values)


def test_load_panels_creates_them_once(panel):
    # The LLR panel exists already (the test panel): it is updated in place, not duplicated.
    assert load() == "Panels: 40 created, 0 updated; 0 development hosts added.\n"
    assert load() == "Panels: 0 created, 0 updated; 0 development hosts added.\n"
    panels = registered()
    assert len(panels) == 41
    assert {s for s, p in panels.items() if p.kind == Panel.Kind.PFCP} == PFCPS
    assert {s for s, p in panels.items() if p.kind == Panel.Kind.MAYORAL} == MAYORAL
    assert panels["essex"].commissioner_title == "Police, Fire and Crime Commissioner"
    assert panels["west-yorkshire"].commissioner_title == "Mayor of West Yorkshire"
    assert panels["kent"].commissioner_title == "Police and Crime Commissioner"
    assert panels["llr"].host_authority == "Leicestershire County Council"
    # Without --dev-hosts no panel is given a host.
    assert not PanelHost.objects.filter(panel__in=panels.values()).exclude(panel=panel).exists()


def test_a_changed_panel_is_restored_and_what_operators_set_is_kept(panel):
    Panel.objects.filter(pk=panel.pk).update(name="Renamed by mistake", contact_email="pcp@x.org")
    assert "1 updated" in load()
    llr = Panel.objects.get(pk=panel.pk)
    assert llr.name == "Leicester, Leicestershire and Rutland Police and Crime Panel"
    assert llr.contact_email == "pcp@x.org"
    assert llr.is_default
    assert list(llr.hosts.values_list("name", flat=True)) == ["testserver", "llr.localhost"]


def test_dev_hosts_give_each_panel_its_localhost_address_once(panel):
    assert "40 development hosts added" in load(dev_hosts=True)  # llr.localhost is the LLR's
    assert "0 development hosts added" in load(dev_hosts=True)
    assert panel_for_host("kent.localhost:8000").slug == "kent"
    assert panel_for_host("north-yorkshire.localhost").name == (
        "North Yorkshire Police, Fire and Crime Panel"
    )
    assert list(panel.hosts.values_list("name", flat=True)) == ["testserver", "llr.localhost"]


def test_a_host_another_panel_claims_is_left_with_it(panel):
    PanelHost.objects.create(panel=panel, name="kent.localhost", position=5)
    err = io.StringIO()
    call_command("load_panels", dev_hosts=True, stdout=io.StringIO(), stderr=err)
    assert "kent.localhost is already another panel's host" in err.getvalue()
    assert PanelHost.objects.get(name="kent.localhost").panel == panel
