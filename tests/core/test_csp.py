"""Content-Security-Policy: every response carries a strict policy, and no page needs an exception
to it (no inline script, inline style, inline event handler or eval)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.urls import reverse

from core.pdf import stylesheet_path
from governance.pdf import STYLESHEET as BOARD_REPORT_STYLESHEET
from governance.pdf import cgb_report_html
from meetings.pdf import PAGE_NUMBERS_STYLESHEET, agenda_front_sheet_html, minutes_html
from meetings.pdf import STYLESHEET as MEETINGS_STYLESHEET
from scrutiny.pdf import STYLESHEET as ACTION_LOG_STYLESHEET
from scrutiny.pdf import action_log_html
from tests.grants.factories import published_award
from tests.meetings.factories import MeetingFactory
from tests.scrutiny.factories import TrackedItemFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CODE_DIRS = ["config", "core", "meetings", "scrutiny", "governance", "grants"]

# Rendered only into HTML strings that WeasyPrint turns into PDFs; no browser ever gets them.
# They carry no <style> either: their print styles are static files (static/css/pdf/) that the
# PDF modules pass to WeasyPrint. PDF_ONLY_RENDERERS below checks that only the PDF modules (and
# these templates themselves) name them.
PDF_ONLY_TEMPLATES = {
    "meetings/pdf_agenda.html",
    "meetings/pdf_minutes.html",
    "scrutiny/action_log_print.html",
    "governance/report_print.html",
}
PDF_ONLY_RENDERERS = {"meetings/pdf.py", "scrutiny/pdf.py", "governance/pdf.py"}

EXPECTED_DIRECTIVES = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}
HX = {"HTTP_HX_REQUEST": "true"}


def parse_policy(header: str) -> dict[str, set[str]]:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy[name] = set(sources)
    return policy


class InlineCodeFinder(HTMLParser):
    """Collects everything in a page or template that a strict CSP would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts_with_src = 0
        self.json_scripts = 0
        self._inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._inline_script = False
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if "src" in values:
                self.scripts_with_src += 1
            # Data blocks: a browser never executes a <script> whose type is not a JavaScript
            # MIME type, so script-src 'self' allows them. Only these two types are ours
            # (json_script, and the schema.org JSON-LD of meetings.structured_data).
            elif values.get("type") in ("application/json", "application/ld+json"):
                self.json_scripts += 1
            else:
                self._inline_script = True
        for name, value in values.items():
            if name == "style":
                self.problems.append(f'style="{value}" on <{tag}>')
            elif name.startswith("on"):
                self.problems.append(f"{name}= handler on <{tag}>")
            elif name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"{name} on <{tag}> (htmx evaluates it)")
            elif name in ("hx-vals", "hx-vars") and re.match(r"\s*(js|javascript):", value):
                self.problems.append(f"{name} with JavaScript on <{tag}> (htmx evaluates it)")
            elif name == "hx-trigger" and "[" in value:
                self.problems.append(f"hx-trigger filter {value!r} on <{tag}> (htmx evaluates it)")
            elif name in ("href", "action", "formaction") and value.strip().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: URL on <{tag}>")

    def handle_data(self, data: str) -> None:
        if self._inline_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]!r}")
        self._inline_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline_script:
            self.problems.append("empty inline <script>")
        self._inline_script = False


def inline_code(html: str) -> InlineCodeFinder:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder


def template_markup(name: str) -> str:
    """The template without its comments, which never reach the browser."""
    text = (TEMPLATES / name).read_text()
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.S)
    return re.sub(r"{#.*?#}", "", text)


def html_templates() -> list[str]:
    names = sorted(str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html"))
    return [name for name in names if name not in PDF_ONLY_TEMPLATES]


# The finder itself: it must see each kind of inline code, and pass what CSP allows.
@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="module">go()</script>',
        "<style>p { color: red }</style>",
        '<p style="color: red">x</p>',
        '<button onclick="go()">Go</button>',
        '<form hx-on::after-request="reset()"></form>',
        '<a hx-get="/x" hx-vals="js:{a: 1}">x</a>',
        '<input hx-get="/x" hx-trigger="keyup[key==\'Enter\']">',
        '<a href="javascript:go()">x</a>',
    ],
)
def test_inline_code_finder_reports_what_csp_blocks(html):
    assert inline_code(html).problems


