"""Grants selectors: the register's and the calendar's filters (django-filter, applied here),
the round's next moves and its status history."""

from __future__ import annotations

import datetime

import pytest
from django.http import QueryDict

from grants import selectors, services
from grants.models import GrantRound
from tests.grants.factories import AwardFactory, ReturnFactory, RoundFactory, published_award

pytestmark = pytest.mark.django_db
S = GrantRound.Status
TODAY = datetime.date(2025, 4, 10)


def register(query: str) -> selectors.AwardRegister:
    return selectors.award_register(params=QueryDict(query))


def test_register_filters_by_fund_round_organisation_and_area() -> None:
    a = published_award(application__area="Melton")
    b = published_award(application__area="Leicester City West")
    AwardFactory()  # not published
    assert set(register("").awards) == {a, b}
    assert list(register("area=Melton").awards) == [a]
    assert list(register(f"fund={b.application.round.fund.slug}").awards) == [b]
    assert list(register(f"round={a.application.round.slug}").awards) == [a]
    assert list(register(f"organisation={b.application.organisation.slug}").awards) == [b]
    chosen = register("area=Melton&round=")
    assert chosen.filters == {"fund": "", "round": "", "organisation": "", "area": "Melton"}
    assert chosen.totals["count"] == 1


def test_register_matches_nothing_for_an_unknown_slug_and_ignores_an_unreadable_one() -> None:
    published_award()
    assert list(register("fund=no-such-fund").awards) == []
    assert list(register("fund=" + "x" * 5000).awards) == []
    unreadable = register("fund=a%00b")
    assert unreadable.awards.count() == 1
    assert unreadable.filters["fund"] == ""


def test_monitoring_calendar_shows_what_is_asked_and_outstanding_otherwise() -> None:
    overdue = ReturnFactory(due_on=datetime.date(2025, 4, 1))
    due = ReturnFactory(due_on=datetime.date(2025, 4, 20))
    received = ReturnFactory(due_on=datetime.date(2025, 3, 1), received_on=TODAY)

    def shown(query: str) -> tuple[str, list]:
        calendar = selectors.monitoring_calendar(today=TODAY, params=QueryDict(query))
        return calendar.show, list(calendar.returns)

    assert shown("") == ("outstanding", [overdue, due])
    assert shown("show=overdue") == ("overdue", [overdue])
    assert shown("show=to_review") == ("to_review", [received])
    assert shown("show=all") == ("all", [received, overdue, due])
    assert shown("show=nonsense") == ("outstanding", [overdue, due])
    assert shown("show=a%00b") == ("outstanding", [overdue, due])


def test_next_statuses_follow_the_lifecycle_but_decided_comes_from_the_decision() -> None:
    assert selectors.round_next_statuses(grant_round=RoundFactory(status=S.PLANNED)) == [
        (S.OPEN, "Open for applications")
    ]
    assert selectors.round_next_statuses(grant_round=RoundFactory(status=S.MODERATION)) == []
    assert selectors.round_next_statuses(grant_round=RoundFactory(status=S.AWARDS_MADE)) == []


def test_status_history_lists_each_move_with_who_made_it(opcc) -> None:
    grant_round = RoundFactory(status=S.PLANNED)
    services.round_transition(grant_round=grant_round, to_status=S.OPEN, actor=opcc)
    (move,) = selectors.round_status_history(grant_round=grant_round)
    assert (move.field, move.from_status, move.to_status, move.actor) == (
        "status",
        S.PLANNED,
        S.OPEN,
        opcc,
    )
