"""Choosing the panel: by host name for a request; once per panel for scheduled work. (Queued
work runs in the panel its outbox row names: core.outbox.)

The host map (every `PanelHost` with its panel, a few hundred rows nationally) is held in each
process and read again after `HOST_MAP_TTL` or when a panel or host is saved here, so that a
request costs no query to find its panel; another process sees a change within the TTL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase

from core.models import Panel, PanelHost
from core.tenancy import current_panel_or_none, panel_scope

HOST_MAP_TTL = 60.0
T = TypeVar("T")

_lock = threading.Lock()
_map: dict[str, Panel] = {}
_first_host: dict[int, str] = {}
_default: list[Panel | None] = [None]
_loaded_at: list[float] = [0.0]


def panel_hosts_forget(**_: Any) -> None:
    """Drop the host map (a panel or host was saved, or a test starts afresh)."""
    with _lock:
        _loaded_at[0] = 0.0


post_save.connect(panel_hosts_forget, sender=Panel, dispatch_uid="panel_hosts_forget_panel")
post_save.connect(panel_hosts_forget, sender=PanelHost, dispatch_uid="panel_hosts_forget_host")
post_delete.connect(panel_hosts_forget, sender=PanelHost, dispatch_uid="panel_hosts_forget_del")


def _load() -> None:
    panels = {panel.pk: panel for panel in Panel.objects.all()}
    rows = list(PanelHost.objects.order_by("-position", "-id"))
    _map.clear()
    _map.update({host.name: panels[host.panel_id] for host in rows})
    _first_host.clear()
    _first_host.update({host.panel_id: host.name for host in rows})  # the last write is first
    _default[0] = next((panel for panel in panels.values() if panel.is_default), None)
    _loaded_at[0] = time.monotonic()


def _fresh() -> None:
    if time.monotonic() - _loaded_at[0] > HOST_MAP_TTL or not _loaded_at[0]:
        _load()


def panel_for_host(host: str) -> Panel | None:
    """The panel that claims `host` (port ignored), else the default panel, else None."""
    name = host.rsplit(":", 1)[0].lower() if not host.startswith("[") else host
    with _lock:
        _fresh()
        return _map.get(name, _default[0])


def panel_home_url(panel: Panel, *, scheme: str | None = None, port: str | None = None) -> str:
    """The panel's own site: its first host name, with the scheme and port given (those the
    reader came on; "" for no port), else those of the settings.

    Reads the host map, so that it costs no query (a page listing every panel, an export)."""
    with _lock:
        _fresh()
        first = _first_host.get(panel.pk)
    if first is None:
        return "/"
    scheme = scheme or settings.PANEL_SITE_SCHEME
    port = settings.PANEL_SITE_PORT if port is None else port
    return f"{scheme}://{first}{':' + port if port else ''}/"


class PanelMiddleware:
    """Sets the panel for the request from its host name; a host no panel claims, with no
    default panel, is answered 404. Streamed bodies run after the view returns, so their
    iteration is put back inside the panel too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        panel = panel_for_host(request.get_host())
        if panel is None:
            raise Http404("No panel is published at this address.")
        request.panel = panel  # type: ignore[attr-defined]  # read through core.types
        with panel_scope(panel):
            response = self.get_response(request)
        if isinstance(response, StreamingHttpResponse):
            chunks = response.streaming_content
            # A synchronous stream (the WSGI server's); an async one would have to be wrapped
            # by an async generator, and the app serves none.
            if isinstance(chunks, Iterator):
                response.streaming_content = _in_panel(panel, chunks)
        return response


def _in_panel(panel: Panel, chunks: Iterable[Any]) -> Iterator[Any]:
    with panel_scope(panel):
        yield from chunks


def each_panel(work: Callable[[Panel], T]) -> list[T]:
    """Run `work` once per panel, inside that panel (scheduled jobs that serve every panel)."""
    results = []
    for panel in Panel.objects.order_by("pk"):
        with panel_scope(panel):
            results.append(work(panel))
    return results


def in_each_panel(work: Callable[[], T]) -> list[T]:
    """Scheduled work serves every panel in turn; run while a panel is active (an eager task
    sent from a request, a test), it serves that panel only."""
    if current_panel_or_none() is not None:
        return [work()]
    return each_panel(lambda _: work())