def test_inline_code_finder_allows_external_scripts_and_json_data():
    finder = inline_code(
        '<script src="/static/js/app.js" defer></script>'
        '<script type="application/json" id="chart">{"a": 1}</script>'
        '<script type="application/ld+json">{"@type": "Event"}</script>'
        '<div hx-get="/x" hx-trigger="every 1s" hx-headers=\'{"X-CSRFToken": "t"}\'></div>'
    )
    assert finder.problems == []
    assert (finder.scripts_with_src, finder.json_scripts) == (1, 2)


@pytest.mark.parametrize("name", html_templates())
def test_template_served_to_browsers_has_no_inline_script_style_or_handler(name):
    finder = inline_code(template_markup(name))
    assert finder.problems == [], f"{name}: {finder.problems}"


def test_the_base_template_loads_its_scripts_from_files(client, db):
    # Rendered, since htmx's own <script> comes from {% htmx_script %}.
    page = client.get("/").content.decode()
    finder = inline_code(page)
    assert finder.problems == []
    assert finder.scripts_with_src >= 4
    assert "django_htmx/htmx-2.min.js" in page


@pytest.mark.parametrize("name", sorted(PDF_ONLY_TEMPLATES))
def test_pdf_only_templates_are_rendered_only_for_weasyprint(name):
    assert (TEMPLATES / name).exists()
    users = set()
    for directory in CODE_DIRS:
        for path in (Path(settings.BASE_DIR) / directory).rglob("*.py"):
            if f'"{name}"' in path.read_text():
                users.add(str(path.relative_to(settings.BASE_DIR)))
    for path in TEMPLATES.rglob("*.html"):
        if f'"{name}"' in path.read_text():
            users.add(str(path.relative_to(TEMPLATES)))
    assert users
    assert users <= PDF_ONLY_RENDERERS | PDF_ONLY_TEMPLATES, users


@pytest.mark.parametrize("name", sorted(PDF_ONLY_TEMPLATES))
def test_pdf_only_template_has_no_inline_style(name):
    markup = template_markup(name)
    assert "<style" not in markup, name
    assert inline_code(markup).problems == [], name


def test_pdfs_render_without_style_elements_and_their_stylesheets_exist(db):
    meeting = MeetingFactory(published=True)
    TrackedItemFactory(body=meeting.body, text="Figures alongside percentages")
    rendered = {
        "meetings/pdf_agenda.html": agenda_front_sheet_html(meeting),
        "meetings/pdf_minutes.html": minutes_html(meeting),
        "scrutiny/action_log_print.html": action_log_html(meeting=meeting),
        "governance/report_print.html": cgb_report_html(meeting=meeting),
    }
    assert set(rendered) == PDF_ONLY_TEMPLATES
    for name, html in rendered.items():
        assert html.lstrip().startswith("<!DOCTYPE html>"), name
        assert "<style" not in html, name
        assert inline_code(html).problems == [], name
    assert "Figures alongside percentages" in rendered["scrutiny/action_log_print.html"]
    for stylesheet in (
        MEETINGS_STYLESHEET,
        PAGE_NUMBERS_STYLESHEET,
        ACTION_LOG_STYLESHEET,
        BOARD_REPORT_STYLESHEET,
    ):
        assert "@page" in Path(stylesheet_path(stylesheet)).read_text(), stylesheet


