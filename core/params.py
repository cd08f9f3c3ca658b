"""Reading query-string values that anyone can type: ids, page numbers and short text.

A value the database cannot take (an id beyond 64 bits, a NUL byte on PostgreSQL) would
otherwise reach the query and end in a server error, so such values are treated as absent.
"""

from __future__ import annotations

# Primary keys are BigAutoField: a larger id names no row, and SQLite cannot even bind it.
MAX_ID = 2**63 - 1
# Nobody pages this deep, and the OFFSET it makes stays within every database's integers.
MAX_PAGE = 1_000_000
# No slug, choice or search term is longer; a longer one is cut rather than sent on.
MAX_TEXT_LENGTH = 200


def query_int(value: object, *, maximum: int = MAX_ID) -> int | None:
    """A positive whole number written in plain digits, or None.

    `int()` alone would accept "+1", "1_0", " 1 " and other scripts' digits, and `isdigit()`
    alone accepts "²", which `int()` then refuses.
    """
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    if len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def query_text(value: object, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """The stripped text, cut to `max_length`; "" when absent or when it holds a NUL byte,
    which PostgreSQL refuses in any string and no real value contains."""
    if not isinstance(value, str) or "\x00" in value:
        return ""
    return value.strip()[:max_length]
