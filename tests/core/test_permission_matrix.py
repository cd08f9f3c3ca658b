"""The permission matrix: every URL pattern × GET and POST × the public and every role, against
the policy table in the README ("Who may do what, URL by URL").

A cell lists the readers allowed (P public, N signed in without a role, M panel member, O OPCC
officer, D democratic services, A administrator); "—" means nobody (or the method is not
served). Allowed means the view did its work: no 403, no redirect to sign in, no 404 for every
object tried, no 405. Refused means every object tried answered 403, a redirect to sign in, a
404 or a 405. Each POST is empty (a form with nothing filled in) and rolled back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from tests.conftest import BASE_DIR
from tests.core.test_leak_matrix import client_for, world  # noqa: F401  (the module's world)
from tests.core.urlcatalogue import url_patterns, urls_for

pytestmark = pytest.mark.django_db

CODES = {"P": "public", "N": "norole", "M": "member", "O": "opcc", "D": "democratic", "A": "admin"}
README = BASE_DIR / "README.md"
TABLE_HEADING = "### Who may do what, URL by URL"
REFUSED = {403, 404, 405}


def policy_table(path: Path = README) -> dict[str, dict[str, frozenset[str]]]:
    """{url name: {"GET": roles, "POST": roles}} read from the README's table."""
    text = path.read_text()
    assert TABLE_HEADING in text, f"README.md needs the section {TABLE_HEADING!r}"
    section = text.split(TABLE_HEADING, 1)[1].split("\n#", 1)[0]
    table: dict[str, dict[str, frozenset[str]]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")
        table[name] = {
            method: frozenset(CODES[c] for c in re.findall(r"[PNMODA]", cell))
            for method, cell in (("GET", cells[2]), ("POST", cells[3]))
        }
    return table


def refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


def outcome(world, role: str, client, method: str, url: str) -> bool:  # noqa: F811
    """True if the request was refused. Each POST is rolled back, so that it cannot change the
    world; signing out gets a client of its own, so as not to sign out the next request."""
    if method == "GET":
        return refused(client.get(url))
    if url == reverse("logout"):
        client = client_for(world, role, client.defaults.get("HTTP_HOST", "testserver"))
    with transaction.atomic():
        response = client.post(url, {})
        transaction.set_rollback(True)
    return refused(response)


def test_the_table_covers_every_url_pattern():
    table = policy_table()
    names = {p.name for p in url_patterns()}
    assert len(table) > 90 and "meetings:meeting-list" in table  # the table was read
    assert names - table.keys() == set(), "add these to the README table"
    assert table.keys() - names == set(), "the README table names URLs that do not exist"


@pytest.mark.parametrize("role", list(CODES.values()))
def test_each_reader_is_allowed_and_refused_as_the_table_says(world, role):  # noqa: F811
    table = policy_table()
    client = client_for(world, role)
    wrong = []
    for pattern in url_patterns():
        urls = urls_for(pattern, world)
        for method in ("GET", "POST"):
            allowed = role in table[pattern.name][method]
            refusals = [outcome(world, role, client, method, url) for url in urls]
            if allowed and all(refusals):
                wrong.append(f"{role} {method} {pattern.name}: refused, the table allows it")
            if not allowed and not all(refusals):
                wrong.append(f"{role} {method} {pattern.name}: allowed, the table refuses it")
    assert not wrong, "\n".join(wrong)
