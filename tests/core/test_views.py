"""Who may use the foundation's pages, asserted on status codes for anonymous and every role."""

from __future__ import annotations

import pytest
from django.urls import reverse

ROLES = [None, "member", "opcc", "democratic", "admin"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_home_is_public(client_as, role):
    response = client_as(role).get(reverse("core:home"))
    assert response.status_code == 200
    assert b"<html" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_login_page_is_public(client_as, role):
    assert client_as(role).get(reverse("login")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_healthz_reports_database_and_eager_broker(client_as, role):
    response = client_as(role).get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["status"] == "ok"
    assert body["broker"]["status"] == "eager"
    assert body["status"] == "ok"


@pytest.mark.django_db
def test_password_change_needs_login(client_as):
    response = client_as(None).get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "opcc", "democratic", "admin"])
def test_password_change_for_every_role(client_as, role):
    assert client_as(role).get(reverse("password_change")).status_code == 200


@pytest.mark.django_db
def test_password_change_rejects_wrong_old_password_and_keeps_it(client_as, users):
    response = client_as("member").post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "a-new-Passw0rd!",
            "new_password2": "a-new-Passw0rd!",
        },
    )
    assert response.status_code == 200
    assert b"Your old password was entered incorrectly" in response.content
    users["member"].refresh_from_db()
    assert users["member"].check_password("demo")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,expected",
    [(None, 302), ("member", 302), ("opcc", 302), ("democratic", 302), ("admin", 200)],
)
def test_admin_only_for_administrators(client_as, role, expected):
    response = client_as(role).get(reverse("admin:index"))
    assert response.status_code == expected


@pytest.mark.django_db
def test_login_with_demo_credentials_and_logout(client, users):
    response = client.post(reverse("login"), {"username": "member", "password": "demo"})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).context["user"].username == "member"
    assert client.post(reverse("logout")).status_code == 302
    assert not client.get(reverse("core:home")).context["user"].is_authenticated


@pytest.mark.django_db
def test_login_with_wrong_password_says_so(client, users):
    response = client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


@pytest.mark.django_db
def test_error_pages_use_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"govuk-header" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,visible,hidden",
    [
        (None, [], ["Administration"]),
        ("member", [], ["Administration"]),
        ("admin", ["Administration"], []),
    ],
)
def test_navigation_depends_on_role(client_as, role, visible, hidden):
    content = client_as(role).get(reverse("core:home")).content.decode()
    for label in visible:
        assert f">{label}</a>" in content
    for label in hidden:
        assert f">{label}</a>" not in content


def test_htmx_requests_carry_the_csrf_token_header(client_as):
    content = client_as("member").get(reverse("core:home")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in content


@pytest.mark.django_db
def test_the_public_is_given_no_csrf_token(client):
    """Nothing on a public page posts: no token, so no cookie, so a shared cache may keep it."""
    response = client.get(reverse("core:home"))
    assert "X-CSRFToken" not in response.content.decode()
    assert not response.cookies
