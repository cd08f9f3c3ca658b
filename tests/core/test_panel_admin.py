"""Panels in the admin: set up by the national administrator only, with their host names; a
user's roles given per panel on the user's page; the groups admin gone."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from core.models import Panel, PanelHost, PanelRole
from core.permissions import OPCC_OFFICER, PANEL_MEMBER
from core.tenancy import panel_scope
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
NORTH = "northshire.testserver"


def admin_client(host: str = "testserver") -> Client:
    client = Client(HTTP_HOST=host)
    client.force_login(User.objects.create_superuser("root", "root@x.org", "demo"))
    return client


def panel_form(**fields: str) -> dict[str, str]:
    data = {
        "name": "Eastmere Police and Crime Panel",
        "short_name": "Eastmere PCP",
        "slug": "eastmere",
        "kind": Panel.Kind.PCP,
        "commissioner_title": "Police and Crime Commissioner",
        "police_area": "Eastmere",
        "host_authority": "Eastmere Borough Council",
        "header_colour": "#4c2c92",
        "accent_colour": "#ffdd00",
        "hosts-TOTAL_FORMS": "1",
        "hosts-INITIAL_FORMS": "0",
        "hosts-MIN_NUM_FORMS": "0",
        "hosts-MAX_NUM_FORMS": "1000",
        "hosts-0-name": "eastmere.localhost",
        "hosts-0-position": "0",
    }
    return data | fields


def test_the_national_administrator_sets_up_a_panel_with_its_hosts(panel):
    client = admin_client()
    assert client.get("/admin/core/panel/").status_code == 200
    response = client.post("/admin/core/panel/add/", panel_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    eastmere = Panel.objects.get(slug="eastmere")
    assert list(eastmere.hosts.values_list("name", flat=True)) == ["eastmere.localhost"]
    # The new panel answers its host at once, in its own colours.
    css = Client(HTTP_HOST="eastmere.localhost").get("/panel.css").content.decode()
    assert "background: #4c2c92" in css


def test_a_colour_that_is_not_hex_is_refused(panel):
    response = admin_client().post("/admin/core/panel/add/", panel_form(header_colour="red"))
    assert response.status_code == 200
    assert "Give a colour as #rrggbb." in response.content.decode()
    assert not Panel.objects.filter(slug="eastmere").exists()


def test_staff_who_are_not_national_administrators_cannot_change_panels(panel):
    staff = make_user("staff", None)
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="core"))
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/core/panel/add/").status_code == 403
    page = client.get(f"/admin/core/panel/{panel.pk}/change/")
    assert page.status_code == 200 and "Save" not in page.content.decode()  # read only
    client.post(f"/admin/core/panel/{panel.pk}/change/", panel_form(name="Renamed"))
    assert Panel.objects.get(pk=panel.pk).name == panel.name
    assert client.post(f"/admin/core/panel/{panel.pk}/delete/", {"post": "yes"}).status_code == 403


def test_the_user_page_shows_and_gives_roles_in_the_panel_it_is_opened_on(panel, other_panel):
    officer = make_user("officer", PANEL_MEMBER)
    PanelRole.all_panels.create(panel=other_panel, user=officer, role=OPCC_OFFICER)
    url = f"/admin/auth/user/{officer.pk}/change/"
    llr = admin_client().get(url).content.decode()
    assert "Roles in this panel" in llr
    assert f'value="{PANEL_MEMBER}" selected' in llr
    assert f'value="{OPCC_OFFICER}" selected' not in llr
    # The empty row offers no role until one is chosen, so saving the page as it is adds none.
    assert re.search(r'name="panel_roles-1-role"[^>]*>\s*<option value="" selected>', llr)
    north = Client(HTTP_HOST=NORTH)
    with panel_scope(other_panel):
        north.force_login(User.objects.get(username="root"))
    page = north.get(url).content.decode()
    assert f'value="{OPCC_OFFICER}" selected' in page
    assert f'value="{PANEL_MEMBER}" selected' not in page
    assert "Groups" not in page and "groups" not in page


def _user_form(user: User, **roles: str) -> dict[str, str]:
    data = {
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
        "panel_roles-TOTAL_FORMS": str(len(roles)),
        "panel_roles-INITIAL_FORMS": "0",
        "panel_roles-MIN_NUM_FORMS": "0",
        "panel_roles-MAX_NUM_FORMS": "1000",
    }
    for index, role in enumerate(roles.values()):
        data[f"panel_roles-{index}-role"] = role
        data[f"panel_roles-{index}-user"] = str(user.pk)
    return data


def test_a_role_given_on_another_panels_site_is_held_there_only(panel, other_panel):
    officer = make_user("officer", None)
    north = Client(HTTP_HOST=NORTH)
    with panel_scope(other_panel):
        north.force_login(User.objects.create_superuser("root", "root@x.org", "demo"))
    response = north.post(
        f"/admin/auth/user/{officer.pk}/change/", _user_form(officer, a=OPCC_OFFICER)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    held = PanelRole.all_panels.filter(user=officer)
    assert list(held.values_list("panel__slug", "role")) == [("northshire", OPCC_OFFICER)]


def test_a_role_given_twice_is_refused_with_a_message(panel):
    officer = make_user("officer", PANEL_MEMBER)
    client = admin_client()
    twice = _user_form(officer, a=OPCC_OFFICER, b=OPCC_OFFICER)
    assert (
        "Give each role once."
        in client.post(f"/admin/auth/user/{officer.pk}/change/", twice).content.decode()
    )
    again = client.post("/admin/core/panelrole/add/", {"user": officer.pk, "role": PANEL_MEMBER})
    assert again.status_code == 200
    assert "already holds the role Panel member in this panel" in again.content.decode()
    assert PanelRole.all_panels.filter(user=officer).count() == 1


def test_roles_are_no_longer_groups_in_the_admin(panel):
    client = admin_client()
    assert client.get("/admin/auth/group/").status_code == 404
    assert "/admin/auth/group/" not in client.get("/admin/").content.decode()


def test_a_host_is_never_deleted_through_the_panel_page(panel):
    host = PanelHost.objects.get(name="testserver")
    page = admin_client().get(f"/admin/core/panel/{panel.pk}/change/").content.decode()
    assert f'name="hosts-0-id" value="{host.pk}"' in page
    assert "hosts-0-DELETE" not in page
