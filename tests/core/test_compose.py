"""docker-compose.yml is the production shape: it must parse, and use the settings' variables."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE = BASE_DIR / "docker-compose.yml"


def _compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_file_parses_with_docker_compose_config():
    command = _compose_command()
    if command is None:
        pytest.skip(
            "neither `docker compose` nor `docker-compose` is installed (.ci/run installs it)"
        )
    env = {**os.environ, "SECRET_KEY": "k" * 60}
    result = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "-q"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_compose_has_the_production_services_and_one_beat():
    spec = yaml.safe_load(COMPOSE.read_text())
    assert set(spec["services"]) == {"db", "redis", "web", "worker", "beat"}
    assert "gunicorn" in spec["services"]["web"]["command"]
    assert spec["services"]["beat"]["deploy"]["replicas"] == 1


def test_compose_environment_uses_only_variables_the_settings_read():
    spec = yaml.safe_load(COMPOSE.read_text())
    settings_source = "\n".join(
        p.read_text() for p in (BASE_DIR / "config" / "settings").glob("*.py")
    )
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    read.add("DJANGO_SETTINGS_MODULE")
    for name in ("web", "worker", "beat"):
        assert set(spec["services"][name]["environment"]) <= read, name


def test_compose_redis_keeps_the_queue_across_a_restart():
    spec = yaml.safe_load(COMPOSE.read_text())
    redis = spec["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert "--save" not in command or command[command.index("--save") + 1] != ""
    volume, path = redis["volumes"][0].split(":")
    assert path == "/data" and volume in spec["volumes"]
