"""The tracker's items on the meetings app's pages.

The meeting and decision pages show, under each resolution, the items raised from it and the
responses the reader may read. Meetings imports nothing above it, so its templates load this
library instead: one query for all the resolutions of a page, as the reader may see them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from core import visibility
from core.visibility import Reader
from scrutiny.models import TrackedItem
from scrutiny.selectors import items_for_resolutions

register = template.Library()


def _reader(context: template.Context) -> Reader:
    request = context.get("request")
    return visibility.reader_for(request.user) if request is not None else visibility.PUBLIC


@register.simple_tag(takes_context=True)
def tracked_items_of_minutes(
    context: template.Context, minutes: Iterable[Any]
) -> dict[int, list[TrackedItem]]:
    """`{% tracked_items_of_minutes minutes as tracked %}`: the items of every resolution of the
    minutes the reader may read (an exempt minute's are not looked up), by resolution id."""
    ids = [r.pk for m in minutes if not m.content_hidden for r in m.resolutions.all()]
    return items_for_resolutions(ids, reader=_reader(context)) if ids else {}


@register.simple_tag(takes_context=True)
def tracked_items_of_resolution(context: template.Context, resolution: Any) -> list[TrackedItem]:
    """`{% tracked_items_of_resolution resolution as items %}`: one resolution's items."""
    found = items_for_resolutions([resolution.pk], reader=_reader(context))
    return found.get(resolution.pk, [])


@register.filter
def items_of(tracked: Any, resolution: Any) -> list[TrackedItem]:
    """`tracked|items_of:resolution`: one resolution's items from the minutes' lookup."""
    return tracked.get(resolution.pk, []) if isinstance(tracked, dict) else []
