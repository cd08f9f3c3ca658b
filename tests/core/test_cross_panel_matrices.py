"""The leak and permission matrices across panels: LLR (host testserver) and Northshire (host
northshire.testserver) in one database, each with its own planted words (tests/core/world.py).

Leaks: every URL pattern is requested on Northshire's host, filled with LLR's objects and with
Northshire's own, and on LLR's host filled with Northshire's; no word of one panel, public or
secret, may show in any output on the other's host, whoever asks. Northshire's public words
must show on its own public pages, so that the matrix proves it read real ones.

Permissions: an officer of LLR signed in on Northshire's host holds no role there: every URL
is allowed and refused as the README's table says for a user without roles ("N"), and a valid
state-changing POST changes nothing, while the same POST by Northshire's own officer does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Panel
from core.tenancy import panel_scope
from grants.models import Payment
from meetings.models import Meeting
from scrutiny.models import TrackedItem
from tests.core.test_leak_matrix import (  # noqa: F401  (the module's world)
    HTMX,
    NATIONAL_URLS,
    OTHER_WORDS,
    Finding,
    client_for,
    every_url,
    text_of,
    world,
)
from tests.core.test_permission_matrix import outcome, policy_table
from tests.core.urlcatalogue import World, url_patterns, urls_for
from tests.core.world import (
    MARKERS,
    OTHER_HOST,
    OTHER_INTERNAL,
    OTHER_PUBLIC,
    OTHER_SECRETS,
    PUBLIC_MARKER,
)

pytestmark = pytest.mark.django_db
LLR_HOST = "testserver"
# Every word of LLR, its public text included: none may show on Northshire's host.
LLR_WORDS = {name: word for name, (word, _allowed) in MARKERS.items()} | {
    "public text": PUBLIC_MARKER
}
# The public words of both panels, which the national download (NATIONAL_URLS) holds on every host.
PUBLIC_WORDS = frozenset({PUBLIC_MARKER, *OTHER_PUBLIC.values()})
# Who walks the other panel's host: the public, the panel's own administrator (not a superuser),
# an officer of the other panel only, and the national administrator (Administrator in both).
ON_NORTHSHIRE = ("public", "north_admin", "opcc", "admin")
ON_LLR = ("public", "opcc", "north_admin", "admin")
# LLR's officers, none of whom holds a role in Northshire (llr_admin is not a superuser).
LLR_OFFICERS = ("member", "opcc", "democratic", "llr_admin")


def northshire() -> Panel:
    return Panel.objects.get(slug="northshire")


def other_world(built: World) -> World:
    return built.extra["other"]


def northshire_urls(built: World) -> list[tuple[str, str]]:
    """Every URL pattern filled with Northshire's objects (looked up inside Northshire)."""
    with panel_scope(northshire()):
        return every_url(other_world(built))


def walk(
    client: Client,
    urls: list[tuple[str, str]],
    words: dict[str, str],
    role: str,
    *,
    fragments: bool = True,
) -> tuple[list[Finding], list[str], list[str]]:
    """(leaks of `words`, server errors, the text of each page served) for every URL, as a
    page and (with `fragments`) as an htmx fragment."""
    leaks: list[Finding] = []
    errors: list[str] = []
    texts: list[str] = []
    for name, url in urls:
        for htmx in (False, True) if fragments else (False,):
            if htmx and (name.startswith("admin:") or name.endswith("pdf")):
                continue  # neither the admin nor a PDF has fragments
            meta: dict[str, Any] = HTMX if htmx else {}
            response = client.get(url, **meta)
            if response.status_code >= 500:
                errors.append(f"{role} GET {url} ({name}) answered {response.status_code}")
                continue
            text = text_of(response)
            if response.status_code == 200:
                texts.append(text)
            national = name in NATIONAL_URLS  # every panel's public records, on purpose
            leaks += [
                Finding(role, url, htmx, n)
                for n, word in words.items()
                if word in text and not (national and word in PUBLIC_WORDS)
            ]
    return leaks, errors, texts


def test_the_second_panel_fills_every_url_pattern(world):  # noqa: F811
    """Northshire's world reaches every pattern, so its host is walked with its own objects."""
    with panel_scope(northshire()):
        unfilled = [p.name for p in url_patterns() if not urls_for(p, other_world(world))]
    assert not unfilled, f"Northshire's world has no object for: {unfilled}"


@pytest.mark.parametrize("role", ON_NORTHSHIRE)
def test_nothing_of_llr_shows_on_northshire(world, role):  # noqa: F811
    client = client_for(world, role, OTHER_HOST)
    secrets_allowed = role in OTHER_INTERNAL or role == "admin"
    words = LLR_WORDS | ({} if secrets_allowed else OTHER_SECRETS)
    theirs = northshire_urls(world)
    leaks, errors, texts = walk(client, theirs, words, role)
    shown = sum(any(word in text for word in OTHER_PUBLIC.values()) for text in texts)
    # LLR's objects asked for by id on Northshire's host: pages only, as each is not found.
    llr_by_id = [case for case in every_url(world) if case not in set(theirs)]
    more_leaks, more_errors, _texts = walk(client, llr_by_id, words, role, fragments=False)
    assert shown > 5, f"{role} was served Northshire's public text on almost no page"
    assert not errors + more_errors, "\n".join(errors + more_errors)
    assert not leaks + more_leaks, "\n".join(map(str, leaks + more_leaks))


