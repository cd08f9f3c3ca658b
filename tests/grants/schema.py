"""Validate against the 360Giving 1.4.3 package schema, resolving $refs from local copies."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
GRANT_URLS = (
    # The package schema's items.$ref still names the 1.4.2 file; the grant schema's $id is 1.4.3.
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
)


# jsonschema checks "date-time" only when rfc3339-validator is installed, and it is not a
# dependency here. Without an assertion the schema's oneOf [date-time, YYYY-MM-DD pattern] matches
# a plain date twice and fails, so the check is supplied: RFC 3339 needs a date, "T", a time and
# an offset. (360Giving's own validator asserts formats too.)
FORMATS = FormatChecker()
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time")
def is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def package_validator() -> Draft202012Validator:
    package = json.loads((SCHEMA_DIR / "360-giving-package-schema.json").read_text())
    # Both files declare "$schema": "http://…/draft/2020-12/schema" (http, not the canonical
    # https), which `referencing` does not recognise, so the dialect is given explicitly.
    grant = DRAFT202012.create_resource(
        json.loads((SCHEMA_DIR / "360-giving-schema.json").read_text())
    )
    registry = Registry().with_resources((url, grant) for url in GRANT_URLS)
    return Draft202012Validator(package, registry=registry, format_checker=FORMATS)


def schema_errors(data: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in package_validator().iter_errors(data)
    ]
