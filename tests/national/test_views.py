"""The national view as a reader gets it: the table, the chart, the CSV, on every panel's host."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client

from tests.core.test_csp import inline_code
from tests.national.conftest import TODAY

pytestmark = pytest.mark.django_db


class TableReader(HTMLParser):
    """The figures table's rows as the cells' text, and each row's link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._in_table = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "table" and values.get("id") == "national-figures":
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._cell = []
        elif self._in_table and tag == "a" and self.rows:
            self.links.append(values["href"])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None


def read_table(html: str) -> TableReader:
    reader = TableReader()
    reader.feed(html)
    return reader


def get(path: str, host: str = "testserver", **headers):
    with time_machine.travel(TODAY, tick=False):
        return Client().get(path, HTTP_HOST=host, **headers)


def rows_by_name(html: str) -> dict[str, list[str]]:
    table = read_table(html)
    return {row[0]: row[1:] for row in table.rows[1:]}


def test_the_page_shows_each_panels_figures_and_flags_the_thin_one(shapes):
    page = get("/national/")
    assert page.status_code == 200
    html = page.content.decode()
    header = read_table(html).rows[0]
    assert header[:4] == [
        "Panel",
        "Meetings held",
        "Held in the last 12 months",
        "Recommendations and requests",
    ]
    rows = rows_by_name(html)
    assert rows[shapes.llr.name] == ["5", "4", "9", "4", "2", "2", "50%", "33", "Complete"]
    assert rows[shapes.northshire.name] == ["4", "3", "5", "4", "1", "0", "80%", "14", "Complete"]
    tiny = rows[shapes.tiny.name]
    assert tiny[:6] == ["1", "1", "1", "1", "0", "0"]
    assert tiny[6:8] == ["not enough data", "not enough data"]  # never "100%"
    assert tiny[8].startswith("Little recorded fewer than 3 meetings held in the last 12 months")
    # The rule is explained beside the figures.
    assert "fewer than 3 meetings held in the last 12 months" in html
    assert "Requests count alongside recommendations" in html


def test_the_chart_is_accessible_svg_without_inline_style(shapes):
    html = get("/national/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert (
        'role="img"' in svg and 'aria-labelledby="national-chart-title national-chart-desc"' in svg
    )
    assert '<title id="national-chart-title">' in svg
    desc = re.search(r'<desc id="national-chart-desc">(.*?)</desc>', svg, re.S).group(1)
    assert "LLR Police and Crime Panel: 50%" in desc
    assert "Northshire PFCP: 80%" in desc
    assert "Tinyshire PCP: not enough data (little recorded)" in desc
    # One bar per panel with a rate, a dashed box for the one without: 50% and 80% of 340.
    assert re.findall(r'width="(\d+)" height="20" class="app-national-chart__bar"', svg) == [
        "170",
        "272",
    ]
    assert svg.count('class="app-national-chart__gap"') == 1
    assert inline_code(html).problems == []
    assert "/static/css/national.css" in html
    assert "Content-Security-Policy" in get("/national/")


def test_the_csv_has_the_figures_of_the_page(shapes):
    page_rows = rows_by_name(get("/national/").content.decode())
    download = get("/national/panels.csv")
    assert download["Content-Type"].startswith("text/csv")
    assert 'filename="panels.csv"' in download["Content-Disposition"]
    records = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert [r["panel"] for r in records] == list(page_rows)
    for record in records:
        shown = page_rows[record["panel"]]
        assert [
            record["meetings_held"],
            record["meetings_held_last_12_months"],
            record["recommendations_and_requests"],
            record["answered_on_time"],
            record["answered_late"],
            record["overdue_now"],
            record["on_time_rate"],
            record["median_days_to_first_response"],
        ] == shown[:8]
        assert record["data_completeness"].replace(":", "") == shown[8]
    tiny = next(r for r in records if r["panel"] == shapes.tiny.name)
    assert tiny["on_time_rate"] == "not enough data"
    assert get("/national/").content.decode().count('href="/national/panels.csv"') == 1


def test_the_page_answers_on_another_panels_host_with_the_same_figures(shapes):
    here = get("/national/")
    there = get("/national/", host="northshire.testserver")
    assert there.status_code == 200
    assert rows_by_name(there.content.decode()) == rows_by_name(here.content.decode())
    assert "Northshire Police, Fire and Crime Panel" in there.content.decode()


def test_each_panel_links_to_its_first_host_with_the_readers_port(shapes):
    links = read_table(get("/national/").content.decode()).links
    assert links == [
        "http://testserver/",  # Leicester… (the first of testserver and llr.localhost)
        "http://northshire.testserver/",
        "http://tinyshire.testserver/",  # not its second host, pcp.tinyshire.example
    ]
    on_port = read_table(get("/national/", host="llr.localhost:8000").content.decode()).links
    assert on_port[1] == "http://northshire.testserver:8000/"
    csv_sites = [
        r["site"] for r in csv.DictReader(io.StringIO(get("/national/panels.csv").content.decode()))
    ]
    assert csv_sites == links
    assert read_table(get("/national/", host="llr.localhost:443").content.decode()).links == links


def test_the_national_view_is_in_the_navigation_for_the_public(panel):
    html = get("/").content.decode()
    assert 'href="/national/"' in html and "National view" in html


@pytest.mark.parametrize("path", ["/national/", "/national/panels.csv"])
def test_only_get(path, panel):
    with time_machine.travel(TODAY, tick=False):
        assert Client().post(path).status_code == 405
