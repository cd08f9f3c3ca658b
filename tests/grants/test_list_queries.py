"""The grants staff lists run a fixed number of queries, with more rows than a page and with
twice as many: funds, the monitoring calendar, visits, contracts and a round's applications."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import (
    CommissionedContract,
    ContractReviewPoint,
    DueDiligenceVisit,
    FundBudget,
    FundedProject,
)
from tests.grants.factories import ApplicationFactory, FundFactory, ReturnFactory, RoundFactory
from tests.meetings.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def rows(n: int, start: int, grant_round) -> None:
    """`n` of each list's rows, each with what its list shows of it."""
    for i in range(start, start + n):
        fund = FundFactory(owner=OrganisationFactory())
        FundBudget.objects.create(fund=fund, financial_year="2024/25", amount=Decimal("1000"))
        RoundFactory(fund=fund)
        FundedProject.objects.create(fund=fund, title=f"Project {i}")
        ReturnFactory(due_on=datetime.date(2025, 4, 14) + datetime.timedelta(days=i))
        provider = OrganisationFactory()
        DueDiligenceVisit.objects.create(
            organisation=provider, fund=fund, project=f"Project {i}", source="PCC update"
        )
        contract = CommissionedContract.objects.create(
            service=f"Service {i}", slug=f"service-{i}", provider=provider, fund=fund
        )
        ContractReviewPoint.objects.create(contract=contract, title="Annual review")
        ApplicationFactory(round=grant_round)
        ApplicationFactory(round=grant_round)


# (page, queries): the session, the user and the reader's roles (3), then the list's own.
PINNED = [
    ("grants:fund-list", {}, 7),
    ("grants:monitoring", {"show": "all"}, 4),
    ("grants:visit-list", {}, 4),
    ("grants:contract-list", {}, 5),
    ("grants:round-detail", None, 7),
]


@pytest.mark.parametrize(("name", "query", "expected"), PINNED)
def test_staff_list_queries_are_pinned_and_do_not_grow(
    client_as, django_assert_num_queries, name, query, expected
):
    client = client_as("opcc")
    grant_round = RoundFactory()
    url = reverse(name, args=[grant_round.pk]) if query is None else reverse(name)
    for start in (0, 30):
        rows(30, start, grant_round)
        client.get(url, query)
        with django_assert_num_queries(expected):
            page = client.get(url, query)
        assert page.status_code == 200
