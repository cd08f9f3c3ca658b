"""The importer corpus: enough annotated fixtures, every annotation valid against the schema
(/work/notes/corpus_schema.md), and the parser finding what a careful reader finds."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.imports.corpus_score import CORPUS, Tally, fixture_pairs, score_corpus

MIN_FIXTURES = 60
MIN_STYLES = 8
MIN_RECALL = 0.95
MIN_PRECISION = 0.90

STYLES = frozenset(
    {
        "moderngov_meeting",
        "moderngov_item",
        "moderngov_pdf",
        "cmis",
        "welsh_english",
        "word_template",
        "ocr_text",
        "council_html",
        "leicestershire_2024",
        "leicestershire_2020",
    }
)
SOURCE_KINDS = {".html": "html", ".htm": "html", ".txt": "text", ".docx": "docx"}
ADDRESSEES = frozenset({"PCC", "OPCC", "Chief Constable", "panel", None})
RECURRING = frozenset({None, "each_meeting", "quarterly", "annually"})
CAPACITIES = frozenset({"present", "in attendance", "apologies"})
TOP_KEYS = ("style", "source_kind", "meeting", "items", "attendees")
ITEM_KEYS = ("number", "title", "clauses")
CLAUSE_KEYS = ("label", "text_starts", "trackable", "addressee", "recurring")
ATTENDEE_KEYS = ("name", "capacity")


def _is_date(value: Any) -> bool:
    if value is None or isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _missing(data: Any, keys: tuple[str, ...], where: str) -> list[str]:
    if not isinstance(data, dict):
        return [f"{where}: not a mapping"]
    return [f"{where}: no “{key}”" for key in keys if key not in data]


def _clause_problems(clause: Any, where: str) -> list[str]:
    problems = _missing(clause, CLAUSE_KEYS, where)
    if problems:
        return problems
    if not isinstance(clause["label"], str):
        problems.append(f"{where}: label is not a string")
    if not isinstance(clause["text_starts"], str) or not clause["text_starts"].strip():
        problems.append(f"{where}: text_starts is empty")
    if not isinstance(clause["trackable"], bool):
        problems.append(f"{where}: trackable is not true/false")
    if clause["addressee"] not in ADDRESSEES:
        problems.append(f"{where}: addressee {clause['addressee']!r}")
    if clause["recurring"] not in RECURRING:
        problems.append(f"{where}: recurring {clause['recurring']!r}")
    return problems


def annotation_problems(annotation_path: Path, source: Path) -> list[str]:
    """What is wrong with one annotation, by the schema; [] when it is valid."""
    name = str(annotation_path.relative_to(CORPUS))
    try:
        data = yaml.safe_load(annotation_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{name}: not YAML ({error})"]
    problems = _missing(data, TOP_KEYS, name)
    if problems:
        return problems
    if data["style"] not in STYLES or data["style"] != annotation_path.parent.name:
        problems.append(
            f"{name}: style {data['style']!r} (directory {annotation_path.parent.name})"
        )
    if data["source_kind"] != SOURCE_KINDS.get(source.suffix.lower()):
        problems.append(f"{name}: source_kind {data['source_kind']!r} for a {source.suffix} file")
    meeting = data["meeting"]
    if not isinstance(meeting, dict) or "date" not in meeting or not _is_date(meeting["date"]):
        problems.append(f"{name}: meeting.date is not an ISO date or null")
    items = data["items"]
    if not isinstance(items, list):
        return [*problems, f"{name}: items is not a list"]
    for k, item in enumerate(items, 1):
        where = f"{name} item {k}"
        item_problems = _missing(item, ITEM_KEYS, where)
        problems += item_problems
        if item_problems:
            continue
        if item["number"] is not None and not isinstance(item["number"], (str, int)):
            problems.append(f"{where}: number {item['number']!r}")
        if not isinstance(item["title"], str) or not item["title"].strip():
            problems.append(f"{where}: title is empty")
        if not isinstance(item["clauses"], list):
            problems.append(f"{where}: clauses is not a list")
            continue
        for j, clause in enumerate(item["clauses"], 1):
            problems += _clause_problems(clause, f"{where} clause {j}")
    attendees = data["attendees"]
    if not isinstance(attendees, list):
        return [*problems, f"{name}: attendees is not a list"]
    for k, person in enumerate(attendees, 1):
        where = f"{name} attendee {k}"
        person_problems = _missing(person, ATTENDEE_KEYS, where)
        problems += person_problems
        if person_problems:
            continue
        if not isinstance(person["name"], str) or not person["name"].strip():
            problems.append(f"{where}: name is empty")
        if person["capacity"] not in CAPACITIES:
            problems.append(f"{where}: capacity {person['capacity']!r}")
    return problems


def test_corpus_has_enough_fixtures_in_enough_styles() -> None:
    pairs = fixture_pairs()
    styles = {annotation.parent.name for annotation, _ in pairs}
    assert len(pairs) >= MIN_FIXTURES, f"{len(pairs)} fixtures; at least {MIN_FIXTURES} wanted"
    assert len(styles) >= MIN_STYLES, (
        f"{len(styles)} styles ({sorted(styles)}); at least {MIN_STYLES} wanted"
    )


def test_every_annotation_has_its_source_file() -> None:
    paired = {annotation for annotation, _ in fixture_pairs()}
    orphans = [
        str(p.relative_to(CORPUS)) for p in sorted(CORPUS.glob("*/*.yaml")) if p not in paired
    ]
    assert not orphans, f"annotations without a source file: {orphans}"


def test_every_annotation_is_valid_against_the_schema() -> None:
    problems = [
        p for annotation, source in fixture_pairs() for p in annotation_problems(annotation, source)
    ]
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def corpus_table() -> tuple[Tally, str]:
    score = score_corpus()
    return score.overall, score.table()


def test_parser_finds_the_items_a_reader_finds(corpus_table: tuple[Tally, str]) -> None:
    overall, table = corpus_table
    assert overall.item_recall >= MIN_RECALL and overall.item_precision >= MIN_PRECISION, (
        f"item recall {overall.item_recall:.1%}, precision {overall.item_precision:.1%}\n{table}"
    )


def test_parser_finds_the_clauses_a_reader_finds(corpus_table: tuple[Tally, str]) -> None:
    overall, table = corpus_table
    assert overall.clause_recall >= MIN_RECALL and overall.clause_precision >= MIN_PRECISION, (
        f"clause recall {overall.clause_recall:.1%}, "
        f"precision {overall.clause_precision:.1%}\n{table}"
    )
