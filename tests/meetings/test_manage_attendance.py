"""The attendance page: the register, row by row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = Meeting.Status
HX = {"HX-Request": "true"}
# Queries per page, whatever the number of rows: session, user, roles, the page's selectors.
ATTENDANCE_QUERIES = 13


def test_attendance_query_count_does_not_grow(client_as, django_assert_num_queries) -> None:
    client = client_as("democratic")
    few, many = MeetingFactory(), MeetingFactory()
    MembershipFactory.create_batch(3, body=few.body)
    MembershipFactory.create_batch(30, body=many.body)
    with django_assert_num_queries(ATTENDANCE_QUERIES):
        client.get(reverse("meetings:manage-attendance", args=[few.pk]))
    with django_assert_num_queries(ATTENDANCE_QUERIES):
        client.get(reverse("meetings:manage-attendance", args=[many.pk]))


def test_attendance_row_records_one_person(client_as) -> None:
    meeting = MeetingFactory(status=S.AGENDA_PUBLISHED)
    person = MembershipFactory(body=meeting.body).person
    response = client_as("democratic").post(
        reverse("meetings:manage-attendance-record", args=[meeting.pk, person.pk]),
        {f"p{person.pk}-status": "apologies"},
        headers=HX,
    )
    assert response.status_code == 200 and 'id="attendance"' in response.content.decode()
    assert meeting.attendances.get().status == "apologies"
