"""Sign-in throttling (finding 7), the idle timeout and the sign-in audit.

Before: fifty wrong passwords for one account were all processed and then the right one worked.
Now ten failures lock the account (and, counted separately, the address) for the cool-off.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory

from core.models import DomainEvent
from core.signin import (
    IDLE_SIGNED_OUT_MESSAGE,
    LOCKOUT_MESSAGE,
    LOCKOUT_MESSAGE_UNTIL_UNLOCKED,
    check_two_factor_roles,
    client_ip_address,
)

LOGIN = "/accounts/login/"
WRONG = "wrong-Pa55word"
LOCKED_30 = LOCKOUT_MESSAGE.format(minutes=30)


@pytest.fixture
def lockout(settings):
    """Lockout as in base.py (test.py turns axes off for Client.login)."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 10
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    return settings


def sign_in(client: Client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def test_ten_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(
    client, users, lockout
):
    for attempt in range(1, 10):
        response = sign_in(client, "member", WRONG)
        assert response.status_code == 200, attempt
        assert "Please enter a correct username and password" in response.content.decode()
    tenth = sign_in(client, "member", WRONG)
    assert tenth.status_code == 429
    eleventh = sign_in(client, "member", "demo")
    assert eleventh.status_code == 429
    page = eleventh.content.decode()
    assert "Sign-in locked" in page
    assert LOCKED_30 in page
    assert not signed_in(client)


def test_an_administrator_unlocks_the_account_by_deleting_its_access_attempt(
    client, users, lockout, client_as
):
    for _ in range(10):
        sign_in(client, "member", WRONG)
    assert sign_in(client, "member", "demo").status_code == 429
    attempt = AccessAttempt.objects.get(username="member")
    admin = client_as("admin")
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert "member" in listing.content.decode()
    unlocked = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username="member").exists()
    response = sign_in(client, "member", "demo")
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_counts_failures_by_address_across_usernames(client, users, lockout):
    for number in range(10):
        sign_in(client, f"guess{number}", WRONG, address="10.0.0.1")
    from_there = sign_in(client, "opcc", "demo", address="10.0.0.1")
    assert from_there.status_code == 429
    assert LOCKED_30 in from_there.content.decode()
    assert not signed_in(client)
    elsewhere = sign_in(Client(), "opcc", "demo", address="10.0.0.2")
    assert elsewhere.status_code == 302


def test_a_successful_sign_in_clears_the_accounts_failures(client, users, lockout):
    for _ in range(9):
        sign_in(client, "member", WRONG)
    assert sign_in(client, "member", "demo").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(9):
        assert sign_in(client, "member", WRONG).status_code == 200
    assert sign_in(client, "member", "demo").status_code == 302
    assert signed_in(client)


def test_the_lock_ends_after_the_cool_off(client, users, lockout):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        for _ in range(10):
            sign_in(client, "member", WRONG)
        assert sign_in(client, "member", "demo").status_code == 429
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, 31, tzinfo=datetime.UTC), tick=False):
        assert sign_in(client, "member", "demo").status_code == 302


def test_without_a_cool_off_the_lock_lasts_until_an_administrator_unlocks(client, users, lockout):
    lockout.AXES_COOLOFF_TIME = None
    for _ in range(10):
        sign_in(client, "member", WRONG)
    response = sign_in(client, "member", "demo")
    assert response.status_code == 429
    assert LOCKOUT_MESSAGE_UNTIL_UNLOCKED in response.content.decode()
    assert LOCKED_30 not in response.content.decode()


def test_the_admin_sign_in_page_is_locked_too(client, users, lockout):
    for _ in range(10):
        client.post("/admin/login/", {"username": "admin", "password": WRONG})
    response = client.post("/admin/login/", {"username": "admin", "password": "demo"})
    assert response.status_code == 429
    assert LOCKED_30 in response.content.decode()


def test_behind_a_proxy_the_client_address_is_the_one_the_proxy_saw(settings):
    settings.SIGN_IN_PROXY_COUNT = 1
    # The left entry is whatever the client claimed; the right one was added by our proxy.
    request = RequestFactory().post(
        LOGIN, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.9"
    )
    assert client_ip_address(request) == "203.0.113.7"
    settings.SIGN_IN_PROXY_COUNT = 0
    assert client_ip_address(request) == "10.0.0.9"


