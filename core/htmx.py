"""htmx requests: when a view answers with a fragment rather than the whole page."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


def wants_partial(request: HttpRequest) -> bool:
    """An htmx swap wants the fragment; a boosted navigation or a plain request the whole page."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.boosted
