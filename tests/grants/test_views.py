"""Grants pages: who may see and do what, query counts, the htmx scoring cell, the import page
and the open-data downloads."""

from __future__ import annotations

import csv
import datetime
import html as html_lib
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import Application, GrantRound, Score
from grants.views import awards as award_views
from tests.grants.factories import (
    ApplicationFactory,
    AwardFactory,
    CriterionFactory,
    PaymentFactory,
    ReturnFactory,
    RoundFactory,
    published_award,
)
from tests.grants.schema import schema_errors
from tests.meetings.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
S = GrantRound.Status
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world():
    grant_round = RoundFactory(status=S.MODERATION)
    criterion = CriterionFactory(round=grant_round)
    application = ApplicationFactory(round=grant_round)
    award = AwardFactory(application=ApplicationFactory(round=grant_round))
    ret = ReturnFactory(award=award, received_on=datetime.date(2025, 4, 1))
    payment = PaymentFactory(award=award)
    return {
        "round": grant_round,
        "criterion": criterion,
        "application": application,
        "award": award,
        "return": ret,
        "payment": payment,
    }


def url(name: str, world: dict) -> str:
    key = {
        "round-detail": "round",
        "moderation": "round",
        "import": "round",
        "scoring": "round",
        "decision-record": "round",
        "criterion-add": "round",
        "round-transition": "round",
        "round-recommend": "round",
        "award-detail": "award",
        "payment-add": "award",
        "monitoring-schedule": "award",
        "payment-paid": "payment",
        "conflict-declare": "application",
        "application-withdraw": "application",
        "application-moderate": "application",
        "return-receive": "return",
        "return-review": "return",
    }.get(name)
    return reverse(f"grants:{name}", args=[world[key].pk] if key else [])


