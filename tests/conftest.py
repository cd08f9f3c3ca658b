"""Fixtures shared by every test: the panel, a user per role, and a real Celery worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.test import Client
from kombu.exceptions import OperationalError

from config.celery import app
from core.models import Panel, PanelHost, PanelRole
from core.panels import panel_for_host, panel_hosts_forget
from core.permissions import ADMINISTRATOR, DEMOCRATIC_SERVICES, OPCC_OFFICER, PANEL_MEMBER
from core.tenancy import PanelOwned, panel_scope

ROLE_USERS = {
    "member": PANEL_MEMBER,
    "opcc": OPCC_OFFICER,
    "democratic": DEMOCRATIC_SERVICES,
    "admin": ADMINISTRATOR,
}
BASE_DIR = Path(__file__).resolve().parent.parent


# The panel every test works in unless it says otherwise: it answers the test client's host.
TEST_PANEL: dict[str, object] = {
    "slug": "llr",
    "name": "Leicester, Leicestershire and Rutland Police and Crime Panel",
    "short_name": "LLR Police and Crime Panel",
    "police_area": "Leicestershire",
    "host_authority": "Leicestershire County Council",
    "giving_prefix": "360G-llrpcc",
    "funder_name": "Office of the Police and Crime Commissioner for Leicester, Leicestershire and "
    "Rutland",
    "is_default": True,
}
OTHER_PANEL: dict[str, object] = {
    "slug": "northshire",
    "name": "Northshire Police, Fire and Crime Panel",
    "short_name": "Northshire PFCP",
    "police_area": "Northshire",
    "host_authority": "Northshire County Council",
    "kind": Panel.Kind.PFCP,
    "commissioner_title": "Police, Fire and Crime Commissioner",
}


def panel_make(fields: dict[str, object], hosts: list[str]) -> Panel:
    panel, _ = Panel.objects.get_or_create(slug=fields["slug"], defaults=fields)
    for position, host in enumerate(hosts):
        PanelHost.objects.get_or_create(name=host, defaults={"panel": panel, "position": position})
    return panel


def _uses_database(request: pytest.FixtureRequest) -> bool:
    names = set(request.fixturenames)
    return bool(
        request.node.get_closest_marker("django_db")
        or names & {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    )


@pytest.fixture(autouse=True)
def panel(request: pytest.FixtureRequest) -> Iterator[Panel | None]:
    """Every database test runs inside the LLR panel, the default panel on every host."""
    if not _uses_database(request):
        yield None
        return
    names = set(request.fixturenames)
    transactional = bool(
        names & {"transactional_db", "live_server"}
        or getattr(request.node.get_closest_marker("django_db"), "kwargs", {}).get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    panel_hosts_forget()
    made = panel_make(TEST_PANEL, ["testserver", "llr.localhost"])
    panel_for_host("testserver")  # loads the host map now, not inside a counted request
    with panel_scope(made):
        yield made
    panel_hosts_forget()


def _forget_public_pages(sender: type, **kwargs: object) -> None:
    if issubclass(sender, PanelOwned | Panel | PanelHost):
        cache.clear()


def _forget_on_setting(*, setting: str, **kwargs: object) -> None:
    if setting != "CACHES":  # a new cache starts empty (and may be one that does not answer)
        cache.clear()


@pytest.fixture(autouse=True)
def public_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with an empty cache, so no page kept by an earlier test is served.

    Tests build records with factories, which record no domain event, and then ask for a page
    again: any save of a panel's record forgets the kept pages too, as a service's event would.
    A test of the cache itself asks for `public_cache_strict`, which leaves only the services'
    own invalidation."""
    cache.clear()
    if "public_cache_strict" in request.fixturenames:
        yield
        return
    uid = "tests_forget_public_pages"
    post_save.connect(_forget_public_pages, dispatch_uid=uid)
    post_delete.connect(_forget_public_pages, dispatch_uid=uid)
    setting_changed.connect(_forget_on_setting, dispatch_uid=uid)
    yield
    for signal in (post_save, post_delete, setting_changed):
        signal.disconnect(dispatch_uid=uid)


@pytest.fixture
def public_cache_strict() -> None:
    """The public page cache as in production: only services, the admin and panel saves
    invalidate it (see `public_cache`)."""


@pytest.fixture
def other_panel(panel: Panel) -> Panel:
    """A second panel, on its own host: nothing of the first may ever show in it."""
    return panel_make(OTHER_PANEL, ["northshire.testserver"])


def make_user(username: str, role: str | None, panel: Panel | None = None) -> User:
    user = User.objects.create_user(username=username, password="demo", email=f"{username}@x.org")
    if role:
        PanelRole.all_panels.create(
            panel=panel or Panel.objects.get(slug=TEST_PANEL["slug"]), user=user, role=role
        )
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
