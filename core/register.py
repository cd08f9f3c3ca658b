"""The national register of panels: every Police and Crime Panel of England and Wales, as data
(core/data/panels.csv), read here and loaded into `Panel` rows by `core.services`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REGISTER_FILE = Path(__file__).resolve().parent / "data" / "panels.csv"
DEV_HOST_SUFFIX = ".localhost"


@dataclass(frozen=True)
class RegisteredPanel:
    slug: str
    name: str
    short_name: str
    police_area: str
    host_authority: str
    kind: str
    commissioner_title: str

    @property
    def dev_host(self) -> str:
        """The host a development machine reaches the panel on (*.localhost needs no DNS)."""
        return f"{self.slug}{DEV_HOST_SUFFIX}"


def register_read(path: Path = REGISTER_FILE) -> list[RegisteredPanel]:
    """The register's panels in file order; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [RegisteredPanel(**row) for row in rows]
