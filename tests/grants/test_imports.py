"""CSV import of applications: dry run, line-numbered errors, one transaction, matching."""

from __future__ import annotations

from decimal import Decimal

import pytest

from grants import imports
from grants.imports import applications_import, money_parse
from grants.models import Application, GrantRound
from meetings.models import Organisation
from tests.grants.factories import RoundFactory
from tests.meetings.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = """organisation,project,amount_requested,area
LMA Youth and Community Development LTD,Youth Club 2,"£10,000.00",Leicester City
LMA Youth and Community Development LTD,Girls Empowerment,"£9,137.99",Leicester City
",Antoin Akpom Achievements Foundation",AAA Foundation Anti-Social Initiative Project,"£10,000.00",
Street Doctors,Leicestershire Street Doctors,7500,Leicestershire
"""


@pytest.fixture
def grant_round():
    return RoundFactory(status=GrantRound.Status.OPEN)


@pytest.fixture
def known():
    OrganisationFactory(name="Antoin Akpom Achievements Foundation", slug="aaa")
    OrganisationFactory(name="Street Doctors Ltd", slug="street-doctors")


def test_money_parse() -> None:
    assert money_parse("£9,137.99") == Decimal("9137.99")
    assert money_parse("10000") == Decimal("10000.00")
    assert money_parse(" £ 7,500 ") == Decimal("7500.00")
    for bad in ("abc", "£9.999", "-5", "1e3", ""):
        with pytest.raises(ValueError):
            money_parse(bad)


def test_dry_run_reports_and_saves_nothing(users, grant_round, known) -> None:
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=GOOD, dry_run=True
    )
    assert result.ok, result.errors
    assert len(result.lines) == 4
    assert result.total_requested == Decimal("36637.99")
    assert result.lines[2].organisation == "Antoin Akpom Achievements Foundation"
    assert not result.lines[2].organisation_is_new
    assert result.lines[3].organisation == "Street Doctors Ltd"
    assert result.new_organisations == 1  # LMA, twice in the file, counted once
    assert not Application.objects.exists()
    assert not Organisation.objects.filter(name__startswith="LMA").exists()


def test_import_saves_and_matches_duplicates(users, grant_round, known) -> None:
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=GOOD, dry_run=False
    )
    assert result.ok
    applications = list(grant_round.applications.select_related("organisation"))
    assert len(applications) == 4
    assert applications[0].organisation == applications[1].organisation
    aaa = Organisation.objects.get(slug="aaa")
    assert applications[2].organisation == aaa
    assert applications[2].organisation_name_submitted == ",Antoin Akpom Achievements Foundation"
    assert ",Antoin Akpom Achievements Foundation" in aaa.aliases
    assert applications[1].amount_requested == Decimal("9137.99")
    assert Organisation.objects.filter(name="LMA Youth and Community Development LTD").count() == 1


def test_errors_are_line_numbered_and_nothing_is_saved(users, grant_round) -> None:
    text = (
        "organisation,project,amount_requested\n"
        "Good Org,Fine project,£500\n"
        "Bad Org,Bad amount,abc\n"
        ",No organisation,100\n"
        'Greedy Org,Too much,"£10,000.01"\n'
    )
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=text, dry_run=False
    )
    assert result.errors == [
        "Line 3: “abc” is not an amount of money, for example £9,137.99.",
        "Line 4: the organisation is missing.",
        "Line 5: £10,000.01 is more than the £10,000.00 maximum bid for this round.",
    ]
    assert not Application.objects.exists()
    assert not Organisation.objects.filter(name="Good Org").exists()


def test_missing_column(users, grant_round) -> None:
    result = applications_import(
        grant_round=grant_round,
        actor=users["opcc"],
        text="organisation,project\nA,B\n",
        dry_run=True,
    )
    assert result.errors == [imports.MISSING_COLUMNS.format(columns="“amount_requested”")]


def test_header_aliases_from_the_papers(users, grant_round) -> None:
    text = 'Organisation,Project,Sum bid for\nRose Alchemy CIC,Wake up & Bloom,"£10,000.00"\n'
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=text, dry_run=False
    )
    assert result.ok and grant_round.applications.get().project_title == "Wake up & Bloom"


def test_recommended_above_request_refused(users, grant_round) -> None:
    text = "organisation,project,amount_requested,amount_recommended\nX,Y,£500,£600\n"
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=text, dry_run=True
    )
    assert result.errors == [
        "Line 2: The recommended amount cannot be more than the £500.00 requested."
    ]


def test_import_refused_once_round_in_moderation(users) -> None:
    grant_round = RoundFactory(status=GrantRound.Status.MODERATION)
    result = applications_import(
        grant_round=grant_round, actor=users["opcc"], text=GOOD, dry_run=True
    )
    assert result.errors and all("no longer accepts" in e for e in result.errors)


def test_import_requires_permission(users, grant_round) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        applications_import(grant_round=grant_round, actor=users["member"], text=GOOD, dry_run=True)
