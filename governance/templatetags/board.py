"""The board's sections of an agenda item, on the meetings app's agenda (`{% load board %}`).

The meetings pages show a board meeting's agenda, but the sections are the governance app's:
this tag adds them, so that meetings needs nothing from governance. Which sections the reader
may see is `governance.selectors.sections_for`'s decision, for the signed-in reader of the page;
a PDF (`pdf` in the context, or no request) is always the public's.
"""

from __future__ import annotations

from typing import Any

from django import template

from core import visibility
from core.visibility import Reader
from governance.selectors import NO_SECTIONS, Sections, sections_by_item
from meetings.models import AgendaItem

register = template.Library()


def _reader(context: template.Context) -> Reader:
    request = context.get("request")
    if request is None or context.get("pdf"):
        return visibility.PUBLIC
    return visibility.reader_for(request.user)


@register.inclusion_tag("governance/_agenda_item_sections.html", takes_context=True)
def board_sections(context: template.Context, item: AgendaItem) -> dict[str, Any]:
    """The item's overview, Force update and PCC response, or that it is redacted. The
    meeting's board items are read once per rendering of its agenda."""
    key = f"board_sections:{item.meeting_id}"
    found: dict[int, Sections] | None = context.render_context.get(key)
    if found is None:
        found = sections_by_item(meeting_id=item.meeting_id, reader=_reader(context))
        context.render_context[key] = found
    return {"sections": found.get(item.pk, NO_SECTIONS)}
