"""The JSON shape of a parse of the seeds (`as_json`, imports.parser.document)."""

from __future__ import annotations

import pytest

from imports.parser import ParsedDocument, as_json


def test_json_shape_for_29c(pack_2024: ParsedDocument) -> None:
    data = as_json(pack_2024)
    item = next(i for i in data["items"] if i["number"] == "29")
    assert item["resolutions"][2] == {
        "label": "(c)",
        "text": "That the PCC be requested to submit a written response addressing the comments "
        "made by the Panel relating to the draft Police and Crime Plan for 2025 to 2029.",
        "kind": "request_response",
        "trackable": True,
        "addressee": "PCC",
    }
    assert data["meeting"] == {
        "body": "Leicester, Leicestershire and Rutland Police and Crime Panel",
        "date": "2024-10-28",
        "start_time": "14:00",
        "end_time": "14:57",
        "venue": "County Hall, Glenfield",
    }


@pytest.mark.parametrize(
    ("number", "label"),
    [("28", None), ("33", None)],
)
def test_unlabelled_clauses_have_null_label_in_json(
    pack_2024: ParsedDocument, number: str, label: str | None
) -> None:
    item = next(i for i in as_json(pack_2024)["items"] if i["number"] == number)
    assert item["resolutions"][0]["label"] is label
