"""Acceptance: the demo data gives the register, the 360Giving file and the budget warning the
papers describe."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from grants import demo
from grants.models import Application, Award, GrantRound
from tests.grants.schema import schema_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(users):
    call_command("load_demo", "--force", stdout=io.StringIO())


def test_demo_csf_round_has_21_awards_totalling_206006_89(loaded) -> None:
    awards = Award.objects.filter(application__round__slug="csf-2024-25-round-1")
    assert awards.count() == 21
    assert sum(a.amount for a in awards) == Decimal("206006.89")
    assert awards.filter(amount=Decimal("10000.00")).count() == 11
    smallest = awards.order_by("amount").first()
    assert smallest is not None
    assert smallest.application.organisation.name == "Street Doctors Ltd"
    lma = awards.filter(application__organisation__slug="lma-youth-and-community-development")
    assert lma.count() == 3
    assert awards.filter(application__organisation__slug="the-saffires-project").count() == 2


def test_demo_load_is_idempotent(loaded) -> None:
    counts = (Award.objects.count(), Application.objects.count(), GrantRound.objects.count())
    demo.load(stdout=io.StringIO())
    assert (
        Award.objects.count(),
        Application.objects.count(),
        GrantRound.objects.count(),
    ) == counts


def test_register_lists_the_21_awards_and_total(loaded, client) -> None:
    response = client.get(reverse("grants:award-register"), {"round": "csf-2024-25-round-1"})
    assert response.status_code == 200
    assert response.context["totals"] == {"count": 21, "total": Decimal("206006.89")}
    html = response.content.decode()
    assert "£206,006.89" in html
    assert "CSF-2024-25-R1" in html
    everything = client.get(reverse("grants:award-register"))
    assert everything.context["totals"]["count"] == 21
    assert len(everything.context["page"].object_list) == 21


def test_360giving_file_validates(loaded, client) -> None:
    data = client.get(reverse("grants:360giving")).json()
    assert schema_errors(data) == []
    assert len(data["grants"]) == 21
    assert sum(Decimal(str(g["amountAwarded"])) for g in data["grants"]) == Decimal("206006.89")
    assert all(g["id"].startswith("360G-llrpcc-") for g in data["grants"])


def test_moderation_view_warns_csf_round_over_budget(loaded, client_as) -> None:
    grant_round = GrantRound.objects.get(slug="csf-2024-25-round-1")
    response = client_as("member").get(reverse("grants:moderation", args=[grant_round.pk]))
    assert response.status_code == 200
    assert response.context["budget"].over_by == Decimal("6006.89")
    html = response.content.decode()
    assert 'id="budget-warning"' in html
    assert "£6,006.89 over the £200,000.00 budget" in html
    assert response.context["unlisted"] == 66


def test_demo_pages_render(loaded, client_as) -> None:
    client = client_as("member")
    for grant_round in GrantRound.objects.all():
        assert client.get(reverse("grants:round-detail", args=[grant_round.pk])).status_code == 200
        assert client.get(reverse("grants:moderation", args=[grant_round.pk])).status_code == 200
    for name in (
        "grants:fund-list",
        "grants:visit-list",
        "grants:contract-list",
        "grants:monitoring",
    ):
        assert client.get(reverse(name)).status_code == 200
    award = Award.objects.first()
    assert award is not None
    assert client.get(reverse("grants:award-detail", args=[award.pk])).status_code == 200
    html = client.get(reverse("grants:contract-list")).content.decode()
    assert "Catch 22" in html and "Circa £462k" in html
    pz2 = GrantRound.objects.get(slug="pzgf-2024-25-round-2")
    assert pz2.requested_total_reported == Decimal("88370")
    assert pz2.budget == Decimal("40000") and pz2.applications_reported == 12
