"""Each demo role signs in and sees its navigation; anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "username,present,absent",
    [
        ("member", [], ["Administration"]),
        ("opcc", [], ["Administration"]),
        ("democratic", [], ["Administration"]),
        ("admin", ["Administration"], []),
    ],
)
def test_each_role_sees_its_navigation_and_can_sign_out(page, users, username, present, absent):
    login(page, username)
    nav = page.get_by_role("navigation", name="Menu")
    header = page.locator("header")
    assert "Signed in as" in header.inner_text()
    for label in present:
        assert nav.get_by_role("link", name=label).count() == 1
    for label in absent:
        assert page.get_by_role("link", name=label, exact=True).count() == 0
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.locator("header").get_by_role("link", name="Sign in").count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(page, users):
    page.goto("/accounts/password/change/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="Sign in").count() == 1


def test_home_and_login_pages_are_accessible(page, users):
    page.goto("/")
    assert_accessible(page)
    page.goto("/accounts/login/")
    assert_accessible(page)