PUBLIC = ["award-register", "360giving", "awards-csv"]
INTERNAL = [
    "fund-list",
    "round-detail",
    "moderation",
    "award-detail",
    "monitoring",
    "visit-list",
    "contract-list",
]
MANAGE_GET = [
    "round-create",
    "import",
    "scoring",
    "conflict-declare",
    "application-withdraw",
    "application-moderate",
    "decision-record",
    "return-receive",
    "visit-create",
]
MANAGE_POST = [
    "criterion-add",
    "round-transition",
    "round-recommend",
    "payment-add",
    "payment-paid",
    "monitoring-schedule",
    "return-review",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_need_no_login(client, world, name) -> None:
    assert client.get(url(name, world)).status_code == 200


@pytest.mark.parametrize("name", INTERNAL)
@pytest.mark.parametrize("role", ["member", "opcc", "democratic", "admin"])
def test_internal_pages_for_every_signed_in_role(client_as, world, name, role) -> None:
    assert client_as(role).get(url(name, world)).status_code == 200


@pytest.mark.parametrize("name", INTERNAL + MANAGE_GET + MANAGE_POST)
def test_anonymous_sent_to_login(client, world, name) -> None:
    response = (
        client.post(url(name, world)) if name in MANAGE_POST else client.get(url(name, world))
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", MANAGE_GET)
@pytest.mark.parametrize(
    "role,status", [("member", 403), ("democratic", 403), ("opcc", 200), ("admin", 200)]
)
def test_officer_pages(client_as, world, name, role, status) -> None:
    assert client_as(role).get(url(name, world)).status_code == status


@pytest.mark.parametrize("name", MANAGE_POST)
@pytest.mark.parametrize("role", ["member", "democratic"])
def test_officer_actions_refused_to_others(client_as, world, name, role) -> None:
    assert client_as(role).post(url(name, world), {}).status_code == 403


@pytest.mark.parametrize("name", MANAGE_POST)
def test_officer_actions_redirect_after_post(client_as, world, name) -> None:
    assert client_as("opcc").post(url(name, world), {}).status_code == 302


def test_register_shows_only_published_awards(client) -> None:
    shown = published_award(application__project_title="Youth Club 2")
    AwardFactory(application__project_title="Secret project")
    response = client.get(reverse("grants:award-register"))
    assert [a.pk for a in response.context["page"].object_list] == [shown.pk]
    assert "Secret project" not in response.content.decode()


def test_register_filters(client) -> None:
    a = published_award(application__area="Leicester City West")
    b = published_award(application__area="Melton")
    get = client.get
    assert [
        x.pk for x in get(reverse("grants:award-register"), {"area": "Melton"}).context["page"]
    ] == [b.pk]
    org = a.application.organisation.slug
    assert [
        x.pk for x in get(reverse("grants:award-register"), {"organisation": org}).context["page"]
    ] == [a.pk]
    fund = b.application.round.fund.slug
    assert [
        x.pk for x in get(reverse("grants:award-register"), {"fund": fund}).context["page"]
    ] == [b.pk]
    rnd = a.application.round.slug
    assert [
        x.pk for x in get(reverse("grants:award-register"), {"round": rnd}).context["page"]
    ] == [a.pk]


def test_register_partial_for_htmx(client) -> None:
    published_award()
    response = client.get(reverse("grants:award-register"), **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">') and "<html" not in html


def test_register_has_chart_and_table_fallback(client) -> None:
    published_award(amount=Decimal("9137.99"), application__amount_requested=Decimal("9137.99"))
    html = client.get(reverse("grants:award-register")).content.decode()
    config = json.loads(html_lib.unescape(html.split('data-chart-config="', 1)[1].split('"')[0]))
    assert config["type"] == "bar" and config["data"]["datasets"][0]["data"] == [9137.99]
    assert "Amount awarded by fund and round" in html and "£9,137.99" in html


REGISTER_QUERIES = 4  # awards page (one row more than it shows), totals, by round, choices


def test_register_query_count_does_not_grow(client, django_assert_num_queries) -> None:
    grant_round = RoundFactory(status=S.AWARDS_MADE)
    published_award(application__round=grant_round)
    with django_assert_num_queries(REGISTER_QUERIES):
        _fresh_get(client, reverse("grants:award-register"))
    for _ in range(30):  # more than a page (25)
        published_award(application__round=grant_round)
    with django_assert_num_queries(REGISTER_QUERIES):
        page = _fresh_get(client, reverse("grants:award-register"))
    assert 'rel="next"' in page.content.decode()
    with django_assert_num_queries(REGISTER_QUERIES):
        last = _fresh_get(client, reverse("grants:award-register"), {"page": "2"})
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()


def _fresh_get(client, url, params=None):
    # Rendered by the view, not the public page cache (factories record no change it follows).
    cache.clear()
    return client.get(url, params)


def _moderation_queries(client, grant_round, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        assert client.get(reverse("grants:moderation", args=[grant_round.pk])).status_code == 200


def test_moderation_and_scoring_query_counts_do_not_grow(
    client_as, users, django_assert_num_queries
) -> None:
    grant_round = RoundFactory(status=S.MODERATION)
    criteria = [CriterionFactory(round=grant_round) for _ in range(3)]

    def add(n):
        for _ in range(n):
            application = ApplicationFactory(round=grant_round, recommended=True)
            for criterion in criteria:
                Score.objects.create(
                    application=application, criterion=criterion, assessor=users["opcc"], value=3
                )

    add(1)
    client = client_as("opcc")
    # A fixed number for the session, user, roles, the round with its criteria and decisions,
    # then criteria, conflicts, applications and their scores.
    with django_assert_num_queries(9) as first:
        client.get(reverse("grants:moderation", args=[grant_round.pk]))
    with django_assert_num_queries(9) as scoring_first:
        client.get(reverse("grants:scoring", args=[grant_round.pk]))
    add(15)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("grants:moderation", args=[grant_round.pk]))
    with django_assert_num_queries(len(scoring_first.captured_queries)):
        client.get(reverse("grants:scoring", args=[grant_round.pk]))


def test_moderation_shows_budget_warning(client_as) -> None:
    grant_round = RoundFactory(status=S.MODERATION, budget=Decimal("10000"))
    ApplicationFactory(round=grant_round, recommended=True, amount_requested=Decimal("6000"))
    ApplicationFactory(round=grant_round, recommended=True, amount_requested=Decimal("4000.01"))
    html = (
        client_as("member")
        .get(reverse("grants:moderation", args=[grant_round.pk]))
        .content.decode()
    )
    assert "is £0.01 over the £10,000.00 budget" in html
    assert "Recommend by threshold" not in html  # panel members read only


def test_scoring_cell_htmx_saves_and_returns_cell(client_as, users) -> None:
    grant_round = RoundFactory(status=S.CLOSED)
    criterion = CriterionFactory(round=grant_round, max_score=5)
    application = ApplicationFactory(round=grant_round)
    client = client_as("opcc")
    data = {"application": application.pk, "criterion": criterion.pk, "value": 4}
    response = client.post(reverse("grants:scoring", args=[grant_round.pk]), data, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(
        f'<td class="govuk-table__cell" id="cell-{application.pk}-{criterion.pk}"'
    )
    assert Score.objects.get().value == 4
    bad = client.post(reverse("grants:scoring", args=[grant_round.pk]), {**data, "value": 9}, **HX)
    assert bad.status_code == 422 and "Enter a score from 0 to 5." in bad.content.decode()
    plain = client.post(reverse("grants:scoring", args=[grant_round.pk]), {**data, "value": 2})
    assert plain.status_code == 302 and Score.objects.get().value == 2


def test_import_view_dry_run_then_import(client_as) -> None:
    grant_round = RoundFactory(status=S.OPEN)
    OrganisationFactory(name="Antoin Akpom Achievements Foundation", slug="aaa")
    content = (
        'organisation,project,amount_requested\n",Antoin Akpom Achievements Foundation",AAA,'
        '"£9,137.99"\n'
    ).encode()
    client = client_as("opcc")
    target = reverse("grants:import", args=[grant_round.pk])
    check = client.post(target, {"file": SimpleUploadedFile("a.csv", content), "action": "check"})
    html = check.content.decode()
    assert "The check found no problems" in html and "£9,137.99" in html
    assert not Application.objects.exists()
    done = client.post(target, {"file": SimpleUploadedFile("a.csv", content), "action": "import"})
    assert done.status_code == 302
    assert Application.objects.get().organisation.slug == "aaa"


def test_import_view_shows_line_errors(client_as) -> None:
    grant_round = RoundFactory(status=S.OPEN)
    content = b"organisation,project,amount_requested\nA,B,abc\n"
    response = client_as("opcc").post(
        reverse("grants:import", args=[grant_round.pk]),
        {"file": SimpleUploadedFile("a.csv", content), "action": "import"},
    )
    assert "Line 2: “abc” is not an amount of money" in response.content.decode()


def test_award_detail_links_question_when_tracker_has_the_page(
    client_as, world, monkeypatch
) -> None:
    award = world["award"]
    response = client_as("member").get(reverse("grants:award-detail", args=[award.pk]))
    link = award_views.question_url(award)
    if link:
        assert f"?grant_award={award.pk}" in response.content.decode()
    monkeypatch.setattr(award_views, "QUESTION_URL_NAME", "scrutiny:no-such-page")
    assert award_views.question_url(award) is None
    without = client_as("member").get(reverse("grants:award-detail", args=[award.pk]))
    assert without.status_code == 200
    html = without.content.decode()
    assert award.application.project_title in html  # the award itself is still shown
    assert "Ask a question about this grant" not in html


def test_360giving_validates_and_identifies_recipients(client, settings) -> None:
    charity = OrganisationFactory(charity_number="1234567")
    company = OrganisationFactory(company_number="09876543")
    plain = OrganisationFactory(slug="rose-alchemy")
    awards = [published_award(application__organisation=o) for o in (charity, company, plain)]
    ReturnFactory(award=awards[0], due_on=datetime.date(2000, 1, 1))
    data = client.get(reverse("grants:360giving")).json()
    assert schema_errors(data) == []
    by_id = {g["recipientOrganization"][0]["id"]: g for g in data["grants"]}
    assert set(by_id) == {"GB-CHC-1234567", "GB-COH-09876543", "360G-llrpcc-ORG-rose-alchemy"}
    assert by_id["GB-CHC-1234567"]["llrpccMonitoring"]["status"] == "overdue"
    assert by_id["GB-COH-09876543"]["llrpccMonitoring"]["status"] == "none"
    ids = [g["id"] for g in data["grants"]]
    assert len(set(ids)) == 3 and all(i.startswith("360G-llrpcc-") for i in ids)


def test_360giving_keeps_pence(client) -> None:
    published_award(amount=Decimal("9137.99"), application__amount_requested=Decimal("9990.90"))
    grant = client.get(reverse("grants:360giving")).json()["grants"][0]
    assert (grant["amountAwarded"], grant["amountAppliedFor"]) == (9137.99, 9990.9)


def test_awards_csv(client) -> None:
    award = published_award(
        amount=Decimal("9137.99"), application__amount_requested=Decimal("9137.99")
    )
    AwardFactory()  # unpublished
    response = client.get(reverse("grants:awards-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 1
    assert rows[0]["Amount Awarded"] == "9137.99"
    assert rows[0]["Decision Reference"] == award.decision.public_reference


def test_exports_query_count_does_not_grow(client, django_assert_num_queries) -> None:
    grant_round = RoundFactory(status=S.AWARDS_MADE)
    published_award(application__round=grant_round)
    with django_assert_num_queries(3) as first:
        client.get(reverse("grants:360giving"))
    for _ in range(5):
        published_award(application__round=grant_round)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("grants:360giving"))


def test_record_an_application_by_hand(client_as):
    grant_round = RoundFactory(status=S.OPEN)
    existing = OrganisationFactory(name="Antoin Akpom Achievements Foundation")
    url = reverse("grants:application-add", args=[grant_round.pk])
    assert client_as(None).get(url).status_code == 302
    assert client_as("member").get(url).status_code == 403
    officer = client_as("opcc")
    refused = officer.post(url, {"organisation": "x", "project_title": "Boxing club",
                                 "amount_requested": "abc"})  # fmt: skip
    assert "Enter an amount" in refused.content.decode()
    too_much = officer.post(url, {"organisation": "x", "project_title": "Boxing club",
                                  "amount_requested": "10000.01"})  # fmt: skip
    assert too_much.status_code == 200
    assert not Application.objects.exists()
    officer.post(url, {"organisation": ",Antoin Akpom Achievements Foundation",
                       "project_title": "Boxing club", "amount_requested": "9137.99",
                       "area": "Leicester"})  # fmt: skip
    application = Application.objects.get()
    assert application.organisation == existing
    assert application.amount_requested == Decimal("9137.99")
