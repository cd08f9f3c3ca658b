"""Two panels' sites side by side in one browser: LLR on 127.0.0.1 and the invented panels on
<slug>.localhost (Chromium resolves every *.localhost name to the loopback address). Each shows
its own name, colours and meetings and none of the other's; axe-core checks every page,
including the contrast of the header text on each panel's colour."""

from __future__ import annotations

import io

import pytest

from core.management.commands.load_demo import panel_ensure, panel_specs
from core.tenancy import panel_scope
from meetings import demo
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LLR = "Leicester, Leicestershire and Rutland Police and Crime Panel"
# slug: (name, header colour as the browser computes it, header text colour, a meeting's date)
INVENTED = {
    "northshire": (
        "Northshire Police, Fire and Crime Panel",
        "rgb(0, 112, 60)",
        "rgb(255, 255, 255)",
        "22 June 2026",
    ),
    "westmarch": (
        "Westmarch Police and Crime Panel",
        "rgb(244, 119, 56)",
        "rgb(0, 0, 0)",
        "6 July 2026",
    ),
}


@pytest.fixture
def panels(panel):
    """The demo's panels as load_demo makes them, LLR with the seed papers' meetings and each
    invented panel with its invented ones."""
    made = {spec["slug"]: panel_ensure(spec) for spec in panel_specs()}
    demo.load(stdout=io.StringIO())
    for slug in INVENTED:
        with panel_scope(made[slug]):
            demo.load_invented(made[slug], stdout=io.StringIO())
    return made


def header(page) -> tuple[str, str, str]:
    """The service name, and the header's background and link colours as drawn."""
    name = page.locator(".govuk-service-navigation__service-name").inner_text().strip()
    background = page.locator(".govuk-header").evaluate("e => getComputedStyle(e).backgroundColor")
    link = page.locator(".govuk-header__link--homepage").evaluate("e => getComputedStyle(e).color")
    return name, background, link


def test_two_panels_sites_side_by_side(page, live_server, panels):
    port = live_server.url.rsplit(":", 1)[1]
    llr = page
    llr.goto(f"http://127.0.0.1:{port}/meetings/")
    for slug, (name, background, text, held) in INVENTED.items():
        theirs = page.context.new_page()
        theirs.goto(f"http://{slug}.localhost:{port}/meetings/")
        assert header(theirs) == (name, background, text)
        assert header(llr) == (LLR, "rgb(29, 112, 184)", "rgb(255, 255, 255)")
        their_page, llr_page = theirs.locator("main").inner_text(), llr.locator("main").inner_text()
        assert held in their_page and "28 October 2024" not in their_page
        assert "28 October 2024" in llr_page and held not in llr_page
        assert LLR not in theirs.content() and name not in llr.content()
        assert_accessible(theirs)
        theirs.goto(f"http://{slug}.localhost:{port}/")
        assert "Invented demo data" in theirs.locator(".govuk-phase-banner").inner_text()
        logo = theirs.locator("header img.app-header__logo")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        assert_accessible(theirs)
        theirs.close()
    assert_accessible(llr)
    llr.goto(f"http://127.0.0.1:{port}/")
    assert "Invented demo data" not in llr.content()
    assert llr.locator("header img").count() == 0
    assert_accessible(llr)
