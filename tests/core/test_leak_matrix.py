"""The leak matrix: every URL pattern the resolver knows × the public and every role × full page
and htmx fragment, against a database with a secret marker in every kind of private content.

Each marker must appear exactly where the visibility policy allows: never in any output of a
reader not allowed it (pages, fragments, PDFs, feeds, CSV and JSON, downloads, the admin), and
always on its home pages for the readers who are. A pattern this test cannot fill fails it.
No word of the second panel (Northshire) may show on this panel's host at all; the walks of
Northshire's host are in test_cross_panel_matrices.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from pypdf import PdfReader

from core.tenancy import panel_scope
from tests.conftest import OTHER_PANEL, ROLE_USERS, TEST_PANEL, make_user, panel_make
from tests.core.urlcatalogue import KWARGS, World, admin_urls, url_patterns, urls_for
from tests.core.world import (
    MARKERS,
    OTHER_HOST,
    OTHER_PUBLIC,
    OTHER_SECRETS,
    PUBLIC_MARKER,
    PUBLIC_ROLES,
    build_exports,
    build_other_world,
    build_world,
    other_users,
)

pytestmark = pytest.mark.django_db
ROLES = (*PUBLIC_ROLES, *ROLE_USERS)
HTMX = {"HTTP_HX_REQUEST": "true"}
# Northshire's words, none of which may show on LLR's host, whoever asks.
OTHER_WORDS = {**OTHER_PUBLIC, **OTHER_SECRETS}
# Every panel's public records, on purpose (the national bulk download): there Northshire's
# public words belong, and its secrets still never.
NATIONAL_URLS = frozenset({"opendata:national-zip"})


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, rolled back at the end (each test adds its own savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        panel = panel_make(TEST_PANEL, ["testserver", "llr.localhost"])
        other = panel_make(OTHER_PANEL, [OTHER_HOST])
        # A `with` block: a failure while building must not leave the panel set for later tests.
        with panel_scope(panel):
            users = {name: make_user(name, role) for name, role in ROLE_USERS.items()}
            users["norole"] = make_user("norole", None)
            users |= other_users(other)
            built = build_world(author=users["opcc"])
            with panel_scope(other):
                built.extra["other"] = build_other_world(author=users["north_opcc"])
            build_exports(panel, other)
            built.extra["users"] = users
            yield built
        transaction.set_rollback(True)


def client_for(world: World, role: str, host: str = "testserver") -> Client:
    client = Client(raise_request_exception=False, HTTP_HOST=host)
    user: User | None = world.extra["users"].get(role)
    if user is not None:
        client.force_login(user)
    return client


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf") and body:
        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if response.get("Content-Type", "").startswith("application/zip") and body:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:  # the bulk download's CSVs
            return " ".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Finding:
    role: str
    url: str
    htmx: bool
    marker: str

    def __str__(self) -> str:
        return f"{self.role} {'htmx ' if self.htmx else ''}GET {self.url}: {self.marker}"


def every_url(world: World) -> list[tuple[str, str]]:
    urls = [(p.name, url) for p in url_patterns() for url in urls_for(p, world)]
    return urls + admin_urls(world)


def test_every_url_pattern_is_exercised(world):
    """A view added without telling the catalogue how to reach it fails here."""
    missing = [p.name for p in url_patterns() if p.arguments and p.name not in KWARGS]
    unreachable = [p.name for p in url_patterns() if p.arguments and not urls_for(p, world)]
    assert not missing, f"add these URL patterns to tests/core/urlcatalogue.KWARGS: {missing}"
    assert not unreachable, f"the world has no object for: {unreachable}"
    assert len(url_patterns()) > 90


@pytest.mark.parametrize("role", ROLES)
def test_no_marker_reaches_a_reader_the_policy_does_not_allow(world, role):
    client = client_for(world, role)
    leaks: list[Finding] = []
    errors: list[str] = []
    read_public_text = 0  # proof that the reader was served real pages, not only refusals
    for name, url in every_url(world):
        for htmx in (False, True):
            if htmx and (name.startswith("admin:") or name.endswith("pdf")):
                continue  # neither the admin nor a PDF has fragments
            response = client.get(url, **(HTMX if htmx else {}))
            if "Content-Security-Policy" not in response:
                errors.append(f"{role} GET {url} ({name}) has no Content-Security-Policy")
            if response.status_code >= 500:
                errors.append(f"{role} GET {url} ({name}) answered {response.status_code}")
                continue
            text = text_of(response)
            read_public_text += response.status_code == 200 and PUBLIC_MARKER in text
            for marker_name, (word, allowed) in MARKERS.items():
                if role not in allowed and word in text:
                    leaks.append(Finding(role, url, htmx, marker_name))
            other_words = OTHER_SECRETS if name in NATIONAL_URLS else OTHER_WORDS
            for marker_name, word in other_words.items():
                if word in text:
                    leaks.append(Finding(role, url, htmx, f"Northshire's {marker_name}"))
    assert read_public_text > 5, f"{role} was served the public text on almost no page"
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(map(str, leaks))


@pytest.mark.parametrize("role", ROLES)
def test_each_marker_is_on_its_home_pages_for_its_readers(world, role):
    """Proof that the matrix reads real pages: what a reader may see is there."""
    client = client_for(world, role)
    missing = []
    for marker_name, url in world.extra["homes"]:
        word, allowed = MARKERS[marker_name]
        text = text_of(client.get(url))
        if role in allowed and word not in text:
            missing.append(f"{role} GET {url}: {marker_name} missing")
    # A reader allowed no marker (the public) still reads the public text on its home page.
    exempt_meeting = next(m for m in world.meetings if PUBLIC_MARKER in m.title)
    assert PUBLIC_MARKER in text_of(client.get(f"/meetings/{exempt_meeting.pk}/")), role
    assert not missing, "\n".join(missing)


def test_public_text_beside_the_secrets_is_public(world):
    client = client_for(world, "public")
    exempt_meeting = next(m for m in world.meetings if PUBLIC_MARKER in m.title)
    page = text_of(client.get(f"/meetings/{exempt_meeting.pk}/"))
    assert PUBLIC_MARKER in page
    assert "Contract award" in page  # an exempt item keeps its title
    assert "This item is exempt from publication." in page


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_search_finds_nothing_by_a_secret_word(world, role):
    """The search box echoes the words typed, so the check is on what is found: no meeting of
    the world is listed for a secret word, while the public word finds its meeting."""
    client = client_for(world, role)
    links = {f'href="/meetings/{m.pk}/"' for m in world.meetings + world.board_meetings}
    for marker_name, (word, _allowed) in MARKERS.items():
        page = text_of(client.get("/meetings/", {"q": word}))
        assert not [link for link in links if link in page], marker_name
    exempt_meeting = next(m for m in world.meetings if PUBLIC_MARKER in m.title)
    found = text_of(client.get("/meetings/", {"q": PUBLIC_MARKER}))
    assert f'href="/meetings/{exempt_meeting.pk}/"' in found
