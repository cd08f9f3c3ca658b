"""Import a round's applications from a CSV file, with a dry run.

Columns (header row required, any order, case-insensitive): `organisation`, `project`,
`amount_requested`, and optionally `area`, `reference`, `amount_recommended`.
Amounts may be written as the papers write them: "£9,137.99", "10000", "£ 7,500".

The whole file is checked and imported in one transaction: one bad line and nothing is saved,
and each error names its line number. A dry run does everything and then rolls back, so its
report is exactly what the real import would do.

Organisations are matched by name as `grants.services.organisations` matches them, so a stray
comma or a missing "Ltd" finds the organisation already on record.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from core.permissions import can_manage_grants, ensure_allowed
from core.types import Actor
from grants.models import GrantRound
from grants.services import (
    OrganisationMatcher,
    application_check_amounts,
    application_create,
)

REQUIRED_COLUMNS = ("organisation", "project", "amount_requested")
COLUMN_ALIASES = {
    "organisation name": "organisation",
    "organization": "organisation",
    "project title": "project",
    "sum bid for": "amount_requested",
    "amount": "amount_requested",
    "amount requested": "amount_requested",
    "amount recommended": "amount_recommended",
}
MISSING_COLUMNS = "The file has no {columns} column. The first line must name the columns."
NOT_CSV = "The file is not a readable CSV (UTF-8) file."
EMPTY_FILE = "The file has no applications in it."
LINE_ERROR = "Line {line}: {message}"
AMOUNT_INVALID = "“{value}” is not an amount of money, for example £9,137.99."
AMOUNT_REQUIRED = "the amount requested is missing."
ORGANISATION_REQUIRED = "the organisation is missing."
PROJECT_REQUIRED = "the project title is missing."
DUPLICATE_REFERENCE = "reference {reference} appears more than once."


def money_parse(value: str) -> Decimal:
    """ "£9,137.99" → Decimal("9137.99"). Refuses anything that is not a plain amount."""
    text = value.strip().replace("£", "").replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
        raise ValueError(value)
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # pragma: no cover - the regex already rules this out
        raise ValueError(value) from exc


@dataclass
class ImportLine:
    line: int
    organisation_submitted: str
    organisation: str
    organisation_is_new: bool
    project: str
    amount_requested: Decimal
    area: str


@dataclass
class ImportResult:
    dry_run: bool
    lines: list[ImportLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total_requested(self) -> Decimal:
        return sum((line.amount_requested for line in self.lines), Decimal(0))

    @property
    def new_organisations(self) -> int:
        return len({line.organisation for line in self.lines if line.organisation_is_new})


class _Rollback(Exception):
    pass


def _read(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        return [], []
    header = []
    for cell in rows[0]:
        name = " ".join(cell.strip().casefold().replace("_", " ").split())
        header.append(COLUMN_ALIASES.get(name, name.replace(" ", "_")))
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        records.append((number, dict(zip(header, (cell.strip() for cell in row), strict=False))))
    return header, records


def applications_import(
    *, grant_round: GrantRound, actor: Actor, text: str, dry_run: bool
) -> ImportResult:
    ensure_allowed(can_manage_grants, actor)
    result = ImportResult(dry_run=dry_run)
    try:
        header, records = _read(text)
    except csv.Error:
        result.errors.append(NOT_CSV)
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        result.errors.append(MISSING_COLUMNS.format(columns=", ".join(f"“{c}”" for c in missing)))
        return result
    if not records:
        result.errors.append(EMPTY_FILE)
        return result
    try:
        with transaction.atomic():
            _import_records(grant_round, actor, records, result)
            if dry_run or result.errors:
                raise _Rollback
    except _Rollback:
        pass
    return result


def _import_records(
    grant_round: GrantRound,
    actor: Actor,
    records: list[tuple[int, dict[str, str]]],
    result: ImportResult,
) -> None:
    matcher = OrganisationMatcher()
    seen_references: set[str] = set()
    position = grant_round.applications.count()
    for line, record in records:
        messages: list[str] = []
        name = record.get("organisation", "")
        project = record.get("project", "")
        if not name.strip(",;. "):
            messages.append(ORGANISATION_REQUIRED)
        if not project:
            messages.append(PROJECT_REQUIRED)
        amounts: dict[str, Decimal | None] = {}
        for column in ("amount_requested", "amount_recommended"):
            raw = record.get(column, "")
            if not raw:
                amounts[column] = None
                if column == "amount_requested":
                    messages.append(AMOUNT_REQUIRED)
                continue
            try:
                amounts[column] = money_parse(raw)
            except ValueError:
                messages.append(AMOUNT_INVALID.format(value=raw))
        reference = record.get("reference", "")
        if reference:
            if reference in seen_references:
                messages.append(DUPLICATE_REFERENCE.format(reference=reference))
            seen_references.add(reference)
        requested = amounts.get("amount_requested")
        if requested is not None:
            try:
                application_check_amounts(
                    grant_round=grant_round,
                    amount_requested=requested,
                    amount_recommended=amounts.get("amount_recommended"),
                )
            except ValidationError as error:
                messages.extend(error.messages)
        if messages:
            result.errors.extend(LINE_ERROR.format(line=line, message=m) for m in messages)
            continue
        assert requested is not None
        organisation, is_new = matcher.find_or_create(name)
        position += 1
        try:
            application_create(
                grant_round=grant_round,
                actor=actor,
                organisation=organisation,
                organisation_name_submitted=name,
                project_title=project,
                amount_requested=requested,
                amount_recommended=amounts.get("amount_recommended"),
                area=record.get("area", ""),
                reference=reference,
                position=position,
            )
        except ValidationError as error:
            result.errors.extend(LINE_ERROR.format(line=line, message=m) for m in error.messages)
            continue
        result.lines.append(
            ImportLine(
                line=line,
                organisation_submitted=name,
                organisation=organisation.name,
                organisation_is_new=is_new,
                project=project,
                amount_requested=requested,
                area=record.get("area", ""),
            )
        )
