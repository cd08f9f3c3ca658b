"""Run code in real threads, each with its own database connection, against a database they share.

PostgreSQL (as .ci/run uses) shares the test database as it is. SQLite's test database lives in
memory with a shared cache, where a second writer gets "database table is locked" at once instead
of waiting, so the `shared_database` fixture copies it to a file for the threads, which then use the
project's real SQLite options (busy timeout, IMMEDIATE transactions, WAL). Use it in tests marked
`django_db(transaction=True)`, and do every read and write of the test inside `run`/`race`: on
SQLite the test's own thread still holds the in-memory database.
"""

from __future__ import annotations

import contextvars
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

# A thread that has not finished by then has deadlocked: fail rather than hang the suite.
THREAD_TIMEOUT = 60


class SharedDatabase:
    def run(self, fn: Callable[[], Any]) -> Any:
        """`fn()` in a new thread with its own connection; its result, or its exception."""
        return self.race([fn])[0]

    def race(self, fns: list[Callable[[], Any]]) -> list[Any]:
        """Start every `fn` at the same instant, each in its own thread; their results in order."""
        barrier = threading.Barrier(len(fns))
        results: list[Any] = [None] * len(fns)
        errors: list[BaseException] = []

        def target(index: int, fn: Callable[[], Any], context: contextvars.Context) -> None:
            try:
                barrier.wait(timeout=THREAD_TIMEOUT)
                results[index] = context.run(fn)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [
            # Each thread works in the test's panel (a copy of its context: the current panel).
            threading.Thread(target=target, args=(i, fn, contextvars.copy_context()), daemon=True)
            for i, fn in enumerate(fns)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(THREAD_TIMEOUT)
        if any(thread.is_alive() for thread in threads):
            raise AssertionError(f"a thread did not finish within {THREAD_TIMEOUT}s")
        if errors:
            raise errors[0]
        return results


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[SharedDatabase]:
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper behind `connection`, for isinstance
    if not (isinstance(db, SQLiteDatabaseWrapper) and db.is_in_memory_db()):
        yield SharedDatabase()
        return
    # Copy the in-memory test database (schema and all) to a file, and point the connections
    # the threads open at it. The test's own connection stays open on the in-memory one (closing
    # it would destroy that database), and is pointed back before the test's teardown.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    settings_dict = connection.settings_dict
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield SharedDatabase()
    finally:
        settings_dict["NAME"] = in_memory
