"""Two-factor sign-in: required roles set up an authenticator; then a code follows the password."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import DomainEvent
from core.permissions import ADMINISTRATOR, OPCC_OFFICER
from core.signin_views import (
    REMOVE_REFUSED,
    REMOVED,
    THROTTLED,
    WRONG_CODE,
    WRONG_SETUP_CODE,
)
from core.two_factor import RECOVERY_CODE_COUNT, recovery_codes_generate

BASE_DIR = Path(__file__).resolve().parents[2]
SETUP = "/accounts/two-factor/set-up/"
VERIFY = "/accounts/two-factor/verify/"
START = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = [ADMINISTRATOR, OPCC_OFFICER]
    return settings


@pytest.fixture
def clock():
    """Frozen time, moved on by hand: each TOTP code is accepted once, in its own 30 seconds."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A 6-digit code the device does not accept now (it accepts the step before and after)."""
    device.refresh_from_db()
    accepted = {
        totp(device.bin_key, device.step, device.t0, device.digits, device.drift + d)
        for d in (-1, 0, 1)
    }
    return f"{next(n for n in range(123456, 123460) if n not in accepted):06d}"


def sign_in(client: Client, username: str, next_url: str = "/actions/"):
    return client.post(
        f"/accounts/login/?next={next_url}",
        {"username": username, "password": "demo", "next": next_url},
    )


