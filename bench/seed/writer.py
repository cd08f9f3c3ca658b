"""Inserts rows of one model at a time, fast: COPY on PostgreSQL, bulk_create on SQLite.

Rows are dicts keyed by column attname (`body_id`, not `body`); what a row leaves out takes the
field's default, worked out once per model (the `auto_now` stamps take the seeding's start). The
writer hands out primary keys itself, so children name their parents' ids without a round trip
and a chunk's rows never have to be read back; `finish` moves PostgreSQL's sequences past them.

No `save()` runs and no signal is sent: django-simple-history writes no history rows and no
domain events are recorded, which is fine for scale data (the pages read the live rows). The
database still checks every constraint, so a row the models would refuse is refused here too.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

Row = dict[str, Any]
# A required column: a row without it is a bug in the seeder, not a default to guess.
_REQUIRED = object()


class Columns:
    """One model's columns in table order, with the value each takes when a row omits it."""

    def __init__(self, model: type[models.Model], now: datetime.datetime, copy: bool) -> None:
        fields = [
            field for field in model._meta.concrete_fields if not getattr(field, "generated", False)
        ]
        self.table = model._meta.db_table
        self.names = [field.attname for field in fields]
        self.sql_names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        self.defaults = [self._default(field, now) for field in fields]
        # COPY takes a JSON column's text; bulk_create takes the Python value.
        self.json = [copy and isinstance(field, models.JSONField) for field in fields]

    @staticmethod
    def _default(field: models.Field[Any, Any], now: datetime.datetime) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        # The key, and a default that depends on the moment (the current panel's id): each
        # row says its own.
        if field.primary_key or (callable(field.default) and not isinstance(field.default, type)):
            return _REQUIRED
        value = field.get_default()
        if value is None and not field.null:
            return _REQUIRED
        return value

    def values(self, row: Row) -> list[Any]:
        values = [
            row.get(name, default) for name, default in zip(self.names, self.defaults, strict=True)
        ]
        for index, value in enumerate(values):
            if value is _REQUIRED:
                raise ValueError(f"{self.table}: a row has no {self.names[index]}")
            if self.json[index] and not isinstance(value, str):
                values[index] = json.dumps(value)
        return values


class Writer:
    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self.copy = connection.vendor == "postgresql"
        self._columns: dict[type[models.Model], Columns] = {}
        self._last: dict[type[models.Model], int] = {}

    def next_id(self, model: type[models.Model]) -> int:
        """A fresh primary key for a row of `model` (past every row it already has)."""
        last = self._last.get(model)
        if last is None:
            last = model._base_manager.aggregate(last=models.Max("pk"))["last"] or 0
        self._last[model] = last + 1
        return last + 1

    def insert(self, model: type[models.Model], rows: Iterable[Row]) -> int:
        """Insert `rows` (each with its `id`, from `next_id`); returns how many."""
        columns = self._columns.get(model)
        if columns is None:
            columns = self._columns[model] = Columns(model, self.now, self.copy)
        if self.copy:
            return self._copy(columns, rows)
        return self._bulk_create(model, columns, rows)

    def _copy(self, columns: Columns, rows: Iterable[Row]) -> int:
        count = 0
        sql = f"COPY {connection.ops.quote_name(columns.table)} ({columns.sql_names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            write: Callable[[Any], None] = copy.write_row
            for row in rows:
                write(columns.values(row))
                count += 1
        return count

    def _bulk_create(self, model: type[models.Model], columns: Columns, rows: Iterable[Row]) -> int:
        objects = [
            model(**dict(zip(columns.names, columns.values(row), strict=True))) for row in rows
        ]
        model._base_manager.bulk_create(objects, batch_size=500)
        return len(objects)

    def finish(self) -> None:
        """Move PostgreSQL's id sequences past the ids handed out (SQLite follows by itself)."""
        if not self.copy or not self._last:
            return
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self._last)):
                cursor.execute(sql)
