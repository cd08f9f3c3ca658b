"""How a column of the bulk download is declared, described and written (opendata/datasets.py
declares them)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models

from core.models import Panel

TYPES = {
    "integer": "A whole number.",
    "decimal": "A number of pounds sterling with two decimal places, e.g. 1250.00.",
    "text": "Text, UTF-8.",
    "code": "One of a fixed list of codes, given in the column's description.",
    "date": "A date, YYYY-MM-DD.",
    "time": "A local (UK) time of day, HH:MM.",
    "datetime": "A moment in UTC, ISO 8601, e.g. 2024-10-18T09:00:00Z.",
    "boolean": "true or false.",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    value: Callable[[Any], Any]

    def cell(self, record: Any) -> Any:
        return _written(self.type, self.value(record))


def _written(kind: str, value: Any) -> Any:
    if value is None or value == "":
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "datetime":
        utc = value.astimezone(datetime.UTC).replace(microsecond=0)
        return utc.isoformat().replace("+00:00", "Z")
    if kind == "time":
        return value.strftime("%H:%M")
    if kind == "date":
        return value.isoformat()
    if kind == "decimal":
        return f"{Decimal(value):.2f}"
    return value


def col(
    name: str,
    kind: str,
    description: str,
    value: str | Callable[[Any], Any] | None = None,
    *,
    codes: type[models.Choices] | None = None,
) -> Column:
    """A column; its value is the attribute `value` (dotted), or `name`, unless a function.
    `codes`: the choices the column holds, listed in its description."""
    if kind not in TYPES:
        raise ValueError(f"{name}: no such type {kind!r}")
    if codes is not None:
        listed = "; ".join(f"{code} = {label}" for code, label in codes.choices)
        description = f"{description} Codes: {listed}."
    return Column(name, kind, description, value if callable(value) else _path(value or name))


def _path(path: str) -> Callable[[Any], Any]:
    """The dotted attribute `path` of a record; None where a relation on the way is empty."""
    steps = path.split(".")

    def get(record: Any) -> Any:
        for step in steps:
            if record is None:
                return None
            record = getattr(record, step)
        return record

    return get


@dataclass(frozen=True)
class Dataset:
    filename: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Panel | None], Iterable[Any]]

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]
