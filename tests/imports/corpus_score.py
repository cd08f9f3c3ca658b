"""Score the minutes parser against the annotated importer corpus (tests/imports/corpus/).

Each fixture is `<style>/<name>.<ext>` + `<name>.yaml`, the YAML saying what a careful reader finds
(schema: /work/notes/corpus_schema.md). The file is read by `core.readers.read_path`, parsed by
`imports.parser.parse` and scored by the schema's rules: an expected item is found by a parsed item
(each used once) whose normalised title starts with the expected title's first 30 normalised
characters, or the reverse, and whose number is the expected one unless that is null; an expected
clause is found, in a found item, by a resolution whose normalised text starts with `text_starts`.
Recall is found / expected, precision found / parsed; number accuracy is over items whose title is
found, trackable and addressee accuracy over found clauses.

Run `.venv/bin/python -m tests.imports.corpus_score` for a table per style and every miss.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from core.readers import ReadError, read_path
from imports.parser import ParsedDocument, Resolution, parse

CORPUS = Path(__file__).resolve().parent / "corpus"
TITLE_PREFIX = 30


def normalise(text: str | None) -> str:
    return re.sub(r"[\W_]+", " ", (text or "").casefold()).strip()


def normalise_number(number: str | None) -> str:
    return (number or "").strip().rstrip(".").strip("()").strip()


def titles_match(expected: str, parsed: str) -> bool:
    a, b = normalise(expected), normalise(parsed)
    if not a or not b:
        return False
    return b.startswith(a[:TITLE_PREFIX]) or a.startswith(b[:TITLE_PREFIX])


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass
class Tally:
    files: int = 0
    errors: int = 0
    items_expected: int = 0
    items_parsed: int = 0
    items_found: int = 0
    numbers_checked: int = 0
    numbers_right: int = 0
    clauses_expected: int = 0
    clauses_parsed: int = 0
    clauses_found: int = 0
    trackable_right: int = 0
    addressee_right: int = 0
    recurrence_right: int = 0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def item_recall(self) -> float:
        return ratio(self.items_found, self.items_expected)

    @property
    def item_precision(self) -> float:
        return ratio(self.items_found, self.items_parsed)

    @property
    def clause_recall(self) -> float:
        return ratio(self.clauses_found, self.clauses_expected)

    @property
    def clause_precision(self) -> float:
        return ratio(self.clauses_found, self.clauses_parsed)

    @property
    def number_accuracy(self) -> float:
        return ratio(self.numbers_right, self.numbers_checked)

    @property
    def trackable_accuracy(self) -> float:
        return ratio(self.trackable_right, self.clauses_found)

    @property
    def addressee_accuracy(self) -> float:
        return ratio(self.addressee_right, self.clauses_found)

    @property
    def recurrence_accuracy(self) -> float:
        return ratio(self.recurrence_right, self.clauses_found)


@dataclass
class Miss:
    file: str
    kind: str  # "error", "item", "clause", "number", "trackable", "addressee" or "recurrence"
    detail: str


@dataclass
class FixtureScore:
    name: str  # the source file, relative to the corpus
    style: str
    tally: Tally = field(default_factory=lambda: Tally(files=1))
    misses: list[Miss] = field(default_factory=list)

    def miss(self, kind: str, detail: str) -> None:
        self.misses.append(Miss(self.name, kind, detail))

    def score(self, annotation: dict[str, Any], document: ParsedDocument) -> None:
        tally, parsed = self.tally, list(document.items)
        tally.items_parsed += len(parsed)
        tally.clauses_parsed += sum(len(i.resolutions) for i in parsed)
        used: set[int] = set()
        for item in annotation.get("items") or []:
            title, number = str(item.get("title") or ""), item.get("number")
            clauses = item.get("clauses") or []
            tally.items_expected += 1
            tally.clauses_expected += len(clauses)
            where = f"item {'–' if number is None else number} “{title[:50]}”"
            titled = [
                k for k, p in enumerate(parsed) if k not in used and titles_match(title, p.title)
            ]
            want = normalise_number(None if number is None else str(number))
            numbered = [k for k in titled if normalise_number(parsed[k].number) == want]
            tally.numbers_checked += bool(titled)
            tally.numbers_right += bool(numbered)
            if titled and not numbered:
                self.miss("number", f"{where}: parsed as number “{parsed[titled[0]].number}”")
            found = numbered if number is not None else titled
            if not found:
                self.miss("item", where)
                for clause in clauses:
                    text = f"{clause.get('label') or '(no label)'} “{clause.get('text_starts')}”"
                    self.miss("clause", f"{where} {text} (item not found)")
                continue
            used.add(found[0])
            tally.items_found += 1
            self.score_clauses(where, clauses, parsed[found[0]].resolutions)

    def score_clauses(
        self, where: str, expected: list[dict[str, Any]], parsed: list[Resolution]
    ) -> None:
        used: set[int] = set()
        for clause in expected:
            want, label = normalise(clause.get("text_starts")), clause.get("label") or "(no label)"
            hits = [
                k
                for k, r in enumerate(parsed)
                if k not in used and normalise(r.text).startswith(want)
            ]
            if not want or not hits:
                self.miss("clause", f"{where} {label} “{clause.get('text_starts')}”")
                continue
            used.add(hits[0])
            got = parsed[hits[0]]
            self.tally.clauses_found += 1
            where_label = f"{where} {label}"
            self.tally.trackable_right += self.check(
                "trackable", where_label, bool(clause.get("trackable")), got.trackable
            )
            self.tally.addressee_right += self.check(
                "addressee", where_label, clause.get("addressee"), got.addressee
            )
            self.tally.recurrence_right += self.check(
                "recurrence", where_label, clause.get("recurring"), got.recurrence
            )

    def check(self, kind: str, where: str, expected: object, parsed: object) -> int:
        """1 when the parsed value is the expected one, else 0 and a miss."""
        if expected == parsed:
            return 1
        self.miss(kind, f"{where}: expected {expected}, parsed {parsed}")
        return 0


@dataclass
class CorpusScore:
    fixtures: list[FixtureScore]
    overall: Tally
    by_style: dict[str, Tally]

    @property
    def misses(self) -> list[Miss]:
        return [m for f in self.fixtures for m in f.misses]

    def table(self) -> str:
        width = max([5, *(len(style) for style in self.by_style)]) + 2
        head = f"{'style':<{width}}" + "".join(f"{name:>9}" for name, _ in COLUMNS)
        rule = "-" * len(head)
        lines = [head, rule]
        for style, t in [*sorted(self.by_style.items()), ("ALL", self.overall)]:
            if style == "ALL":
                lines.append(rule)
            lines.append(f"{style:<{width}}" + "".join(f"{cell(t):>9}" for _, cell in COLUMNS))
        return "\n".join(lines)


def pct(value: float) -> str:
    return f"{100 * value:.1f}%"


COLUMNS: list[tuple[str, Callable[[Tally], str]]] = [
    ("files", lambda t: str(t.files)),
    ("items", lambda t: str(t.items_expected)),
    ("item R", lambda t: pct(t.item_recall)),
    ("item P", lambda t: pct(t.item_precision)),
    ("clauses", lambda t: str(t.clauses_expected)),
    ("cl. R", lambda t: pct(t.clause_recall)),
    ("cl. P", lambda t: pct(t.clause_precision)),
    ("number", lambda t: pct(t.number_accuracy)),
    ("track", lambda t: pct(t.trackable_accuracy)),
    ("addr.", lambda t: pct(t.addressee_accuracy)),
    ("recur.", lambda t: pct(t.recurrence_accuracy)),
]


def fixture_pairs(root: Path = CORPUS) -> list[tuple[Path, Path]]:
    """(annotation, source) for every YAML with a source file of the same name beside it."""
    pairs = []
    for annotation in sorted(root.glob("*/*.yaml")):
        sources = sorted(
            p
            for p in annotation.parent.glob(f"{annotation.stem}.*")
            if p.suffix not in (".yaml", ".yml") and p.is_file()
        )
        if sources:
            pairs.append((annotation, sources[0]))
    return pairs


def score_fixture(annotation_path: Path, source: Path, root: Path = CORPUS) -> FixtureScore:
    score = FixtureScore(str(source.relative_to(root)), annotation_path.parent.name)
    try:
        annotation = yaml.safe_load(annotation_path.read_text(encoding="utf-8"))
        if not isinstance(annotation, dict):
            raise ValueError("the annotation is not a mapping")
        text = read_path(source).text
    except (OSError, ValueError, yaml.YAMLError, ReadError) as error:
        score.tally.errors = 1
        score.miss("error", f"{type(error).__name__}: {error}")
        return score
    score.score(annotation, parse(text))
    return score


def score_corpus(root: Path = CORPUS) -> CorpusScore:
    fixtures = [score_fixture(a, s, root) for a, s in fixture_pairs(root)]
    overall = Tally()
    by_style: dict[str, Tally] = {}
    for f in fixtures:
        overall.add(f.tally)
        by_style.setdefault(f.style, Tally()).add(f.tally)
    return CorpusScore(fixtures, overall, by_style)


HEADINGS = {
    "error": "Unreadable fixtures",
    "item": "Items not found",
    "clause": "Clauses not found",
    "number": "Wrong numbers",
    "trackable": "Wrong trackable flags",
    "addressee": "Wrong addressees",
    "recurrence": "Wrong recurrences (standing requests)",
}


def main() -> None:
    score = score_corpus()
    print(score.table())
    misses = score.misses
    for kind, heading in HEADINGS.items():
        chosen = [m for m in misses if m.kind == kind]
        if chosen:
            print(f"\n{heading} ({len(chosen)}):")
            for m in chosen:
                print(f"  {m.file}: {m.detail}")


if __name__ == "__main__":
    main()