@pytest.mark.parametrize("role", ON_LLR)
def test_nothing_of_northshire_shows_on_llr(world, role):  # noqa: F811
    """Northshire's objects asked for by id on LLR's host (LLR's own URLs are walked, with
    Northshire's words checked, by every role in test_leak_matrix)."""
    client = client_for(world, role, LLR_HOST)
    llr_secrets = {n: word for n, (word, allowed) in MARKERS.items() if role not in allowed}
    leaks, errors, texts = walk(client, northshire_urls(world), OTHER_WORDS | llr_secrets, role)
    assert sum(PUBLIC_MARKER in text for text in texts) > 0, "LLR's own pages were not read"
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(map(str, leaks))


@pytest.mark.parametrize("role", ON_NORTHSHIRE)
def test_northshire_public_words_are_on_its_own_pages(world, role):  # noqa: F811
    """Proof that the walk read Northshire's pages: each public word is on its home page, for
    the public and for an officer of LLR alike; and Northshire's own readers see its secrets."""
    client = client_for(world, role, OTHER_HOST)
    missing = [
        f"{role} GET {url}: {name} missing"
        for name, url in other_world(world).extra["homes"]
        if OTHER_PUBLIC[name] not in text_of(client.get(url))
    ]
    assert not missing, "\n".join(missing)
    if role in OTHER_INTERNAL or role == "admin":
        private, drafted = other_world(world).items[1:3]
        assert OTHER_SECRETS["private tracked item"] in text_of(
            client.get(f"/actions/{private.pk}/")
        )
        assert OTHER_SECRETS["draft response"] in text_of(client.get(f"/actions/{drafted.pk}/"))


def test_a_record_is_found_only_on_its_own_panels_host(world):  # noqa: F811
    client = client_for(world, "public")
    llr_meeting = next(m for m in world.meetings if PUBLIC_MARKER in m.title)
    north_meeting = other_world(world).meetings[0]
    assert client.get(f"/meetings/{llr_meeting.pk}/").status_code == 200
    assert client.get(f"/meetings/{north_meeting.pk}/").status_code == 404
    north = client_for(world, "public", OTHER_HOST)
    assert north.get(f"/meetings/{north_meeting.pk}/").status_code == 200
    assert north.get(f"/meetings/{llr_meeting.pk}/").status_code == 404
    # Both panels have a body "pcp": each host's calendar is its own body's.
    assert OTHER_PUBLIC["body"] in text_of(north.get("/meetings/calendar/pcp.ics"))
    assert OTHER_PUBLIC["body"] not in text_of(client.get("/meetings/calendar/pcp.ics"))


@pytest.mark.parametrize("role", LLR_OFFICERS)
def test_an_llr_officer_is_nobody_on_northshire(world, role):  # noqa: F811
    """Every URL pattern, GET and POST, on Northshire's host: allowed and refused exactly as
    for a user without roles (the README table's "N")."""
    table = policy_table()
    client = client_for(world, role, OTHER_HOST)
    with panel_scope(northshire()):
        cases = [(p.name, urls_for(p, other_world(world))) for p in url_patterns()]
    wrong = []
    for name, urls in cases:
        for method in ("GET", "POST"):
            as_norole = "norole" in table[name][method]
            refusals = [outcome(world, role, client, method, url) for url in urls]
            if as_norole and all(refusals):
                wrong.append(f"{role} {method} {name}: refused, a user without roles is allowed")
            if not as_norole and not all(refusals):
                wrong.append(f"{role} {method} {name}: allowed, a user without roles is refused")
    assert not wrong, "\n".join(wrong)


def _meeting_cancelled(built: World) -> tuple[str, dict[str, Any], Callable[[], bool]]:
    meeting = other_world(built).board_meetings[0]  # its agenda is out: it may be cancelled
    url = reverse("meetings:manage-meeting-cancel", kwargs={"pk": meeting.pk})
    done = lambda: Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED  # noqa: E731
    return url, {"reason": "The room is unavailable."}, done


def _item_withdrawn(built: World) -> tuple[str, dict[str, Any], Callable[[], bool]]:
    item = other_world(built).items[0]
    url = reverse("scrutiny:item-withdraw", kwargs={"pk": item.pk})
    done = lambda: TrackedItem.objects.get(pk=item.pk).withdrawn_at is not None  # noqa: E731
    return url, {"reason": "Raised twice."}, done


def _item_followed(built: World) -> tuple[str, dict[str, Any], Callable[[], bool]]:
    item = other_world(built).items[0]
    url = reverse("scrutiny:item-follow", kwargs={"pk": item.pk})
    done = lambda: TrackedItem.objects.get(pk=item.pk).followers.exists()  # noqa: E731
    return url, {"follow": "1"}, done


def _payment_paid(built: World) -> tuple[str, dict[str, Any], Callable[[], bool]]:
    with panel_scope(northshire()):
        payment = Payment.objects.order_by("pk").first()
    assert payment is not None
    url = reverse("grants:payment-paid", kwargs={"pk": payment.pk})
    done = lambda: Payment.objects.get(pk=payment.pk).paid_on is not None  # noqa: E731
    return url, {"paid_on": "2025-01-10"}, done


@pytest.mark.parametrize(
    ("llr_role", "post"),
    [
        ("democratic", _meeting_cancelled),
        ("opcc", _item_withdrawn),
        ("member", _item_followed),
        ("llr_admin", _payment_paid),
    ],
)
def test_an_llr_officers_post_on_northshire_changes_nothing(world, llr_role, post):  # noqa: F811
    url, data, done = post(world)
    response = client_for(world, llr_role, OTHER_HOST).post(url, data)
    assert response.status_code == 403
    with panel_scope(northshire()):
        assert not done()
    # The same POST by Northshire's own officer does the work: the payload was a real one.
    north_role = "north_admin" if llr_role == "llr_admin" else f"north_{llr_role}"
    response = client_for(world, north_role, OTHER_HOST).post(url, data)
    assert response.status_code in (200, 302)
    with panel_scope(northshire()):
        assert done()
