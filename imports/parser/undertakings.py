"""Undertakings outside the RESOLVED clauses: "The PCC agreed to provide …", "Action: …", and
which of them repeat a resolution of the same minute. Suggestions only: staff confirm them."""

from __future__ import annotations

import re

from imports.parser.classification import first_party
from imports.parser.document import PANEL, Action, MinuteItem
from imports.parser.patterns import SENTENCE_SPLIT_RE, UNDERTAKING_RE
from imports.parser.tokens import squash

# Every form UNDERTAKING_RE reads has one of these words: a paragraph without them is skipped.
UNDERTAKING_WORDS = ("agreed", "undert", "would", "request", "asked")


def find_undertakings(text: str, lines: list[int], people: dict[str, str | None]) -> list[Action]:
    low = text.lower()
    if not any(word in low for word in UNDERTAKING_WORDS):
        return []
    text = squash(text)
    if not UNDERTAKING_RE.search(text):
        return []  # most paragraphs promise nothing: one search, not one a sentence
    sentences = SENTENCE_SPLIT_RE.split(text)
    actions: list[Action] = []
    for index, sentence in enumerate(sentences):
        if not UNDERTAKING_RE.search(sentence):
            continue
        shown = sentence
        if re.search(r"\b(?:this|the|that)\s+request\b", sentence) and index > 0:
            shown = f"{sentences[index - 1]} {sentence}"
        addressee = _undertaking_addressee(sentence, people)
        back = index - 1
        while addressee is None and back >= 0:
            addressee = _undertaking_addressee(sentences[back], people, passive=True)
            back -= 1
        if actions and shown.startswith(actions[-1].text):
            actions.pop()  # "A member requested X. The PCC agreed to this request." is one
        actions.append(Action(text=shown, addressee=addressee, lines=lines, source="undertaking"))
    return actions


def _named_party(text: str, people: dict[str, str | None]) -> str | None:
    for name, party in people.items():
        if party and name and re.search(rf"\b{re.escape(name)}\b", text):
            return party
    return None


def _undertaking_addressee(
    sentence: str, people: dict[str, str | None], *, passive: bool = False
) -> str | None:
    """Who gave the undertaking: the subject before the verb ("The PCC agreed …"), or for a
    request ("The Chairman requested that …") the party asked; the Panel itself only when it
    is the subject of an active verb."""
    requester = re.search(
        r"\b(?:chairman|chair|panel|member)\s+(?:requested|asked)\b", sentence, re.I
    )
    if requester:
        rest = sentence[requester.end() :]
        return _named_party(rest, people) or first_party(rest, exclude=(PANEL,))
    match = UNDERTAKING_RE.search(sentence)
    if match and not passive and not match.group().lower().startswith("would be"):
        prefix = sentence[: match.start()]
        party = _named_party(prefix, people) or first_party(prefix)
        if party:
            return party
    return _named_party(sentence, people) or first_party(sentence, exclude=(PANEL,))


def action_from_line(text: str, lines: list[int], people: dict[str, str | None]) -> Action:
    """ "Action: Chief Constable to provide a breakdown …" """
    who = re.match(r"^(?P<who>.+?)\s+to\s+\w+", text)
    addressee = None
    if who:
        addressee = _undertaking_addressee(who["who"], people)
    return Action(text=text, addressee=addressee, lines=lines, source="action_line")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def mark_duplicates(item: MinuteItem) -> None:
    """Flag an action that repeats a resolution of the same minute (2020 papers print both)."""
    for action in item.actions:
        words = _words(action.text)
        best, best_score = None, 0.0
        for resolution in item.resolutions:
            other = _words(resolution.text)
            if not words or not other:
                continue
            score = len(words & other) / min(len(words), len(other))
            if score > best_score:
                best, best_score = resolution, score
        if best is not None and best_score >= 0.6 and best.trackable:
            action.duplicates = best.label or "(unlabelled)"
