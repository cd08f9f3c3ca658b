"""Reads for the import screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet

from imports.models import ImportBatch, ImportJob
from meetings.models import Body

# The body an upload is for unless the officer chooses another (the command's --body default).
DEFAULT_BODY_SLUG = "pcp"
RECENT_JOBS = 10


def import_job_get(*, pk: int) -> ImportJob | None:
    return ImportJob.objects.select_related("body", "meeting", "created_by").filter(pk=pk).first()


def import_job_list_recent() -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("body", "meeting")[:RECENT_JOBS]


def import_default_body() -> Body | None:
    return Body.objects.filter(slug=DEFAULT_BODY_SLUG).first()


# --- Batches ---------------------------------------------------------------------------------

RECENT_BATCHES = 5


class JSONArrayLength(Func):
    """How many entries the JSON array under `key` of a JSON column holds (0 if none): the
    batch page counts each job's items and warnings in its one query, without loading the
    parse results (with their source lines) of every file."""

    output_field = IntegerField()

    def __init__(self, column: str, key: str) -> None:
        if not key.isidentifier():  # spliced into the SQL below, so a plain name only
            raise ValueError(f"Not a JSON key this can count: {key!r}")
        self.key = key
        super().__init__(F(column))

    # The project runs on SQLite and PostgreSQL, which spell this differently; Django calls
    # the `as_<vendor>` method of the database in use.
    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # SQLite's JSON1 (https://www.sqlite.org/json1.html#jarraylen): NULL when absent.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"COALESCE(json_array_length({sql}, '$.{self.key}'), 0)", list(params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # jsonb_array_length raises on a non-array, so the type is checked first.
        sql, params = compiler.compile(self.source_expressions[0])
        value = f"({sql} -> '{self.key}')"
        return (
            f"(CASE WHEN jsonb_typeof({value}) = 'array' THEN jsonb_array_length({value}) "
            "ELSE 0 END)",
            [*params, *params],
        )


@dataclass(frozen=True)
class BatchRow:
    """One file of a batch: its job, what its parse found, and the pages it was made from."""

    job: ImportJob
    items: int
    warnings: int
    made_from: list[str]

    @property
    def is_ready(self) -> bool:
        """Parsed with no warning: committed by "commit all files without warnings"."""
        return self.job.status == ImportJob.Status.PARSED and not self.warnings


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch has got to, as its page shows it."""

    batch: ImportBatch
    rows: list[BatchRow]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if not r.job.is_running)

    @property
    def is_running(self) -> bool:
        return self.done < self.total

    @property
    def items(self) -> int:
        return sum(r.items for r in self.rows)

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.rows if r.warnings)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.job.is_failed)

    @property
    def committed(self) -> int:
        return sum(1 for r in self.rows if r.job.is_committed)

    @property
    def ready(self) -> int:
        return sum(1 for r in self.rows if r.is_ready)

    @property
    def skipped(self) -> list[dict[str, str]]:
        return list(self.batch.skipped)


def import_batch_get(*, pk: int) -> ImportBatch | None:
    return ImportBatch.objects.select_related("body", "created_by").filter(pk=pk).first()


def import_batch_jobs(*, batch: ImportBatch) -> QuerySet[ImportJob]:
    """The batch's jobs without their parse results, each with `item_count` and
    `warning_count`, in one query."""
    return (
        ImportJob.objects.filter(batch=batch)
        .defer("result")
        .annotate(
            item_count=JSONArrayLength("result", "items"),
            warning_count=JSONArrayLength("result", "warnings"),
        )
        .order_by("filename", "pk")
    )


def import_batch_progress(*, batch: ImportBatch) -> BatchProgress:
    made_from = batch.made_from or {}
    rows = [
        BatchRow(
            job=job,
            items=job.item_count,  # type: ignore[attr-defined]  # annotated above
            warnings=job.warning_count,  # type: ignore[attr-defined]
            made_from=list(made_from.get(str(job.pk), [])),
        )
        for job in import_batch_jobs(batch=batch)
    ]
    return BatchProgress(batch=batch, rows=rows)


def import_batch_ready_jobs(*, batch: ImportBatch) -> list[ImportJob]:
    """The batch's parsed jobs with no warning, for "commit all files without warnings"."""
    parsed = import_batch_jobs(batch=batch).filter(status=ImportJob.Status.PARSED)
    return [job for job in parsed if not job.warning_count]  # type: ignore[attr-defined]


def import_batch_list_recent() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("body")[:RECENT_BATCHES]
