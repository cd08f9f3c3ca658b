"""Grants selectors: the register's and the calendar's filters (django-filter, applied here),
its totals and choices (published awards only), the round's next moves and status history, its
applications, scoring grid (an assessor's own scores), moderation and recommendation, and the
award pages' reads."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from grants import selectors, services
from grants.models import (
    Application,
    CommissionedContract,
    Criterion,
    DueDiligenceVisit,
    FundBudget,
    GrantRound,
)
from tests.grants.factories import (
    ApplicationFactory,
    AwardFactory,
    FundFactory,
    PaymentFactory,
    ReturnFactory,
    RoundFactory,
    published_award,
    scoring_round,
)
from tests.meetings.factories import OrganisationFactory

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


# --- Funds, rounds and applications ----------------------------------------------------------


def test_funds_carry_their_budgets_by_year_and_rounds_newest_first() -> None:
    fund = FundFactory(name="Commissioner's Fund")
    later = FundBudget.objects.create(fund=fund, financial_year="2025/26", amount=Decimal(2))
    earlier = FundBudget.objects.create(fund=fund, financial_year="2024/25", amount=Decimal(1))
    old = RoundFactory(fund=fund, opens_at=at(2024, 4, 1))
    new = RoundFactory(fund=fund, opens_at=at(2025, 4, 1))
    (listed,) = selectors.fund_list()
    assert listed == fund
    assert list(listed.budgets.all()) == [earlier, later]
    assert list(listed.rounds.all()) == [new, old]


def test_a_round_counts_its_live_and_withdrawn_applications() -> None:
    grant_round = RoundFactory()
    second = ApplicationFactory(round=grant_round, position=2)
    first = ApplicationFactory(round=grant_round, position=1)
    withdrawn = ApplicationFactory(
        round=grant_round, position=3, withdrawn=True, withdrawn_reason="Ineligible"
    )
    ApplicationFactory()  # another round's
    found = selectors.round_get(pk=grant_round.pk)
    counts = vars(found)  # round_get annotates the counts, which the model does not declare
    assert (found, counts["live_count"], counts["withdrawn_count"]) == (grant_round, 2, 1)
    listed = selectors.applications_for_round(grant_round=grant_round)
    assert list(listed) == [first, second, withdrawn]  # the round's page lists the withdrawn too
    assert selectors.application_get(pk=first.pk).round == grant_round
    with pytest.raises(GrantRound.DoesNotExist):
        selectors.round_get(pk=grant_round.pk + 1000)


def test_moderation_changes_are_the_applications_own(opcc) -> None:
    application = ApplicationFactory(round=RoundFactory(status=S.MODERATION))
    other = ApplicationFactory(round=application.round)
    services.moderation_set(
        application=application, actor=opcc, percent=Decimal("72"), reason="Panel view"
    )
    services.moderation_set(application=other, actor=opcc, percent=Decimal("50"), reason="x")
    (change,) = selectors.moderation_changes(application=application)
    assert (change.new_percent, change.reason, change.actor) == (Decimal("72"), "Panel view", opcc)


def test_the_scoring_grid_shows_an_assessor_only_their_own_scores(users, opcc) -> None:
    grant_round, quality, value = scoring_round()
    scored = ApplicationFactory(round=grant_round, position=1)
    conflicted = ApplicationFactory(round=grant_round, position=2)
    ApplicationFactory(round=grant_round, position=3, withdrawn=True, withdrawn_reason="Ineligible")
    mine = services.score_set(application=scored, criterion=quality, actor=opcc, value=4)
    services.score_set(application=scored, criterion=value, actor=users["admin"], value=1)
    services.conflict_declare(application=conflicted, actor=opcc, details="I am a trustee.")
    grid = selectors.scoring_grid(grant_round=grant_round, assessor=opcc)
    assert grid.criteria == [quality, value]
    assert [(r["application"], r["conflicted"]) for r in grid.rows] == [
        (scored, False),
        (conflicted, True),
    ]
    assert grid.rows[0]["cells"] == [(quality, mine), (value, None)]  # not the admin's score
    assert selectors.score_cell_get(
        grant_round=grant_round, application_id=scored.pk, criterion_id=value.pk
    ) == (scored, value)
    with pytest.raises(Criterion.DoesNotExist):
        selectors.score_cell_get(
            grant_round=grant_round, application_id=scored.pk, criterion_id=None
        )
    with pytest.raises(Application.DoesNotExist):  # another round's application
        selectors.score_cell_get(
            grant_round=grant_round, application_id=ApplicationFactory().pk, criterion_id=value.pk
        )


def test_moderation_ranks_bands_and_totals_and_the_recommended_are_what_would_be_awarded() -> None:
    grant_round = RoundFactory(
        status=S.MODERATION, budget=Decimal("15000"), applications_reported=5,
        withdrawn_reported=1,
    )  # fmt: skip
    top = ApplicationFactory(round=grant_round, moderated_percent=Decimal("80"), recommended=True)
    middle = ApplicationFactory(
        round=grant_round, moderated_percent=Decimal("66"), recommended=True
    )
    ApplicationFactory(round=grant_round, moderated_percent=Decimal("40"))
    moderation = selectors.round_moderation(grant_round=grant_round)
    assert [r.application for r in moderation.rows][:2] == [top, middle]
    assert moderation.unlisted == 1  # five reported, one withdrawn, three listed
    assert [(b["label"], b["listed"]) for b in moderation.bands] == [
        ("71% or above", 1),
        ("65% to 70%", 1),
        ("Less than 64%", 1),
    ]
    assert moderation.budget.over_by == Decimal("5000.00")
    bands = selectors.band_counts(grant_round=grant_round, rows=moderation.rows)
    assert bands == moderation.bands
    recommended = selectors.round_recommended(grant_round=grant_round)
    assert [r.application for r in recommended.rows] == [top, middle]
    assert recommended.budget.recommended_total == Decimal("20000.00")


# --- Awards -------------------------------------------------------------------------------------


def test_an_award_with_its_payments_returns_and_summary() -> None:
    award = AwardFactory(amount=Decimal("1000"))
    later = PaymentFactory(award=award, due_on=datetime.date(2025, 6, 1), amount=Decimal("600"))
    paid = PaymentFactory(
        award=award, due_on=datetime.date(2025, 1, 1), amount=Decimal("400"), paid_on=TODAY
    )
    due = ReturnFactory(award=award, due_on=datetime.date(2025, 4, 1))
    found = selectors.award_get(pk=award.pk)
    assert found == award and list(found.payments.all()) == [paid, later]
    assert list(found.returns.all()) == [due]
    summary = selectors.award_summary(award=found, today=TODAY)
    assert (summary.percentage_paid, summary.scheduled, summary.monitoring_status) == (
        Decimal("40.00"),
        Decimal("1000"),
        "overdue",
    )
    assert selectors.payment_get(pk=paid.pk) == paid
    assert selectors.return_get(pk=due.pk).award == award


def test_visits_and_contracts_in_their_listed_order() -> None:
    first = DueDiligenceVisit.objects.create(
        organisation=OrganisationFactory(), source="a", visited_on=datetime.date(2024, 5, 1)
    )
    second = DueDiligenceVisit.objects.create(
        organisation=OrganisationFactory(), source="a", visited_on=datetime.date(2024, 6, 1)
    )
    other_source = DueDiligenceVisit.objects.create(organisation=OrganisationFactory(), source="b")
    assert list(selectors.visit_list()) == [first, second, other_source]
    provider = OrganisationFactory()
    victims = CommissionedContract.objects.create(service="Victim services", slug="v",
                                                  provider=provider)  # fmt: skip
    advocacy = CommissionedContract.objects.create(service="Advocacy", slug="a", provider=provider)
    assert list(selectors.contract_list()) == [advocacy, victims]


def test_register_totals_and_choices_hold_published_awards_only() -> None:
    a = published_award(amount=Decimal("1000"), application__area="Melton")
    b = published_award(amount=Decimal("500"), application__area="")
    AwardFactory(amount=Decimal("99"), application__area="Rutland")  # not published
    awards = selectors.award_register(params=QueryDict("")).awards
    assert selectors.award_totals(awards) == {"count": 2, "total": Decimal("1500")}
    by_round = selectors.award_totals_by_round(awards)
    assert sorted((r["application__round__name"], r["count"], r["total"]) for r in by_round) == [
        (a.application.round.name, 1, Decimal("1000")),
        (b.application.round.name, 1, Decimal("500")),
    ]
    choices = selectors.award_register_choices()
    assert choices["areas"] == [("Melton", "Melton")]
    assert {slug for slug, _ in choices["rounds"]} == {
        a.application.round.slug,
        b.application.round.slug,
    }
    assert len(choices["funds"]) == len(choices["organisations"]) == 2
    assert set(selectors.awards_for_export()) == {a, b}
    empty = AwardFactory().application.round  # a round with nothing published
    assert empty.slug not in {slug for slug, _ in selectors.award_register_choices()["rounds"]}


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 9, 0, tzinfo=datetime.UTC)
