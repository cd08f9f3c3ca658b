"""Demo data for the meetings app, read from the readable fixture files in `demo_data/`.

Every record is found by its natural key before it is created, so loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.models import User

from meetings.models import Body, Membership, Organisation, Person

DATA_DIR = Path(__file__).resolve().parent / "demo_data"


def read_fixture(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def directory_load(data: dict[str, Any]) -> None:
    organisations = {}
    for row in data.get("organisation", []):
        organisations[row["slug"]], _ = Organisation.objects.get_or_create(
            slug=row["slug"],
            defaults={k: row[k] for k in ("name", "kind", "trading_as") if k in row},
        )
    bodies: dict[str, Body] = {}
    for row in data.get("body", []):
        bodies[row["slug"]], _ = Body.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "parent": bodies.get(row.get("parent", "")),
                "organisation": organisations.get(row.get("organisation", "")),
                "description": row.get("description", ""),
                "reference_prefix": row.get("reference_prefix", ""),
            },
        )
    people: dict[str, Person] = {}
    fields = (
        "display_name",
        "honorific",
        "given_name",
        "family_name",
        "post_nominals",
        "email",
        "phone",
        "aliases",
    )
    for row in data.get("person", []):
        defaults = {k: row[k] for k in fields if k in row}
        if "user" in row:
            defaults["user"] = User.objects.filter(username=row["user"]).first()
        people[row["slug"]], _ = Person.objects.get_or_create(slug=row["slug"], defaults=defaults)
    for row in data.get("membership", []):
        for slug in row.get("people", [row.get("person")]):
            Membership.objects.get_or_create(
                person=people[slug],
                body=bodies[row["body"]],
                role=row["role"],
                start_date=_date(row["start"]),
                defaults={
                    "end_date": _date(row.get("end")),
                    "title": row.get("title", ""),
                    "represents": organisations.get(row.get("represents", "")),
                },
            )


def load(*, stdout: TextIO) -> None:
    directory_load(read_fixture("directory.toml"))
    stdout.write(
        f"Directory: {Body.objects.count()} bodies, {Person.objects.count()} people, "
        f"{Membership.objects.count()} memberships.\n"
    )
