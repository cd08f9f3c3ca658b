"""The Board's part of an agenda item: the three sections of its report, and their redaction.

A board meeting is a `meetings.Meeting` of the board's `Body` and its items are
`meetings.AgendaItem`s; what only the board records about an item lives here, one row per item
(`agenda_item.board_item`), so that no other agenda carries these columns.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from core.models import BaseModel
from core.tenancy import PanelOwned
from meetings.models import AgendaItem


class BoardItem(PanelOwned, BaseModel):
    """Overview, Force update and PCC response of a board item; `redacted` hides all three
    from everyone who may not read redacted content (core.visibility), who see the reason."""

    panel_parent = "agenda_item"

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="board_item"
    )
    overview = models.TextField(blank=True)
    force_update = models.TextField(blank=True)
    pcc_response = models.TextField(blank=True)
    redacted = models.BooleanField(default=False)
    redaction_reason = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item"]

    def __str__(self) -> str:
        return f"Board item {self.agenda_item}"

    @property
    def has_sections(self) -> bool:
        return bool(self.overview or self.force_update or self.pcc_response)
