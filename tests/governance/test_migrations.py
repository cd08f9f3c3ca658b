"""governance 0001 and meetings 0005: the board's sections move off AgendaItem to BoardItem, with
their history, and back again when the migrations are reversed. Nothing is lost either way."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("meetings", "0004_import_job"), ("governance", None)]
SECTIONS = {
    "overview": "The Chief Officer Team bring a summary.",
    "force_update": "Operation Kestrel.",
    "pcc_response": "The PCC thanked the Force.",
    "redacted": True,
    "redaction_reason": "Operationally sensitive.",
}
WHEN = datetime.datetime(2024, 9, 20, 10, 0, tzinfo=datetime.UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_the_sections_move_to_board_items_with_their_history_and_back():
    after = _leaves()
    try:
        old = _migrate(BEFORE)
        body = old.get_model("meetings", "Body").objects.create(
            slug="cgb", name="Corporate Governance Board", kind="board"
        )
        meeting = old.get_model("meetings", "Meeting").objects.create(
            body=body, date=datetime.date(2024, 9, 18), session="private"
        )
        AgendaItem = old.get_model("meetings", "AgendaItem")
        item = AgendaItem.objects.create(meeting=meeting, position=1, number="3", **SECTIONS)
        plain = AgendaItem.objects.create(meeting=meeting, position=2, number="4", title="Plain")
        old.get_model("meetings", "HistoricalAgendaItem").objects.create(
            id=item.pk,
            meeting_id=meeting.pk,
            position=1,
            number="3",
            title="",
            created_at=WHEN,
            updated_at=WHEN,
            history_date=WHEN,
            history_type="+",
            **SECTIONS,
        )

        new = _migrate(after)
        board_item = new.get_model("governance", "BoardItem").objects.get()
        assert board_item.agenda_item_id == item.pk
        assert {name: getattr(board_item, name) for name in SECTIONS} == SECTIONS
        history = new.get_model("governance", "HistoricalBoardItem").objects.get()
        assert (history.id, history.history_date, history.history_type) == (
            board_item.pk,
            WHEN,
            "+",
        )
        assert history.force_update == SECTIONS["force_update"]
        assert not new.get_model("governance", "BoardItem").objects.filter(agenda_item_id=plain.pk)

        old = _migrate(BEFORE)
        restored = old.get_model("meetings", "AgendaItem").objects.get(pk=item.pk)
        assert {name: getattr(restored, name) for name in SECTIONS} == SECTIONS
        restored_history = old.get_model("meetings", "HistoricalAgendaItem").objects.get()
        assert restored_history.force_update == SECTIONS["force_update"]
    finally:
        _migrate(after)
