"""The one CSV writer: text that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv as stdlib_csv
import io
from decimal import Decimal

import pytest

from core import csv


def written(row: list[object]) -> list[str]:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    return next(stdlib_csv.reader(io.StringIO(buffer.getvalue())))


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x.test","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1"],
)
def test_text_that_would_start_a_formula_is_written_with_a_leading_quote(value):
    assert written([value]) == [f"'{value}"]


@pytest.mark.parametrize("value", ["Age UK Leicestershire", "a=b", "1000.00", "", "'quoted"])
def test_other_text_is_written_as_it_is(value):
    assert written([value]) == [value]


def test_numbers_are_written_as_numbers_even_when_negative():
    assert written([-5, Decimal("-12.50"), -1.5, None]) == ["-5", "-12.50", "-1.5", ""]


def test_writerows_neutralises_every_row():
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["=a", "b"], ["c", "+d"]])
    rows = list(stdlib_csv.reader(io.StringIO(buffer.getvalue())))
    assert rows == [["'=a", "b"], ["c", "'+d"]]
