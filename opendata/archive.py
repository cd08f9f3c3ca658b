"""Writing the bulk download: a ZIP of one CSV per dataset, the data dictionary and a README.

The bytes depend only on the public records (and the code): every member carries the same
fixed time (1980-01-01, the earliest a ZIP holds, as reproducible builds do) rather than the time
of the build or of the latest change, so that rebuilding unchanged public data gives the same
SHA-256 and so the same ETag, and so that nothing in the download tells when a record the public
may not see was changed.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
import zipfile
from collections.abc import Iterable
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet

from core import csv
from core.models import Panel
from opendata.columns import TYPES, Dataset
from opendata.datasets import DATASETS, DICTIONARY_HEADER, dictionary_rows

DICTIONARY = "data-dictionary.csv"
README = "README.txt"
ROWS_PER_FETCH = 2000
# Every member's time (see above).
STAMP = (1980, 1, 1, 0, 0, 0)


def dictionary_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(DICTIONARY_HEADER)
    writer.writerows(dictionary_rows())
    return buffer.getvalue()


# What the exports are built to: a change of any file, column or meaning changes it, and so
# the state every export was built from (`opendata.selectors.source_states`).
SCHEMA = hashlib.sha256(dictionary_csv().encode()).hexdigest()


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16  # a plain readable file when unpacked
    return info


def _records(dataset: Dataset, panel: Panel | None) -> Iterable[Any]:
    rows = dataset.rows(panel)
    # Fetched in batches, so that a national export does not hold every row in memory.
    return rows.iterator(chunk_size=ROWS_PER_FETCH) if isinstance(rows, QuerySet) else rows


def _csv_write(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, dataset: Dataset, panel: Panel | None
) -> int:
    rows = 0
    with io.TextIOWrapper(archive.open(info, "w"), encoding="utf-8", newline="") as member:
        writer = csv.writer(member)
        writer.writerow(dataset.header)
        for record in _records(dataset, panel):
            writer.writerow([column.cell(record) for column in dataset.columns])
            rows += 1
    return rows


def archive_write(target: IO[bytes], *, panel: Panel | None) -> dict[str, int]:
    """Write the download of `panel` (None: every panel) to `target`; returns rows per file.
    One query per file, however many rows."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w") as archive:
        for dataset in DATASETS:
            counts[dataset.filename] = _csv_write(
                archive, _member(dataset.filename), dataset, panel
            )
        archive.writestr(_member(DICTIONARY), dictionary_csv())
        archive.writestr(_member(README), readme(panel=panel, counts=counts))
    return counts


def _wrapped(text: str, indent: str = "") -> str:
    return textwrap.fill(text, width=78, initial_indent=indent, subsequent_indent=indent)


def readme(*, panel: Panel | None, counts: dict[str, int]) -> str:
    scope = panel.name if panel is not None else "every panel (the national download)"
    title = f"Open data: {scope}"
    lines = [
        title,
        "=" * len(title),
        "",
        _wrapped(
            f"The public records of {scope}, from {settings.PRODUCT_NAME}, as one CSV file per "
            "kind of record. Only what the public pages show is here: nothing from meetings in "
            "private session or not yet published, no exempt or withdrawn papers, no draft "
            "minutes or responses, nothing redacted, no private tracked items."
        ),
        "",
        _wrapped(
            "The download is rebuilt within minutes of a change to the public records; the "
            "page it came from says when this copy was built."
        ),
        "",
        "Files",
        "-----",
        "",
    ]
    for dataset in DATASETS:
        lines.append(f"{dataset.filename} ({counts.get(dataset.filename, 0)} rows)")
        lines.append(_wrapped(dataset.description, "    "))
    lines += [
        f"{DICTIONARY}",
        _wrapped("Every column of every file: its name, type and meaning.", "    "),
        "",
        "Conventions",
        "-----------",
        "",
        _wrapped(
            "UTF-8, comma-separated, with a header row. Every file begins with the panel's code "
            "and the record's id; a column ending _id holds the id of a record in the file its "
            "description names. An empty cell means no value. Text that a spreadsheet would "
            "run as a formula (beginning = + - or @) is written after an apostrophe."
        ),
        "",
        "Types:",
        *(_wrapped(f"{name}: {meaning}", "    ") for name, meaning in TYPES.items()),
        "",
    ]
    return "\n".join(lines)
