"""bench_pages times every page against its floor and its SQL, and writes the figures as JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from bench import floor
from bench.measure import recorded, replay
from bench.pages import PAGES

pytestmark = pytest.mark.django_db


def test_every_page_answers_and_has_its_figures(tmp_path):
    call_command("seed_scale", items=300, years=1, stdout=io.StringIO())
    out, output = io.StringIO(), tmp_path / "bench.json"
    call_command("bench_pages", repeat=1, output=str(output), stdout=out, stderr=io.StringIO())
    report = json.loads(output.read_text())
    assert report["errors"] == []
    assert [page["page"] for page in report["pages"]] == [page.label for page in PAGES]
    for page in report["pages"]:
        assert {"page", "server_ms", "floor_ms", "sql_ms", "queries"} <= set(page)
        assert page["server_ms"] > 0 and page["floor_ms"] > 0
    assert set(report["machine"]) >= {"cpu", "cores", "database", "python"}
    table = out.getvalue()
    assert "| /meetings/<id>/ |" in table and "| /actions/?status=open |" in table


def test_the_floor_runs_the_statements_it_is_given_behind_the_middleware(panel):
    with recorded() as statements:
        replay([("SELECT %s, %s", [1, "two"])])()
    assert statements == [("SELECT %s, %s", [1, "two"])]
    floor.STATEMENTS["test"] = statements
    with override_settings(ROOT_URLCONF="bench.floor"):
        response = Client().get("/floor/test")
    assert response.content.decode() == "signed in: False\n1\ttwo"
