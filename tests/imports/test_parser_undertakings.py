"""Actions and undertakings in the seeds (imports.parser.undertakings)."""

from __future__ import annotations

from imports.parser import ParsedDocument


def test_inline_action_repeating_a_resolution_is_flagged(pack_2020: ParsedDocument) -> None:
    item_19 = pack_2020.items[6]
    assert item_19.actions[0].source == "action_line"
    assert item_19.actions[0].duplicates == "1."
    assert item_19.actions[0].lines == [208]
