"""Paths to the seed papers (copied into tests/fixtures/seeds) and to this suite's fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imports.parser import ParsedDocument, parse

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_2024 = SEEDS / "003_25d054900af600c9.txt"
SEED_2020 = SEEDS / "004_3539898b46534f4c.txt"


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pack_2024() -> ParsedDocument:
    return parse(seed_text(SEED_2024))


@pytest.fixture(scope="session")
def pack_2020() -> ParsedDocument:
    return parse(seed_text(SEED_2020))


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def check_minutes(document: ParsedDocument, expected: list[Any]) -> None:
    """Every item, point (by label, opening and closing words, lines), clause and action."""
    assert [(i.number, i.title) for i in document.items] == [(e[0], e[1]) for e in expected]
    for item, (number, _title, points, clauses, actions) in zip(
        document.items, expected, strict=True
    ):
        got_points = [(p.label, p.text, p.lines) for p in item.points]
        assert len(got_points) == len(points), number
        for (label, text, lines), (e_label, starts, ends, e_lines) in zip(
            got_points, points, strict=True
        ):
            assert (label, lines) == (e_label, e_lines), (number, text)
            assert text.startswith(starts) and text.endswith(ends), (number, text)
        assert [
            (r.label, r.kind, r.trackable, r.addressee, r.text) for r in item.resolutions
        ] == clauses, number
        assert [(a.addressee, a.text[:50]) for a in item.actions] == actions, number
