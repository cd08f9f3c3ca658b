"""Each panel's site in its own name and colours: the header, the per-panel stylesheet (with a
readable text colour whatever the header colour), the logo, the footer and the feeds."""

from __future__ import annotations

import itertools
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory

from core.branding import (
    BLACK,
    DEFAULT_HEADER,
    WHITE,
    branding_of,
    contrast_ratio,
    stylesheet,
    text_colour_on,
)
from core.errors import server_error
from core.tenancy import panel_scope
from tests.meetings.factories import BodyFactory, MeetingFactory

NORTH = "northshire.testserver"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'


def header_rule(css: str) -> tuple[str, str]:
    match = re.search(
        r"\.govuk-header \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", css
    )
    assert match, css
    return match.group(1), match.group(2)


def test_the_header_text_always_meets_wcag_aa_contrast():
    steps = range(0, 256, 17)
    for red, green, blue in itertools.product(steps, steps, steps):
        colour = f"#{red:02x}{green:02x}{blue:02x}"
        assert contrast_ratio(colour, text_colour_on(colour)) >= 4.5, colour
    assert text_colour_on("#1d70b8") == WHITE
    assert text_colour_on("#ffdd00") == BLACK
    assert round(contrast_ratio(WHITE, BLACK), 1) == 21.0


@pytest.mark.django_db
def test_panel_css_gives_each_host_its_own_colours(panel, other_panel):
    other_panel.header_colour, other_panel.accent_colour = "#F47738", "#4c2c92"
    other_panel.save()
    llr = Client().get("/panel.css")
    north = Client(HTTP_HOST=NORTH).get("/panel.css")
    assert llr.status_code == north.status_code == 200
    assert llr["Content-Type"].startswith("text/css")
    assert header_rule(llr.content.decode()) == ("#1d70b8", WHITE)
    assert header_rule(north.content.decode()) == ("#f47738", BLACK)  # light: black text
    assert "border-bottom-color: #4c2c92" in north.content.decode()
    assert "max-age" in north["Cache-Control"] and llr["ETag"] != north["ETag"]
    again = Client(HTTP_HOST=NORTH).get("/panel.css", HTTP_IF_NONE_MATCH=north["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_a_colour_that_is_not_hex_never_reaches_the_stylesheet(panel):
    panel.header_colour = "red}*{x"  # saved without the form's validation
    panel.save()
    css = Client().get("/panel.css").content.decode()
    assert "red}" not in css
    assert header_rule(css) == (DEFAULT_HEADER, WHITE)


@pytest.mark.django_db
def test_every_page_links_the_stylesheet_of_its_panel_version(panel, other_panel):
    html = Client(HTTP_HOST=NORTH).get("/").content.decode()
    version = branding_of(other_panel).version
    assert f'<link rel="stylesheet" href="/panel.css?v={version}">' in html
    other_panel.header_colour = "#00703c"
    other_panel.save()  # saving a panel refreshes the host map (core.panels)
    changed = Client(HTTP_HOST=NORTH).get("/").content.decode()
    assert version not in changed and "/panel.css?v=" in changed


@pytest.mark.django_db
def test_the_header_home_page_and_footer_name_the_panel(panel, other_panel):
    other_panel.contact_email, other_panel.contact_phone = (
        "pfcp@northshire.example",
        "01632 960 123",
    )
    other_panel.save()
    llr = Client().get("/").content.decode()
    north = Client(HTTP_HOST=NORTH).get("/").content.decode()
    service_name = r'class="govuk-service-navigation__link">([^<]+)</a>'
    assert re.search(service_name, llr).group(1) == panel.name
    assert re.search(service_name, north).group(1) == other_panel.name
    assert panel.name not in north and other_panel.name not in llr
    assert "asks of the Police, Fire and Crime Commissioner" in north
    assert "asks of the Police and Crime Commissioner" in llr
    assert "which scrutinises the Police, Fire and Crime Commissioner" in north
    assert "hosted by Northshire County Council" in north
    assert 'href="mailto:pfcp@northshire.example"' in north and "01632 960 123" in north
    assert "mailto:" not in llr  # the test panel gives no contact details


@pytest.mark.django_db
def test_a_notice_shows_on_every_page_of_its_panel_only(panel, other_panel):
    other_panel.notice = "Invented demo data: made up."
    other_panel.save()
    for url in ("/", "/meetings/", "/decisions/"):
        assert "Invented demo data: made up." in Client(HTTP_HOST=NORTH).get(url).content.decode()
        assert "Invented demo data" not in Client().get(url).content.decode()


@pytest.mark.django_db
def test_the_logo_is_served_with_caching_and_shown_in_the_header(panel, other_panel):
    assert Client(HTTP_HOST=NORTH).get("/panel/logo").status_code == 404
    assert "app-header__logo" not in Client(HTTP_HOST=NORTH).get("/").content.decode()
    other_panel.logo.save("northshire.svg", ContentFile(SVG))
    logo = Client(HTTP_HOST=NORTH).get("/panel/logo")
    assert logo.status_code == 200 and logo["Content-Type"] == "image/svg+xml"
    assert b"".join(logo.streaming_content) == SVG
    assert "sandbox" in logo["Content-Security-Policy"]
    assert logo["X-Content-Type-Options"] == "nosniff" and "max-age" in logo["Cache-Control"]
    cached = Client(HTTP_HOST=NORTH).get("/panel/logo", HTTP_IF_NONE_MATCH=logo["ETag"])
    assert cached.status_code == 304
    page = Client(HTTP_HOST=NORTH).get("/").content.decode()
    assert '<img class="app-header__logo" src="/panel/logo" alt="">' in page
    assert Client().get("/panel/logo").status_code == 404  # LLR has none


@pytest.mark.django_db
def test_feeds_and_calendars_carry_the_panels_name(panel, other_panel):
    with panel_scope(other_panel):
        MeetingFactory(body=BodyFactory(slug="pcp"), published=True)
    north = Client(HTTP_HOST=NORTH)
    assert (
        f"{other_panel.name}: agendas and minutes"
        in north.get("/meetings/feed.atom").content.decode()
    )
    calendar = north.get("/meetings/calendar.ics").content.decode()
    assert f"X-WR-CALNAME:{other_panel.name} meetings" in calendar.replace("\r\n ", "")
    assert panel.name not in calendar


def test_the_stylesheet_keeps_govuk_focus_state():
    css = stylesheet(branding_of(None))
    assert ".govuk-header__link:focus { color: #0b0c0c; }" in css


def test_the_error_page_falls_back_to_the_product_when_no_panel_resolves():
    page = server_error(RequestFactory().get("/")).content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Scrutiny Tracker. Published records are public information." in page


@pytest.mark.django_db
def test_the_error_page_names_the_requests_panel(other_panel):
    request = RequestFactory().get("/", HTTP_HOST=NORTH)
    request.panel = other_panel
    page = server_error(request).content.decode()
    assert other_panel.name in page and "hosted by Northshire County Council" in page
