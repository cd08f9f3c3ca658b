"""Tenancy at the request: roles are per panel, the host names the panel, and a streamed body
is read inside the panel that answered the request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.http import HttpRequest, StreamingHttpResponse
from django.test import Client, RequestFactory

from core.models import PanelHost
from core.panels import PanelMiddleware
from core.permissions import (
    ADMINISTRATOR,
    OPCC_OFFICER,
    can_read_internal,
    can_respond,
    roles_of,
)
from core.tenancy import current_panel_or_none, panel_scope
from meetings.models import Body
from tests.conftest import make_user
from tests.core.test_tenancy import no_panel
from tests.meetings.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db
NORTHSHIRE_HOST = "northshire.testserver"


def test_an_officer_of_one_panel_is_nobody_in_another(panel, other_panel):
    officer = make_user("officer", OPCC_OFFICER, panel=panel)
    assert roles_of(officer) == {OPCC_OFFICER} and can_respond(officer)
    with panel_scope(other_panel):
        # The same user object: the cached roles are LLR's and must not be reused here.
        assert roles_of(officer) == frozenset()
        assert not can_read_internal(officer)
    assert roles_of(officer) == {OPCC_OFFICER}


def test_roles_held_in_two_panels_are_each_panels_own(panel, other_panel):
    officer = make_user("officer", OPCC_OFFICER, panel=panel)
    officer.panel_roles.create(panel=other_panel, role=ADMINISTRATOR)
    assert roles_of(officer) == {OPCC_OFFICER}
    with panel_scope(other_panel):
        assert roles_of(officer) == {ADMINISTRATOR}


def test_the_national_administrator_is_administrator_in_every_panel(panel, other_panel):
    national = make_user("national", None)
    national.is_superuser = True
    national.save()
    assert roles_of(national) == {ADMINISTRATOR}
    with panel_scope(other_panel):
        assert roles_of(national) == {ADMINISTRATOR}


def _meeting_titled(title: str) -> None:
    MeetingFactory(title=title, published=True)


def test_each_host_shows_its_own_panels_meetings(panel, other_panel):
    _meeting_titled("LLR budget meeting")
    with panel_scope(other_panel):
        _meeting_titled("Northshire budget meeting")
    ours = Client().get("/meetings/").content.decode()
    theirs = Client(HTTP_HOST=NORTHSHIRE_HOST).get("/meetings/").content.decode()
    assert "LLR budget meeting" in ours and "Northshire budget meeting" not in ours
    assert "Northshire budget meeting" in theirs and "LLR budget meeting" not in theirs


def test_a_host_no_panel_claims_gets_the_default_panel(panel, other_panel):
    _meeting_titled("LLR budget meeting")
    page = Client(HTTP_HOST="unclaimed.example.org").get("/meetings/")
    assert page.status_code == 200
    assert "LLR budget meeting" in page.content.decode()


def test_with_no_default_panel_an_unclaimed_host_gets_404(panel, other_panel):
    panel.is_default = False
    panel.save()  # the host map is dropped when a panel is saved
    assert Client(HTTP_HOST="unclaimed.example.org").get("/meetings/").status_code == 404
    assert Client().get("/meetings/").status_code == 200  # testserver is still LLR's


def test_a_host_added_to_a_panel_takes_effect_at_once(panel, other_panel):
    with panel_scope(other_panel):
        _meeting_titled("Northshire budget meeting")
    client = Client(HTTP_HOST="scrutiny.northshire.example")
    assert "Northshire budget meeting" not in client.get("/meetings/").content.decode()
    host = PanelHost.objects.create(panel=other_panel, name="scrutiny.northshire.example")
    assert "Northshire budget meeting" in client.get("/meetings/").content.decode()
    host.delete()
    assert "Northshire budget meeting" not in client.get("/meetings/").content.decode()


def _bodies_streamed(request: HttpRequest) -> StreamingHttpResponse:
    def rows() -> Iterator[str]:
        # Read as the body is sent, after the view (and its panel_scope) has returned.
        yield from (
            f"{name}\n" for name in Body.objects.order_by("name").values_list("name", flat=True)
        )

    return StreamingHttpResponse(rows())


def test_a_streamed_body_is_read_inside_the_requests_panel(panel, other_panel):
    BodyFactory(name="LLR panel")
    with panel_scope(other_panel):
        BodyFactory(name="Northshire panel")
    request = RequestFactory().get("/export.csv", HTTP_HOST=NORTHSHIRE_HOST)
    response = PanelMiddleware(_bodies_streamed)(request)
    assert isinstance(response, StreamingHttpResponse)
    with no_panel():
        body = b"".join(response.streaming_content).decode()
        assert current_panel_or_none() is None  # the panel was set for the body only
    assert body == "Northshire panel\n"


def test_the_admin_shows_the_history_of_its_own_panels_records_only(panel, other_panel):
    """simple-history's admin would fall back to the history rows of a record outside its
    queryset; on another panel's site the record is not found."""
    meeting = MeetingFactory(title="LLR budget meeting")
    national = make_user("national", None)
    national.is_staff = national.is_superuser = True
    national.save()
    url = f"/admin/meetings/meeting/{meeting.pk}/history/"
    ours, theirs = Client(), Client(HTTP_HOST=NORTHSHIRE_HOST)
    ours.force_login(national)
    theirs.force_login(national)
    assert "LLR budget meeting" in ours.get(url).content.decode()
    response = theirs.get(url)
    assert response.status_code == 404
    assert "LLR budget meeting" not in response.content.decode()


def test_a_slug_taken_in_the_panel_is_a_form_error_and_free_in_another(panel, other_panel):
    BodyFactory(slug="pcp", name="Police and Crime Panel")
    national = make_user("national", ADMINISTRATOR)
    form = {"name": "Another panel", "slug": "pcp", "kind": "panel", "reference_prefix": "PCP"}
    ours, theirs = Client(), Client(HTTP_HOST=NORTHSHIRE_HOST)
    ours.force_login(national)
    theirs.force_login(national)
    refused = ours.post("/admin/meetings/body/add/", form)
    assert refused.status_code == 200
    assert "Body with this Panel and Slug already exists." in refused.content.decode()
    assert theirs.post("/admin/meetings/body/add/", form).status_code == 302
    with panel_scope(other_panel):
        assert Body.objects.get(slug="pcp").name == "Another panel"
