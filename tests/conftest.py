"""Fixtures shared by every test: a user per role, and a real Celery worker for worker tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from kombu.exceptions import OperationalError

from config.celery import app
from core.permissions import ADMINISTRATOR, DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER

ROLE_USERS = {
    "member": PANEL_MEMBER,
    "opcc": OPCC_OFFICER,
    "democratic": DEMOCRATIC_SERVICES,
    "admin": ADMINISTRATOR,
}
BASE_DIR = Path(__file__).resolve().parent.parent


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="demo", email=f"{username}@x.org")
    if role:
        # get_or_create: transactional tests flush the groups the migration made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        if role == ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def users(db: None) -> dict[str, User]:
    """One user per role, keyed like the demo logins."""
    return {name: make_user(name, role) for name, role in ROLE_USERS.items()}


@pytest.fixture
def client_as(users: dict[str, User]):
    """`client_as("member")` gives a test client signed in with that role; None for anonymous."""

    def make(role: str | None) -> Client:
        client = Client()
        if role:
            client.force_login(users[role])
        return client

    return make


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on the configured broker, using the test database.

    Needs CELERY_BROKER_URL and a database another process can open (PostgreSQL, not in-memory
    SQLite); .ci/run provides both.
    """
    from django.conf import settings
    from django.db import connection

    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("worker test: set CELERY_BROKER_URL to a real broker (as .ci/run does)")
    if connection.vendor != "postgresql":
        pytest.skip(
            "worker test: needs PostgreSQL so that a second process shares the test database"
        )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": "worker-test-key",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    from config.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            output = worker.stdout.read() if worker.stdout else ""  # a pipe: stdout=PIPE
            pytest.fail(f"celery worker exited early:\n{output}")
        if app.control.ping(timeout=1):
            break
    else:
        worker.kill()
        pytest.fail("celery worker did not answer a ping within 60 seconds")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    yield worker
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()


def _refuse(*args, **kwargs):
    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def broker_down(monkeypatch):
    """A real broker (not eager) that refuses every publish, as Redis does when it is stopped."""
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(app, "send_task", _refuse)
    return monkeypatch
