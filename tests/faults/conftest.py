"""Fault tests: a Redis and Celery workers of their own, stopped and killed on purpose.

They run only when FAULT_TESTS=1 (the fault step of .ci/run sets it), on PostgreSQL, with
`redis-server` installed. The Redis they start listens on a port of its own and every process
they stop is stopped by its own pid: the machine's shared Redis and PostgreSQL are never touched.
Each scenario adds a figure line to fault-report.txt, printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app
from tests.conftest import BASE_DIR

REPORT_LINES: list[str] = []
REPORT_FILE: list[Path] = []


def pytest_collection_modifyitems(config, items) -> None:
    reason = None
    if os.environ.get("FAULT_TESTS") != "1":
        reason = "fault test: set FAULT_TESTS=1 to run it (the fault step of .ci/run does)"
    elif shutil.which("redis-server") is None:
        reason = "fault test: needs redis-server (apt-get install redis-server)"
    if reason:
        for item in items:
            if "faults" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT_LINES:
        terminalreporter.section("fault report")
        for line in REPORT_LINES:
            terminalreporter.write_line(line)
        if REPORT_FILE:
            terminalreporter.write_line(f"(written to {REPORT_FILE[0]})")


@pytest.fixture(scope="session")
def fault_report(tmp_path_factory) -> Callable[[str], None]:
    path = tmp_path_factory.getbasetemp() / "fault-report.txt"
    REPORT_FILE[:] = [path]

    def add(line: str) -> None:
        print(line)
        REPORT_LINES.append(line)
        with path.open("a") as handle:
            handle.write(line + "\n")

    return add


def free_port() -> int:
    """A free port from 6390 up, never 6379 (the machine's own Redis)."""
    for _ in range(100):
        port = 6390 + random.randrange(500)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for the fault tests' Redis")


class Broker:
    """A throwaway redis-server, started and stopped by its own pid."""

    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        assert self.port != 6379
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
            ],
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture(scope="module")
def fault_broker(tmp_path_factory, django_db_setup) -> Iterator[Broker]:
    """Our own Redis, and this process's Celery app pointed at it (no longer eager)."""
    if connection.vendor != "postgresql":
        pytest.skip("fault test: needs PostgreSQL, shared by this process and the workers")
    broker = Broker(free_port(), tmp_path_factory.mktemp("redis") / "redis.log")
    broker.start()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    saved_eager = settings.CELERY_TASK_ALWAYS_EAGER
    saved_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = broker.url  # Celery reads it before its own setting
    app.conf["broker_url"] = broker.url
    app.conf["task_always_eager"] = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # The app keeps a connection pool for the broker it first used: drop it for ours.
    app._pool = None  # type: ignore[attr-defined]  # Celery's private pool
    app.amqp._producer_pool = None  # type: ignore[attr-defined]  # Celery's private pool
    yield broker
    broker.stop()
    app.conf.update(saved)
    settings.CELERY_TASK_ALWAYS_EAGER = saved_eager
    if saved_env is None:
        del os.environ["CELERY_BROKER_URL"]
    else:
        os.environ["CELERY_BROKER_URL"] = saved_env
    app._pool = None  # type: ignore[attr-defined]  # Celery's private pool
    app.amqp._producer_pool = None  # type: ignore[attr-defined]  # Celery's private pool


@dataclass
class Worker:
    """One `celery worker` (prefork, one child) on the fault broker, logging to a file."""

    name: str
    process: subprocess.Popen
    log: Path

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except FileNotFoundError:
            return []

    def kill(self) -> None:
        """SIGKILL the worker and its pool children, by pid, as the OOM killer would."""
        children = self.children()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(fault_broker, tmp_path) -> Iterator[Callable[..., Worker]]:
    """`start_worker(**env)`: a worker on the fault broker and the test database."""
    db = connection.settings_dict
    media = tmp_path / "media"
    media.mkdir()
    started: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        name = f"fault-{os.getpid()}-{len(started)}@%h"
        log = tmp_path / f"worker-{len(started)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DATABASE_URL": (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                f"{db['NAME']}"
            ),
            "CELERY_BROKER_URL": fault_broker.url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "SECRET_KEY": "fault-test-key",
            "MEDIA_ROOT": str(media),
            **extra_env,
        }
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "config", "worker",
                "--pool", "prefork", "--concurrency", "1", "-l", "info",
                "--without-gossip", "--without-mingle", "-n", name,
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        worker = Worker(name=name.replace("%h", socket.gethostname()), process=process, log=log)
        started.append(worker)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"celery worker exited early:\n{worker.text()}")
            if "ready." in worker.text() and app.control.ping([worker.name], timeout=1):
                return worker
            time.sleep(0.2)
        worker.kill()
        pytest.fail(f"celery worker did not start within 90 seconds:\n{worker.text()}")

    yield start
    for worker in started:
        worker.stop()


def running_pids(worker: Worker, task: str = "core.tasks.outbox_run") -> list[int]:
    """The pool processes running `task` on `worker` now (asked through the broker): the
    outbox's, which runs the PDF builds, not the calendars rendered after the same change."""
    active = app.control.inspect([worker.name], timeout=1).active() or {}
    return [t["worker_pid"] for t in active.get(worker.name, []) if t["name"] == task]


def wait_for(condition: Callable[[], object], timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())
