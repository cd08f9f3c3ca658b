"""Redacted Board text on the demo: finding 1 (the panel meeting page showed it to members), and
a crawl of every page each reader can reach from the home page, as a person clicking would."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from io import StringIO
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

from meetings.models import AgendaItem, Body

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
HREF = re.compile(r'href="([^"]+)"')
# Links a crawler must not follow: they leave the app, sign out, or lead into the admin, which
# the admin's own matrix covers.
SKIP = re.compile(r"^/(static|media|admin|accounts/logout)/")
# Phrases of the redacted Operational Summary's sections in the demo (18 September 2024).
REDACTED_PHRASES = (
    "six separate positive mentions",
    "bring an operational summary paper to each Corporate Governance Board",
    "DCC Sandall responded that Leicestershire were one of the top performing forces",
)


@pytest.fixture
def demo(users):
    call_command("load_demo", "--force", stdout=StringIO())
    board = AgendaItem.objects.get(title="Operational Summary", board_item__redacted=True).meeting
    assert board.body.kind == Body.Kind.BOARD
    return board


def crawl(client, start: str = "/", limit: int = 400) -> dict[str, str]:
    """Every same-site page reachable by links from `start` (GET only), with its text."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        seen[url] = text
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(text):
            link = urldefrag(unescape(href))[0]
            parsed = urlparse(link)
            # Query strings (filters, pages) only vary the lists already visited.
            if parsed.netloc or parsed.query or not link.startswith("/") or SKIP.match(link):
                continue
            if link not in seen:
                queue.append(link)
    return seen


@pytest.mark.parametrize("role", ["member", "democratic"])
@pytest.mark.parametrize("htmx", [False, True])
def test_the_panel_meeting_page_of_a_board_hides_redacted_sections(demo, client_as, role, htmx):
    """Finding 1: `/meetings/<id>/` asked "internal?" where it must ask "may read redacted?"."""
    page = client_as(role).get(f"/meetings/{demo.pk}/", **(HTMX if htmx else {}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Operational Summary" in text  # the item itself is listed, by title
    assert "Redacted: not suitable for the public domain." in text
    for phrase in REDACTED_PHRASES:
        assert phrase not in text


def test_opcc_reads_the_redacted_sections_on_both_pages(demo, client_as):
    opcc = client_as("opcc")
    for url in (f"/meetings/{demo.pk}/", f"/cgb/meetings/{demo.pk}/"):
        text = opcc.get(url).content.decode()
        assert all(phrase in text for phrase in REDACTED_PHRASES), url


@pytest.mark.parametrize("role", [None, "member"])
def test_no_page_a_reader_can_reach_shows_redacted_text(demo, client_as, role):
    pages = crawl(client_as(role))
    assert len(pages) > (40 if role else 15)  # the crawl really went somewhere
    if role:  # including a page of the board's meeting itself
        assert {f"/meetings/{demo.pk}/", f"/cgb/meetings/{demo.pk}/"} & pages.keys(), sorted(pages)
    leaks = [url for url, text in pages.items() for p in REDACTED_PHRASES if p in text]
    assert not leaks, leaks
