"""A panel member asks about a grant award: it becomes a tracked item addressed to the OPCC.
The page is grants' (grants.views.questions), at the tracker's address."""

from __future__ import annotations

import pytest

from grants import services
from grants.views.questions import AWARD_PARAMETER, question_create
from meetings.models import Body
from scrutiny.models import TrackedItem
from scrutiny.raise_views import RAISE_FROM
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


def test_the_question_is_grants_page_on_the_trackers_address(client_as) -> None:
    # The tracker hands `?grant_award=` to grants' page, which it does not import.
    assert RAISE_FROM[AWARD_PARAMETER] is question_create
    award = published_award()
    response = client_as("member").get(f"/actions/new/?grant_award={award.pk}")
    assert [t.name for t in response.templates][0] == "grants/question_form.html"
    assert award.decision.public_reference in response.content.decode()


def test_a_question_needs_a_panel_to_ask_it_for(client_as) -> None:
    award = published_award()
    response = client_as("member").post(
        f"/actions/new/?grant_award={award.pk}",
        {"question": "How was the project's reach measured?", "due_date": "2099-01-01"},
    )
    assert services.NO_PANEL in response.content.decode()
    assert not TrackedItem.objects.exists()


@pytest.mark.parametrize("award_id", ["0", "abc", "9" * 30])
def test_a_question_about_no_such_award_is_not_found(client_as, award_id) -> None:
    assert client_as("member").get(f"/actions/new/?grant_award={award_id}").status_code == 404
