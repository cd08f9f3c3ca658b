"""Democratic services screens: who may use them, and the meeting list. Each screen's own
behaviour is tested beside it: test_manage_meetings, _agenda, _attendance, _minutes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MinuteFactory,
)

pytestmark = pytest.mark.django_db

S = Meeting.Status
HX = {"HX-Request": "true"}
# Queries per page, whatever the number of rows: session, user, roles, the bodies for the
# filter and the page of meetings (one row more than it shows: nothing is counted).
LIST_QUERIES = 5


@pytest.fixture
def world():
    body = BodyFactory()
    meeting = MeetingFactory(body=body, status=S.HELD)
    person = MembershipFactory(body=body).person
    return {
        "meeting": meeting,
        "item": AgendaItemFactory(meeting=meeting),
        "minute": MinuteFactory(meeting=meeting),
        "person": person,
    }


def url_for(name: str, world: dict) -> str:
    m = world["meeting"].pk
    args = {
        "manage-meeting-list": [],
        "manage-meeting-create": [],
        "manage-agenda-item-edit": [m, world["item"].pk],
        "manage-agenda-item-move": [m, world["item"].pk],
        "manage-agenda-item-withdraw": [m, world["item"].pk],
        "manage-attendance-record": [m, world["person"].pk],
        "manage-minute-edit": [m, world["minute"].pk],
        "manage-minute-point-add": [m, world["minute"].pk],
        "manage-resolution-add": [m, world["minute"].pk],
    }.get(name, [m])
    return reverse(name if ":" in name else f"meetings:{name}", args=args)


GET_VIEWS = [
    "manage-meeting-list",
    "manage-meeting-create",
    "manage-meeting-detail",
    "manage-meeting-edit",
    "manage-agenda",
    "manage-agenda-item-edit",
    "manage-agenda-item-move",
    "manage-agenda-item-withdraw",
    "manage-document-upload",
    "manage-attendance",
    "manage-minutes",
    "manage-minute-edit",
]
POST_VIEWS = [
    "manage-meeting-create",
    "manage-meeting-edit",
    "manage-meeting-cancel",
    "manage-meeting-held",
    "scrutiny:manage-agenda-publish",
    "manage-agenda-item-add",
    "manage-agenda-item-edit",
    "manage-agenda-item-move",
    "manage-agenda-item-withdraw",
    "manage-document-upload",
    "manage-attendance-record",
    "manage-attendee-add",
    "manage-declaration-add",
    "manage-declarations-carry-forward",
    "manage-public-question-add",
    "manage-minute-add",
    "manage-minute-edit",
    "manage-minute-point-add",
    "manage-resolution-add",
    "scrutiny:manage-minutes-publish",
    "scrutiny:manage-minutes-confirm",
]


@pytest.mark.parametrize("name", GET_VIEWS)
def test_get_permissions(client_as, world, name) -> None:
    url = url_for(name, world)
    anonymous = client_as(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for role in ("member", "opcc"):
        assert client_as(role).get(url).status_code == 403
    for role in ("democratic", "admin"):
        assert client_as(role).get(url).status_code == 200


@pytest.mark.parametrize("name", POST_VIEWS)
def test_post_permissions(client_as, world, name) -> None:
    url = url_for(name, world)
    anonymous = client_as(None).post(url, {})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    for role in ("member", "opcc"):
        assert client_as(role).post(url, {}).status_code == 403
    assert client_as("democratic").post(url, {}).status_code in (200, 302)


@pytest.mark.parametrize("name", ["manage-meeting-list", "manage-agenda", "manage-minutes"])
def test_pages_refuse_other_methods(client_as, world, name) -> None:
    assert client_as("democratic").delete(url_for(name, world)).status_code == 405


def test_unknown_meeting_is_404(client_as) -> None:
    assert (
        client_as("democratic").get(reverse("meetings:manage-agenda", args=[999])).status_code
        == 404
    )


# --- list pages: query counts that do not grow with rows --------------------------------------


def test_meeting_list_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    url = reverse("meetings:manage-meeting-list")
    MeetingFactory.create_batch(3)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url)
    MeetingFactory.create_batch(27)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].has_next
    with django_assert_num_queries(LIST_QUERIES):
        last = client.get(url, {"page": "2"})
    assert len(last.context["page"].object_list) == 5 and not last.context["page"].has_next


def test_meeting_list_filters_by_body_and_swaps_results_for_htmx(client_as) -> None:
    kept = MeetingFactory(title="Kept")
    MeetingFactory(title="Other")
    response = client_as("democratic").get(
        reverse("meetings:manage-meeting-list"), {"body": kept.body_id}, headers=HX
    )
    body = response.content.decode()
    assert "<html" not in body and 'id="meeting-results"' in body
    assert "Kept" in body and "Other" not in body
    boosted = client_as("democratic").get(
        reverse("meetings:manage-meeting-list"), headers={**HX, "HX-Boosted": "true"}
    )
    assert "<html" in boosted.content.decode()
