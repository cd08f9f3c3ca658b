"""Whatever the text, the parser returns a result and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.parser import as_json, parse

FRAGMENTS = [
    "Minutes of a meeting of the Panel held at Hall on Monday, 2 June 2025.",
    "PRESENT",
    "In attendance",
    "Apologies:",
    "Cllr. A (in the Chair)",
    "A – B C – D",
    "AGENDA",
    "12. Title",
    "13.",
    "14 Title (Agenda item 3) PDF 12 KB",
    "RESOLVED:",
    "UNANIMOUSLY RESOLVED –",
    "Resolved: That",
    "(a) That the PCC be requested to",
    "- (i) The PCC agreed to this request.",
    "2.1.1That the minutes",
    "• bullet",
    "Action: to",
    "1.40pm X left the meeting.",
    "2.00 - 2.57 pm",
    "99 - 1 pm",
    "CHAIRMAN",
    "(Pages 3 - 1)",
    "Item 3",
    "",
    "\t",
    "\f",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    as_json(parse(text))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60))
def test_minute_like_fragments_never_raise(lines: list[str]) -> None:
    document = parse("\n".join(lines))
    data = as_json(document)
    assert isinstance(data["warnings"], list)
    for item in document.items:
        for clause in item.resolutions:
            assert clause.addressee in (None, "PCC", "OPCC", "Chief Constable", "panel")
            assert clause.trackable or clause.addressee is None
