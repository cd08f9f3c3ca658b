"""The open data API's pages in a real browser: Django REST framework's browsable page runs its
own scripts and styles from static files with no policy violation (the autouse check), and the
API's page for people passes axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible
from tests.meetings.factories import BodyFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browsable_api_and_the_api_page(page):
    MeetingFactory(body=BodyFactory(), published=True, title="Budget and precept")
    page.goto("/api/v1/meetings")
    page.get_by_text("Budget and precept").first.wait_for()
    assert page.evaluate("typeof window.jQuery") == "function"  # DRF's scripts ran
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    # The format menu is Bootstrap's script: it opens on a click.
    page.locator("button.dropdown-toggle").first.click()
    page.get_by_role("link", name="json").wait_for()

    page.get_by_role("link", name="Open data API").click()
    page.wait_for_url("**/api/")
    assert page.get_by_role("heading", name="Open data API").is_visible()
    assert_accessible(page)