def test_sign_in_events_are_recorded_and_never_hold_the_password(client, users, lockout):
    member = users["member"]
    sign_in(client, "member", WRONG)
    sign_in(client, "nobody-by-this-name", WRONG)
    sign_in(client, "member", "demo")
    client.post("/accounts/logout/")
    for _ in range(10):
        sign_in(client, "opcc", WRONG, address="10.0.0.5")

    failed = DomainEvent.objects.filter(verb="auth.sign_in_failed")
    on_member = failed.get(object_id=member.pk, content_type__model="user")
    assert on_member.data == {"username": "member", "ip_address": "127.0.0.1"}
    assert on_member.actor is None
    unknown = failed.get(data__username="nobody-by-this-name")
    assert unknown.subject == ContentType.objects.get_for_model(User)
    signed_in_event = DomainEvent.objects.get(verb="auth.signed_in")
    assert (signed_in_event.subject, signed_in_event.actor) == (member, member)
    signed_out = DomainEvent.objects.get(verb="auth.signed_out")
    assert signed_out.subject == member
    assert signed_out.data == {"reason": "signed out"}
    locked = DomainEvent.objects.get(verb="auth.locked_out")
    assert locked.subject == users["opcc"]
    assert locked.data == {"username": "opcc", "ip_address": "10.0.0.5", "failures": 10}
    everything = json.dumps(list(DomainEvent.objects.values("summary", "data")))
    assert WRONG not in everything
    assert "demo" not in everything


@pytest.fixture
def signed_in_member(users):
    client = Client()
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert sign_in(client, "member", "demo").status_code == 302
    return client


def test_a_session_ends_after_an_hour_without_a_request(signed_in_member):
    client = signed_in_member
    with time_machine.travel(datetime.datetime(2025, 3, 3, 10, 1, tzinfo=datetime.UTC), tick=False):
        response = client.get("/actions/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/actions/"
        assert not signed_in(client)
        page = client.get(response["Location"]).content.decode()
    assert IDLE_SIGNED_OUT_MESSAGE.format(minutes=60) in page
    assert "You were signed out after 60 minutes without activity" in page
    event = DomainEvent.objects.get(verb="auth.signed_out")
    assert event.data == {"reason": "idle"}


def test_each_request_restarts_the_idle_clock(signed_in_member):
    client = signed_in_member
    for hour, minute in ((9, 50), (10, 40), (11, 30)):
        moment = datetime.datetime(2025, 3, 3, hour, minute, tzinfo=datetime.UTC)
        with time_machine.travel(moment, tick=False):
            assert client.get("/actions/").status_code == 200
            assert signed_in(client)
    assert not DomainEvent.objects.filter(verb="auth.signed_out").exists()


def test_an_idle_htmx_request_sends_the_whole_page_to_sign_in(signed_in_member):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 10, 1, tzinfo=datetime.UTC), tick=False):
        response = signed_in_member.get("/actions/summary/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/actions/summary/"


def test_the_idle_timeout_is_a_setting(signed_in_member, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 15
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, 16, tzinfo=datetime.UTC), tick=False):
        response = signed_in_member.get("/actions/", follow=True)
    assert IDLE_SIGNED_OUT_MESSAGE.format(minutes=15) in response.content.decode()
    assert response.redirect_chain[0] == ("/accounts/login/?next=/actions/", 302)


def test_an_unknown_role_in_the_two_factor_setting_fails_the_system_check(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["Administrator", "Admins"]
    errors = check_two_factor_roles(None)
    assert [error.id for error in errors] == ["core.E001"]
    assert "Admins" in errors[0].msg
    settings.TWO_FACTOR_REQUIRED_ROLES = ["Administrator", "OPCC officer"]
    assert check_two_factor_roles(None) == []


def test_the_admin_unlocks_by_deleting_attempts_but_never_deletes_the_sign_in_logs(rf, users):
    request = rf.get("/admin/")
    request.user = users["admin"]
    assert admin.site._registry[AccessAttempt].has_delete_permission(request)
    assert not admin.site._registry[AccessLog].has_delete_permission(request)
    assert not admin.site._registry[AccessFailureLog].has_delete_permission(request)
