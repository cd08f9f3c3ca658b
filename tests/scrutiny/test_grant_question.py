"""A panel member asks about a grant award: it becomes a tracked item addressed to the OPCC."""

from __future__ import annotations

import pytest

from meetings.models import Body
from scrutiny.models import TrackedItem
from tests.grants.factories import published_award
from tests.meetings.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_member_asks_a_question_about_a_grant(client_as):
    BodyFactory(kind=Body.Kind.PANEL)
    award = published_award()
    url = f"/actions/new/?grant_award={award.pk}"
    assert client_as(None).get(url).status_code == 302
    member = client_as("member")
    assert member.get(url).status_code == 200
    refused = member.post(url, {"question": "", "due_date": "2099-01-01"})
    assert "Write your question." in refused.content.decode()
    assert TrackedItem.objects.count() == 0
    response = member.post(url, {"question": "How was the project's reach measured?",
                                 "due_date": "2099-01-01"})  # fmt: skip
    item = TrackedItem.objects.get()
    assert response.status_code == 302
    assert item.addressee == TrackedItem.Addressee.OPCC
    assert item.source == TrackedItem.Source.GRANT_QUESTION
    assert award.decision.public_reference in item.source_document
    assert item.followers.filter(username="member").exists()