@pytest.fixture
def pages(db, client_as):
    """(client, url, extra headers, expected status) for a broad set of pages."""
    meeting = MeetingFactory(published=True)
    parent = TrackedItemFactory()
    child = TrackedItemFactory(parent=parent, body=parent.body)
    anonymous, member, admin = client_as(None), client_as("member"), client_as("admin")
    return [
        (anonymous, reverse("core:home"), {}, 200),
        (anonymous, reverse("meetings:meeting-list"), {}, 200),
        (anonymous, reverse("meetings:meeting-detail", args=[meeting.pk]), {}, 200),
        (anonymous, reverse("meetings:decision-list"), {}, 200),
        (anonymous, reverse("grants:award-register"), {}, 200),
        (anonymous, reverse("login"), {}, 200),
        (anonymous, "/healthz", {}, 200),
        (anonymous, "/no-such-page/", {}, 404),
        (anonymous, reverse("meetings:meeting-list") + "?q=budget", HX, 200),
        (member, reverse("scrutiny:item-list"), {}, 200),
        (member, reverse("scrutiny:item-summary"), HX, 200),
        (member, reverse("scrutiny:timeliness"), {}, 200),
        (member, reverse("scrutiny:item-chain", args=[child.pk]), {}, 200),
        (admin, "/admin/", {}, 200),
        (admin, "/admin/auth/user/", {}, 200),
        (admin, f"/admin/auth/user/{admin.session['_auth_user_id']}/change/", {}, 200),
    ]


def test_every_response_carries_the_strict_policy(pages):
    for client, url, headers, status in pages:
        response = client.get(url, **headers)
        assert response.status_code == status, url
        assert "Content-Security-Policy" in response, url
        policy = parse_policy(response["Content-Security-Policy"])
        for directive, sources in EXPECTED_DIRECTIVES.items():
            assert policy.get(directive) == sources, (url, directive, policy.get(directive))
        header = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header, url
        assert "'unsafe-eval'" not in header, url
        assert "'nonce-" not in header, url


def test_no_page_we_serve_contains_inline_code(pages):
    for client, url, headers, _status in pages:
        response = client.get(url, **headers)
        if not response["Content-Type"].startswith("text/html") or url.startswith("/admin/"):
            continue  # JSON, and Django's own admin (checked in the browser tests)
        html = response.content.decode()
        finder = inline_code(html)
        assert finder.problems == [], (url, finder.problems)
        if "<body" in html:
            assert finder.scripts_with_src >= 4, url


def test_pages_configure_htmx_without_eval_inline_styles_or_script_tags(client, db):
    response = client.get(reverse("core:home"))
    match = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', response.content.decode())
    assert match, "no htmx-config meta on the page"
    assert json.loads(match.group(1)) == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
    }


def test_the_styles_that_were_inline_are_in_our_compiled_stylesheet():
    css = (TEMPLATES.parent / "static/vendor/govuk-frontend/govuk-frontend.min.css").read_text()
    source = (TEMPLATES.parent / "static/src/app.scss").read_text()
    for rule in (
        ".htmx-indicator{display:none}",  # htmx's injected <style>, turned off
        ".import-progress{display:block",  # import_job.html's <style>
        ".import-source__number{",
        ".app-chart--narrow{max-width:48rem}",  # the award register's style attribute
        ".app-timeline__item--depth-1{margin-left:1em}",  # the chain's style attribute
        ".app-timeline__item--depth-9{margin-left:9em}",
    ):
        assert rule in css, rule
    assert ".app-chart--narrow" in source and "app-timeline__item--depth-" in source


def test_the_chain_page_indents_each_level_with_a_class(client_as, db):
    parent = TrackedItemFactory()
    child = TrackedItemFactory(parent=parent, body=parent.body)
    html = client_as("member").get(reverse("scrutiny:item-chain", args=[child.pk])).content
    assert b"app-timeline__item--depth-0" in html
    assert b"app-timeline__item--depth-1" in html
    assert b"margin-left" not in html


def test_chart_configuration_is_escaped_into_its_attribute():
    template = engines["django"].from_string(
        '{% load charts %}<canvas data-chart-config="{{ chart|chart_config }}"></canvas>'
    )
    html = template.render({"chart": {"data": {"labels": ['"><script>alert(1)</script>']}}})
    assert inline_code(html).problems == []
    assert "<script" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
    value = html.split('data-chart-config="', 1)[1].split('"', 1)[0]
    assert json.loads(unescape(value)) == {"data": {"labels": ['"><script>alert(1)</script>']}}


def test_the_register_fragment_htmx_swaps_in_keeps_its_chart_data(client, db):
    published_award()
    response = client.get(reverse("grants:award-register"), **HX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert 'data-chart-config="' in html
    assert "<script" not in html  # htmx would drop it (allowScriptTags: false)
