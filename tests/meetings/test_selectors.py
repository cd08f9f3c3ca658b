"""The list selectors apply the FilterSets of meetings.filters to the query string they are given;
a value nobody could mean is ignored or reported, never sent on to the database."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from meetings import selectors
from meetings.models import Resolution
from tests.meetings.factories import BodyFactory, MeetingFactory, MinuteFactory, ResolutionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 11, 1)


def params(query: str) -> QueryDict:
    return QueryDict(query)


def test_public_list_splits_past_and_upcoming_and_filters_by_body() -> None:
    panel, board = BodyFactory(slug="panel"), BodyFactory(slug="board")
    past = MeetingFactory(published=True, body=panel, date=datetime.date(2024, 10, 28))
    coming = MeetingFactory(published=True, body=panel, date=datetime.date(2024, 12, 2))
    MeetingFactory(published=True, body=board, date=datetime.date(2024, 10, 1))
    listing = selectors.meeting_list_public(params=params("body=panel"), today=TODAY)
    assert list(listing.results) == [past] and listing.upcoming == [coming]
    assert listing.body_slug == "panel" and listing.query == ""


def test_public_list_search_lists_every_match_and_no_upcoming() -> None:
    found = MeetingFactory(published=True, title="E-scooters", date=datetime.date(2024, 12, 2))
    MeetingFactory(published=True, title="Budget", date=datetime.date(2024, 10, 2))
    listing = selectors.meeting_list_public(params=params("q=scooters"), today=TODAY)
    assert list(listing.results) == [found] and listing.upcoming == []
    assert listing.query == "scooters"


def test_public_list_ignores_text_holding_a_nul_byte() -> None:
    meeting = MeetingFactory(published=True, date=datetime.date(2024, 10, 2))
    listing = selectors.meeting_list_public(params=params("body=a%00b&q=a%00b"), today=TODAY)
    assert (listing.query, listing.body_slug) == ("", "")
    assert list(listing.results) == [meeting]


def test_public_list_shows_no_private_or_unpublished_meeting() -> None:
    MeetingFactory(title="Not yet published", date=datetime.date(2024, 10, 2))
    assert not selectors.meeting_list_public(params=params(""), today=TODAY).results.exists()


def test_staff_list_filters_by_body_id_and_ignores_an_odd_one() -> None:
    kept, other = MeetingFactory(), MeetingFactory()
    filtered = selectors.meeting_list_for_staff(params=params(f"body={kept.body_id}"))
    assert list(filtered) == [kept]
    for odd in ("9" * 30, "-1", "abc", "²"):
        assert set(selectors.meeting_list_for_staff(params=params(f"body={odd}"))) == {
            kept,
            other,
        }


def _decision(kind: str, day: datetime.date) -> Resolution:
    published = datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    meeting = MeetingFactory(published=True, date=day, minutes_published_at=published)
    return ResolutionFactory(minute=MinuteFactory(meeting=meeting), kind=kind)


def test_decision_register_filters_by_kind_and_date() -> None:
    noted = _decision(Resolution.Kind.NOTE, datetime.date(2024, 10, 28))
    _decision(Resolution.Kind.APPROVE, datetime.date(2024, 10, 28))
    older = _decision(Resolution.Kind.NOTE, datetime.date(2023, 6, 1))
    by_kind = selectors.decision_list_public(params=params("kind=note"))
    assert list(by_kind.results) == [noted, older]
    since = selectors.decision_list_public(params=params("kind=note&date_from=2024-01-01"))
    assert list(since.results) == [noted]


def test_decision_register_lists_everything_while_a_filter_is_wrong() -> None:
    decision = _decision(Resolution.Kind.NOTE, datetime.date(2024, 10, 28))
    wrong = selectors.decision_list_public(params=params("date_from=2024-13-45"))
    assert list(wrong.results) == [decision]
    assert "date_from" in wrong.form.errors
