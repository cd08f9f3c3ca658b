"""The benchmark's own PostgreSQL database: made when absent, made afresh when its data are
too few (scale data are seeded once, so a bigger volume needs an empty database)."""

from __future__ import annotations

import psycopg
from django.db import connection
from psycopg import sql


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    """A connection to the server's maintenance database, as the configured user."""
    settings = connection.settings_dict
    params = {
        "host": settings["HOST"],
        "port": settings["PORT"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }
    return psycopg.connect(
        dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}
    )


def database_ensure(*, fresh: bool = False) -> bool:
    """Create the configured PostgreSQL database if it is absent (`fresh`: drop it first).
    Returns whether it was created."""
    name = connection.settings_dict["NAME"]
    connection.close()
    with _admin() as admin:
        if fresh:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True
