"""How points noted and resolutions are labelled: points (i), (ii)…, resolutions (a), (b)…."""

from __future__ import annotations

from collections.abc import Callable

_ROMAN = (
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    """Lower-case roman numerals, as the points noted are labelled: 4 → 'iv'."""
    text = ""
    for value, numeral in _ROMAN:
        while number >= value:
            text += numeral
            number -= value
    return text


def letter(number: int) -> str:
    """(a)…(z), then (aa), (ab)…: 3 → 'c'."""
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def label_next(used: set[str], count: int, numeral: Callable[[int], str]) -> str:
    """The next label after `count` clauses, skipping any already used: "(c)", "(iv)"."""
    number = count + 1
    while f"({numeral(number)})" in used:
        number += 1
    return f"({numeral(number)})"
