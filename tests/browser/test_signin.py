"""Two-factor sign-in in a real browser: set up an authenticator from the page, then sign in with
a code. The codes are computed here with django-otp's TOTP, as the phone app would."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.permissions import ADMINISTRATOR, OPCC_OFFICER, PANEL_MEMBER
from tests.browser.conftest import assert_accessible, login
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_sets_up_an_authenticator_then_reaches_the_tracker(page, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = [ADMINISTRATOR, OPCC_OFFICER]
    make_user("opcc", OPCC_OFFICER)
    login(page, "opcc")
    page.goto("/actions/")
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    assert page.get_by_role(
        "img", name="QR code for setting up your authenticator app"
    ).is_visible()
    assert_accessible(page)

    secret = page.locator(".app-secret").inner_text().replace(" ", "")
    code = totp(b32decode(secret))
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    shown = page.locator(".app-recovery-codes code").all_inner_texts()
    assert sorted(shown) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert len(shown) == 10
    assert_accessible(page)

    page.get_by_role("link", name="Continue").click()
    page.wait_for_load_state()
    assert re.search(r"/actions/$", page.url)
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert "Set up two-factor sign-in" not in page.content()


def test_a_member_with_an_authenticator_signs_in_with_password_and_code(page):
    member = make_user("member", PANEL_MEMBER)
    device = TOTPDevice.objects.create(user=member, name="Authenticator app", confirmed=True)
    login(page, "member")
    page.get_by_role("heading", name="Enter your code").wait_for()
    assert_accessible(page)

    accepted = {totp(device.bin_key, drift=drift) for drift in (-1, 0, 1)}
    wrong = next(n for n in range(123456, 123460) if n not in accepted)
    page.get_by_label("Code", exact=True).fill(f"{wrong:06d}")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("That code is not right").first.wait_for()

    # django-otp holds codes back for a second after a wrong one.
    page.wait_for_timeout(1100)
    page.get_by_label("Code", exact=True).fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.url.endswith("/")
    assert page.get_by_text("Signed in as").is_visible()
    page.goto("/actions/")
    assert page.url.endswith("/actions/")
    assert "Enter your code" not in page.content()
