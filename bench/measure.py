"""Timing one page in the same run: the page as served (server: a page the public cache keeps is
served from it after the first request), the page rendered afresh (uncached: the cache emptied
before each request), the floor view over the page's own SQL (floor), that SQL alone (sql), and
how many queries the page makes as served and afresh."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client
from django.test.utils import override_settings

from bench import floor

FLOOR_URLCONF = "bench.floor"
READS = ("SELECT", "WITH")
# A page slower than this is timed fewer times, so that the run stays within minutes.
SLOW_SECONDS = 1.0
SLOW_REPEAT = 3
Statement = tuple[str, Any]  # SQL and its parameters, as the page sent them


@contextmanager
def recorded() -> Iterator[list[Statement]]:
    """Every statement run inside the block, with its parameters (whatever DEBUG says)."""
    statements: list[Statement] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


@dataclass
class Figures:
    page: str
    status: int
    server_ms: float | None = None
    floor_ms: float | None = None
    sql_ms: float | None = None
    queries: int | None = None
    uncached_ms: float | None = None
    queries_uncached: int | None = None

    def as_json(self) -> dict[str, str | float | int | None]:
        return {
            "page": self.page,
            "server_ms": self.server_ms,
            "floor_ms": self.floor_ms,
            "sql_ms": self.sql_ms,
            "queries": self.queries,
            "uncached_ms": self.uncached_ms,
            "queries_uncached": self.queries_uncached,
        }


def median_ms(
    run: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    """The median time of `repeat` runs after a warm-up; `before` runs untimed before each."""
    run()  # warm-up
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def fetch(client: Client, url: str) -> int:
    """GET `url` and read the whole body, as a server would send it."""
    response = client.get(url)
    if isinstance(response, StreamingHttpResponse):
        b"".join(response.streaming_content)
    elif isinstance(response, HttpResponse):
        _ = response.content
    return response.status_code


def _get(client: Client, url: str) -> Callable[[], object]:
    def run() -> object:
        status = fetch(client, url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        return status

    return run


def replay(statements: Sequence[Statement]) -> Callable[[], object]:
    def run() -> object:
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        return None

    return run


def _key(statement: Statement) -> str:
    return f"{statement[0]}|{statement[1]!r}"


def _floor_queries(client: Client) -> Counter[str]:
    """The statements the middleware, session and user lookup run for this client alone."""
    with override_settings(ROOT_URLCONF=FLOOR_URLCONF):
        fetch(client, "/floor/baseline")  # warm whatever the middleware caches
        with recorded() as statements:
            fetch(client, "/floor/baseline")
    return Counter(_key(statement) for statement in statements)


def measure(client: Client, label: str, url: str, repeat: int) -> Figures:
    framework = _floor_queries(client)
    cache.clear()
    started = time.perf_counter()
    with recorded() as first:
        status = fetch(client, url)
    if status != 200:
        return Figures(label, status)
    if time.perf_counter() - started > SLOW_SECONDS:
        repeat = min(repeat, SLOW_REPEAT)
    # The page's own reads, as it ran them the first time (before anything it caches).
    statements = []
    for statement in first:
        if framework[_key(statement)]:
            framework[_key(statement)] -= 1
        elif statement[0].lstrip().upper().startswith(READS):
            statements.append(statement)
    with recorded() as steady:
        fetch(client, url)
    key = f"page{len(floor.STATEMENTS)}"
    floor.STATEMENTS[key] = statements
    server = median_ms(_get(client, url), repeat)
    uncached = median_ms(_get(client, url), repeat, before=cache.clear)
    with override_settings(ROOT_URLCONF=FLOOR_URLCONF):
        floor_ms = median_ms(_get(client, f"/floor/{key}"), repeat)
    sql = median_ms(replay(statements), repeat)
    return Figures(label, status, server, floor_ms, sql, len(steady), uncached, len(first))
