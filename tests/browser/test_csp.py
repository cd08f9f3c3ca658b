"""The pages under the Content-Security-Policy in a real browser: GOV.UK Frontend, htmx, the
charts and Django's admin all work with nothing inline. Every test here (like every browser test)
also fails on any policy violation, through the autouse fixture in conftest.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import login
from tests.grants.factories import FundFactory, published_award
from tests.meetings.factories import MeetingFactory
from tests.scrutiny.factories import TrackedItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_violation_check_sees_inline_script_and_style_attributes(page, csp_violations):
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
          document.querySelector("main").setAttribute("style", "color: red");
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.inlineRan") is None
    assert any("script-src" in v for v in csp_violations), csp_violations
    assert any("style-src" in v for v in csp_violations), csp_violations
    csp_violations.clear()  # seen, as intended; the autouse check must not fail this test


def test_govuk_frontend_and_htmx_run_without_inline_code(page, users):
    page.goto("/")
    page.wait_for_function("window.htmx !== undefined")
    classes = page.evaluate("document.body.className").split()
    assert {"govuk-template__body", "js-enabled", "govuk-frontend-supported"} <= set(classes)
    config = page.evaluate(
        "[htmx.config.includeIndicatorStyles, htmx.config.allowEval, htmx.config.allowScriptTags]"
    )
    assert config == [False, False, False]
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert page.evaluate("document.querySelectorAll('script[src]').length") >= 4
    login(page, "member")
    assert "Signed in as" in page.locator("header").inner_text()


def test_award_register_chart_draws_and_redraws_after_filtering(page):
    safety = FundFactory(name="Safety Fund", slug="safety-fund")
    youth = FundFactory(name="Youth Fund", slug="youth-fund")
    published_award(application__round__fund=safety, amount=Decimal("9000"))
    published_award(application__round__fund=youth, amount=Decimal("4000"))
    page.goto("/grants/")
    canvas = page.locator("canvas[data-chart-config]")
    canvas.and_(page.locator("[data-chart-drawn]")).wait_for()
    labels = "c => Chart.getChart(c).data.labels.length"
    assert canvas.evaluate(labels) == 2

    page.get_by_label("Fund", exact=True).select_option(label="Youth Fund")
    page.get_by_role("button", name="Filter awards").click()
    page.get_by_text("1 award totalling").wait_for()
    canvas.and_(page.locator("[data-chart-drawn]")).wait_for()
    assert canvas.evaluate(labels) == 1
    assert canvas.evaluate("c => Chart.getChart(c).data.labels[0]").startswith("Youth Fund")
    width = page.locator(".app-chart--narrow").evaluate("e => getComputedStyle(e).maxWidth")
    assert width == "768px"  # 48rem, from the stylesheet now


def test_timeliness_chart_draws(page):
    TrackedItemFactory(addressee="pcc")  # public, long overdue
    page.goto("/timeliness/")
    canvas = page.locator("canvas[data-chart-config]")
    canvas.and_(page.locator("[data-chart-drawn]")).wait_for()
    assert canvas.evaluate("c => Chart.getChart(c).data.datasets.length") == 3


def test_chain_page_indents_from_the_stylesheet(page, users):
    parent = TrackedItemFactory()
    child = TrackedItemFactory(parent=parent, body=parent.body)
    login(page, "member")
    page.goto(f"/actions/{child.pk}/chain/")
    margins = page.locator(".app-timeline__item").evaluate_all(
        "items => items.map(i => getComputedStyle(i).marginLeft)"
    )
    assert margins[0] == "0px"
    assert margins[1] != "0px"


def test_django_admin_works_under_the_policy(page, users):
    login(page, "admin")
    for url in ("/admin/", "/admin/auth/user/", f"/admin/auth/user/{users['member'].pk}/change/"):
        page.goto(url)
        assert page.locator("#site-name").is_visible(), url
    # The "Add another" row of the panel roles inline is drawn by the admin's own scripts
    # (inlines.js).
    roles = page.locator("select[name$='-role']:not([name*='__prefix__'])")
    before = roles.count()
    page.get_by_role("button", name="Add another Role in this panel").click()
    assert roles.count() == before + 1
    roles.last.select_option("OPCC officer")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("was changed successfully").is_visible()


def test_a_pdf_opens_inline_in_the_browsers_viewer_under_the_policy(page, users):
    # object-src 'none' once kept Chrome's viewer from loading a PDF sent with the policy.
    meeting = MeetingFactory()
    TrackedItemFactory(body=meeting.body, meeting=meeting)
    login(page, "member")
    url = f"/actions/log/{meeting.pk}/pdf/"
    sent = page.request.get(url).headers  # as the server sent them, before the viewer
    assert sent["content-type"] == "application/pdf"
    assert "object-src 'none'" in sent["content-security-policy"]
    page.goto(url)
    for _ in range(50):  # the viewer is a frame of Chromium's own, loaded after the PDF
        if any(frame.url.startswith("chrome-extension://") for frame in page.frames):
            break
        page.wait_for_timeout(100)
    assert any(frame.url.startswith("chrome-extension://") for frame in page.frames), page.frames
