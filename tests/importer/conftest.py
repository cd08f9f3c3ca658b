"""Paths to the seed papers (copied into tests/fixtures/seeds) and to this suite's fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetings.importer.parser import ParsedDocument, parse

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
