"""The minutes editor: minute numbers, points and resolutions, links to the tracker."""

from __future__ import annotations

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from meetings import services
from meetings.manage_views import _common
from meetings.models import Meeting, Minute
from tests.meetings.factories import (
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    MinutePointFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

S = Meeting.Status
HX = {"HX-Request": "true"}
# Queries per page, whatever the number of rows: session, user, roles, the page's selectors.
EDITOR_QUERIES = 9


def test_minutes_editor_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    body = BodyFactory()
    few = MeetingFactory(body=body, status=S.HELD, date=datetime.date(2024, 9, 23))
    many = MeetingFactory(body=body, status=S.HELD, date=datetime.date(2024, 10, 28))
    for meeting, n, start in ((few, 3, 1), (many, 30, 10)):
        for number in range(start, start + n):
            minute = MinuteFactory(meeting=meeting, number=number)
            MinutePointFactory(minute=minute, position=1)
            ResolutionFactory(minute=minute, position=1)
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(reverse("meetings:manage-minutes", args=[few.pk]))
    with django_assert_num_queries(EDITOR_QUERIES):
        client.get(reverse("meetings:manage-minutes", args=[many.pk]))


def test_duplicate_minute_number_is_reported_next_to_the_number(client_as) -> None:
    body = BodyFactory()
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 9, 23), status=S.MINUTES_DRAFT)
    MinuteFactory(meeting=earlier, number=23)
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 10, 28), status=S.HELD)
    client = client_as("democratic")
    editor = client.get(reverse("meetings:manage-minutes", args=[meeting.pk]))
    assert editor.context["minute_form"].initial["number"] == 24
    response = client.post(
        reverse("meetings:manage-minute-add", args=[meeting.pk]),
        {"number": "23", "title": "Minutes of the previous meeting."},
    )
    assert response.status_code == 200
    assert response.context["minute_form"].errors == {
        "number": [
            services.MINUTE_NUMBER_TAKEN.format(
                number=23, date="23 September 2024", year="2024/25", free=24
            )
        ]
    }
    assert not Minute.objects.filter(meeting=meeting).exists()


def test_minutes_editor_adds_points_and_resolutions(client_as) -> None:
    meeting = MeetingFactory(status=S.HELD)
    minute = MinuteFactory(meeting=meeting, number=29)
    client = client_as("democratic")
    client.post(
        reverse("meetings:manage-minute-point-add", args=[meeting.pk, minute.pk]),
        {f"point-{minute.pk}-label": "(i)", f"point-{minute.pk}-text": "Figures wanted."},
    )
    response = client.post(
        reverse("meetings:manage-resolution-add", args=[meeting.pk, minute.pk]),
        {
            f"resolution-{minute.pk}-label": "(c)",
            f"resolution-{minute.pk}-kind": "request_response",
            f"resolution-{minute.pk}-text": "That the PCC be requested to respond in writing.",
        },
        headers=HX,
    )
    body = response.content.decode()
    assert 'id="minutes-editor"' in body and "<html" not in body
    assert "(c) That the PCC be requested" in body
    assert [p.label for p in minute.points.all()] == ["(i)"]


def test_tracked_item_links_appear_once_the_tracker_provides_the_page(
    client_as, monkeypatch
) -> None:
    meeting = MeetingFactory(status=S.HELD)
    minute = MinuteFactory(meeting=meeting)
    point = MinutePointFactory(minute=minute)
    resolution = ResolutionFactory(minute=minute)
    url = reverse("meetings:manage-minutes", args=[meeting.pk])

    def missing(name: str) -> str:
        raise NoReverseMatch(name)

    monkeypatch.setattr(_common, "reverse", missing)
    without = client_as("democratic").get(url)
    assert without.status_code == 200
    assert resolution.text in without.content.decode()  # the editor still lists the minutes
    assert "Create tracked item" not in without.content.decode()

    monkeypatch.setattr(_common, "reverse", lambda name: "/actions/new/")
    page = client_as("democratic").get(url).content.decode()
    assert f'href="/actions/new/?resolution={resolution.pk}"' in page
    assert f'href="/actions/new/?point={point.pk}"' in page
