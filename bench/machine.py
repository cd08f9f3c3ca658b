"""What the figures were measured on: CPU, cores, database and Python."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from django.db import connection


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or platform.machine()
    for line in lines:
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return platform.machine()


def database_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def machine() -> dict[str, str | int | None]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "database": database_version(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
