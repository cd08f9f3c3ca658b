"""Settings come from the environment: SQLite and eager tasks by default; DATABASE_URL selects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'tz': settings.TIME_ZONE, "
    "'use_tz': settings.USE_TZ}))"
)


def run_settings(extra_env: dict[str, str]) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        **extra_env,
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_environment_means_sqlite_and_eager_tasks():
    result = run_settings({})
    assert result["engine"] == "django.db.backends.sqlite3"
    assert result["name"] == str(BASE_DIR / "db.sqlite3")
    assert result["eager"] is True
    assert result["tz"] == "Europe/London" and result["use_tz"] is True


def test_database_url_selects_the_database():
    result = run_settings({"DATABASE_URL": "postgres://someone@db.example:5432/scrutiny"})
    assert result["engine"] == "django.db.backends.postgresql"
    assert result["name"] == "scrutiny"


def test_broker_url_turns_off_eager_tasks():
    assert run_settings({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"})["eager"] is False


def test_production_settings_pass_the_deploy_check():
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "x7!k2" * 12,
        "ALLOWED_HOSTS": "panel.example.org",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=config.settings.production",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_weak_secret_key():
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "short", "ALLOWED_HOSTS": "x.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=config.settings.production"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr
