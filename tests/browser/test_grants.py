"""The grants officer's journey in a real browser: set up a round, import applications, score
them, moderate, record the Commissioner's decision, make the awards, and see them on the public
register. axe-core checks the pages visited."""

from __future__ import annotations

import pytest

from grants.models import Award
from tests.browser.conftest import assert_accessible, login
from tests.grants.factories import FundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "organisation,project,amount_requested,area\n"
    'LMA Youth and Community Development LTD,Girls Empowerment,"£9,137.99",Leicester City\n'
    '",Antoin Akpom Achievements Foundation",AAA Foundation Anti-Social Initiative Project,'
    '"£10,000.00",Leicester City\n'
    "Street Doctors Ltd,Leicestershire Street Doctors,7500,Leicestershire\n"
).encode()


def move_to(page, label: str) -> None:
    page.get_by_role("button", name=f"Move to: {label}").click()
    page.wait_for_load_state()


def test_grants_officer_journey(page, users, tmp_path) -> None:
    FundFactory(name="Commissioner's Safety Fund", slug="commissioners-safety-fund")
    login(page, "opcc")

    # Set up the round.
    page.goto("/grants/funds/")
    assert_accessible(page)
    page.get_by_role("link", name="Set up a round").click()
    page.get_by_label("Fund").select_option(label="Commissioner's Safety Fund")
    page.get_by_label("Name of the round").fill("2025/26 round 1")
    page.get_by_label("Financial year").fill("2025/26")
    page.get_by_label("Budget (£)").fill("20000")
    page.get_by_label("Maximum bid (£)").fill("10000")
    page.get_by_label("Award threshold (%)").fill("71")
    assert_accessible(page)
    page.get_by_role("button", name="Set up round").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="2025/26 round 1").is_visible()

    # One criterion, then open the round.
    page.get_by_text("Add a criterion").click()
    page.get_by_label("Criterion").fill("Reduces violence")
    page.get_by_label("Weight").fill("2")
    page.get_by_label("Highest score").fill("5")
    page.get_by_role("button", name="Add criterion").click()
    page.wait_for_load_state()
    assert page.get_by_role("cell", name="Reduces violence").is_visible()
    move_to(page, "open for applications")
    assert_accessible(page)

    # Import: check first, then import.
    csv_file = tmp_path / "applications.csv"
    csv_file.write_bytes(CSV)
    page.get_by_role("link", name="Import applications from a CSV file").click()
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check file").click()
    page.locator("#dry-run-summary").wait_for()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Import applications").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 applications imported").is_visible()

    # Close and score: each cell saves by itself with htmx.
    move_to(page, "closed")
    page.get_by_role("link", name="Score applications").click()
    for reference, value in (("A001", "5"), ("A002", "4"), ("A003", "2")):
        cell = page.get_by_label(f"Score for {reference}, Reduces violence")
        cell.fill(value)
        page.get_by_role("button", name=f"Save score for {reference}, Reduces violence").click()
        page.locator("#scoring-grid [role=status]").nth(0).wait_for()
    assert_accessible(page)
    page.goto(page.url.replace("scoring/", ""))

    # Moderate: recommend by threshold (A001 100%, A002 80%; A003 40% is not), then decide.
    move_to(page, "in moderation")
    page.get_by_role("link", name="Moderation and ranking").click()
    page.get_by_role("button", name="Recommend by threshold").click()
    page.wait_for_load_state()
    assert page.get_by_text("2 applications recommended").is_visible()
    assert page.locator("#budget-warning").count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Decision reference").fill("PCC/2025/04")
    page.get_by_label("Date of decision").fill("2025-10-01")
    assert_accessible(page)
    page.get_by_role("button", name="Record decision and make awards").click()
    page.wait_for_load_state()
    assert page.get_by_text("Decision recorded and awards made.").is_visible()
    assert Award.objects.count() == 2

    # Publish, and the public register shows it to anyone.
    move_to(page, "awards made")
    page.context.clear_cookies()
    page.goto("/grants/")
    register = page.locator("#awards")
    assert register.get_by_text("AAA Foundation Anti-Social Initiative Project").is_visible()
    assert register.get_by_text("Girls Empowerment").is_visible()
    assert register.get_by_text("Leicestershire Street Doctors").count() == 0
    assert page.get_by_text("£19,137.99").first.is_visible()
    assert register.get_by_text("PCC/2025/04").first.is_visible()
    assert_accessible(page)