def device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def test_a_required_role_without_a_device_is_sent_to_set_up_and_reaches_nothing_else(
    client, users, required
):
    assert sign_in(client, "opcc").status_code == 302
    assert SESSION_KEY in client.session
    for url in ("/actions/", "/admin/", "/notifications/", VERIFY):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{SETUP}?next="), url
    htmx = client.get("/actions/summary/", HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == f"{SETUP}?next=%2Factions%2Fsummary%2F"
    assert client.get("/healthz").status_code == 200
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "Set up two-factor sign-in" in page.content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert SESSION_KEY not in client.session


def test_setting_up_shows_a_qr_code_and_secret_then_ten_recovery_codes_once(
    client, users, required, clock
):
    sign_in(client, "opcc")
    page = client.get(f"{SETUP}?next=/actions/").content.decode()
    device = TOTPDevice.objects.get(user=users["opcc"], confirmed=False)
    assert '<svg role="img" aria-label="QR code for setting up your authenticator app"' in page
    assert "<path" in page
    # Drawn inline by the server: no image fetched from anywhere, no script.
    main = page.split('id="main-content"')[1].split("</main>")[0]
    assert "<svg" in main
    assert "<img" not in main
    assert "<script" not in main
    secret = re.search(r'<code class="app-secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert len(secret.replace(" ", "")) == 32

    wrong = client.post(SETUP, {"code": wrong_code_for(device), "next": "/actions/"})
    assert wrong.status_code == 200
    assert WRONG_SETUP_CODE in wrong.content.decode()
    clock.shift(datetime.timedelta(seconds=30))
    right = client.post(SETUP, {"code": code_for(device), "next": "/actions/"})
    assert right.status_code == 302
    assert right["Location"] == "/accounts/two-factor/recovery-codes/?next=%2Factions%2F"

    shown = client.get(right["Location"]).content.decode()
    codes = sorted(
        StaticToken.objects.filter(device__user=users["opcc"]).values_list("token", flat=True)
    )
    assert len(codes) == RECOVERY_CODE_COUNT == 10
    assert all(f"<code>{code}</code>" in shown for code in codes)
    again = client.get(right["Location"]).content.decode()
    assert not any(code in again for code in codes)
    assert "shown only once" in again
    assert client.get("/actions/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert DomainEvent.objects.filter(
        verb="auth.two_factor_enabled", object_id=users["opcc"].pk
    ).exists()


def test_with_a_device_the_password_is_followed_by_a_code(client, users, settings, clock):
    member = users["member"]
    device = device_for(member)
    sign_in(client, "member")
    response = client.get("/actions/")
    assert response["Location"] == f"{VERIFY}?next=%2Factions%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Enter your code" in page
    assert 'name="code"' in page

    wrong = client.post(VERIFY, {"code": wrong_code_for(device), "next": "/actions/"})
    assert wrong.status_code == 200
    assert WRONG_CODE in wrong.content.decode()
    assert client.get("/actions/").status_code == 302
    clock.shift(datetime.timedelta(seconds=30))  # past django-otp's 1-second back-off
    right = client.post(VERIFY, {"code": code_for(device), "next": "/actions/"})
    assert right.status_code == 302
    assert right["Location"] == "/actions/"
    assert client.get("/actions/").status_code == 200

    verbs = list(
        DomainEvent.objects.filter(verb__startswith="auth.two_factor").values_list("verb", "data")
    )
    assert verbs == [
        ("auth.two_factor_failed", {"method": "authenticator app", "outcome": "wrong"}),
        ("auth.two_factor_verified", {"method": "authenticator app"}),
    ]
    assert DomainEvent.objects.get(verb="auth.signed_in").data["two_factor"] == "verify"


def test_codes_straight_after_a_wrong_one_are_held_back(client, users, clock):
    device = device_for(users["member"])
    sign_in(client, "member")
    client.post(VERIFY, {"code": wrong_code_for(device)})
    held = client.post(VERIFY, {"code": code_for(device)})
    assert held.status_code == 200
    assert THROTTLED in held.content.decode()
    assert client.get("/actions/").status_code == 302


def test_the_same_code_does_not_sign_in_twice(users, clock):
    device = device_for(users["member"])
    code = code_for(device)
    first, second = Client(), Client()
    sign_in(first, "member")
    sign_in(second, "member")
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    replay = second.post(VERIFY, {"code": code})
    assert replay.status_code == 200
    assert WRONG_CODE in replay.content.decode()


def test_a_recovery_code_works_once(users, clock):
    member = users["member"]
    device_for(member)
    code = recovery_codes_generate(user=member)[0]
    client = Client()
    sign_in(client, "member")
    # Typed as people do: capitals, a space.
    typed = f"{code[:4].upper()} {code[4:].upper()}"
    assert client.post(VERIFY, {"code": typed, "next": "/actions/"})["Location"] == "/actions/"
    assert client.get("/actions/").status_code == 200
    assert DomainEvent.objects.get(verb="auth.two_factor_verified").data == {
        "method": "recovery code"
    }
    assert StaticToken.objects.filter(device__user=member).count() == RECOVERY_CODE_COUNT - 1

    clock.shift(datetime.timedelta(minutes=5))
    again = Client()
    sign_in(again, "member")
    used = again.post(VERIFY, {"code": code})
    assert used.status_code == 200
    assert WRONG_CODE in used.content.decode()
    assert again.get("/actions/").status_code == 302


def test_a_session_owing_a_code_cannot_set_up_a_new_device(client, users):
    device_for(users["member"])
    sign_in(client, "member")
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    client.post(SETUP, {"code": "000000"})
    assert TOTPDevice.objects.filter(user=users["member"]).count() == 1
    assert client.post("/accounts/two-factor/turn-off/")["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=users["member"]).exists()


@pytest.mark.parametrize("username", ["member", "opcc", "democratic", "admin"])
def test_without_a_required_role_the_password_alone_signs_in(client, users, username):
    # The demo: base.py requires two-factor sign-in of nobody.
    response = sign_in(client, username, next_url="/notifications/")
    assert response["Location"] == "/notifications/"
    assert client.get("/notifications/").status_code == 200
    assert DomainEvent.objects.get(verb="auth.signed_in").data["two_factor"] == "not-needed"


def test_a_required_role_cannot_turn_two_factor_off(client, users, required, clock):
    device = device_for(users["admin"])
    sign_in(client, "admin")
    client.post(VERIFY, {"code": code_for(device)})
    manage = client.get("/accounts/two-factor/").content.decode()
    assert "Two-factor sign-in is on" in manage
    assert "Turn off two-factor sign-in" not in manage
    refused = client.post("/accounts/two-factor/turn-off/", follow=True)
    assert REMOVE_REFUSED in refused.content.decode()
    assert TOTPDevice.objects.filter(user=users["admin"]).exists()


def test_anyone_else_may_turn_it_off_after_entering_a_code(client, users, clock):
    device = device_for(users["member"])
    recovery_codes_generate(user=users["member"])
    sign_in(client, "member")
    client.post(VERIFY, {"code": code_for(device)})
    response = client.post("/accounts/two-factor/turn-off/", follow=True)
    page = response.content.decode()
    assert REMOVED in page
    assert "Set up two-factor sign-in" in page
    assert not TOTPDevice.objects.filter(user=users["member"]).exists()
    assert not StaticToken.objects.filter(device__user=users["member"]).exists()
    assert DomainEvent.objects.filter(verb="auth.two_factor_removed").exists()


def test_new_recovery_codes_replace_the_old_ones(client, users, clock):
    device = device_for(users["member"])
    old = set(recovery_codes_generate(user=users["member"]))
    sign_in(client, "member")
    client.post(VERIFY, {"code": code_for(device)})
    response = client.post("/accounts/two-factor/recovery-codes/new/", follow=True)
    new = set(
        StaticToken.objects.filter(device__user=users["member"]).values_list("token", flat=True)
    )
    assert len(new) == 10
    assert not new & old
    assert all(code in response.content.decode() for code in new)


def test_production_requires_two_factor_of_administrators_and_opcc_officers():
    probe = (
        "import django; from django.conf import settings; django.setup(); "
        "print('|'.join(settings.TWO_FACTOR_REQUIRED_ROLES))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x7!k2" * 12,
        "ALLOWED_HOSTS": "panel.example.org",
    }
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == f"{ADMINISTRATOR}|{OPCC_OFFICER}"
