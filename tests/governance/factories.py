"""Factories for the board's records; the meetings factories supply its meetings and items."""

from __future__ import annotations

import factory

from governance.models import BoardItem
from tests.meetings.factories import AgendaItemFactory


class BoardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardItem
        skip_postgeneration_save = True

    agenda_item = factory.SubFactory(AgendaItemFactory)


def board_item(*, meeting, number: str, title: str, **sections):
    """An agenda item of a board meeting with its sections (overview, force_update…)."""
    item = AgendaItemFactory(meeting=meeting, number=number, title=title)
    BoardItemFactory(agenda_item=item, **sections)
    return item
