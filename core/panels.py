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

from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from core.models import Panel, PanelHost
from core.tenancy import current_panel_or_none, panel_scope

HOST_MAP_TTL = 60.0
T = TypeVar("T")

_lock = threading.Lock()
_map: dict[str, Panel] = {}
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
    hosts = {host.name: panels[host.panel_id] for host in PanelHost.objects.all()}
    _map.clear()
    _map.update(hosts)
    _default[0] = next((panel for panel in panels.values() if panel.is_default), None)
    _loaded_at[0] = time.monotonic()


def panel_for_host(host: str) -> Panel | None:
    """The panel that claims `host` (port ignored), else the default panel, else None."""
    name = host.rsplit(":", 1)[0].lower() if not host.startswith("[") else host
    with _lock:
        if time.monotonic() - _loaded_at[0] > HOST_MAP_TTL or not _loaded_at[0]:
            _load()
        return _map.get(name, _default[0])


def panel_home_url(panel: Panel, *, scheme: str = "https", port: str | None = None) -> str:
    """The panel's own site: its first host name (with the scheme and port this request came on).

    Reads `panel.hosts` as prefetched when it is, so that a page listing every panel (the
    national view) costs no query per panel."""
    hosts = sorted(panel.hosts.all(), key=lambda host: (host.position, host.pk))
    if not hosts:
        return "/"
    return f"{scheme}://{hosts[0].name}{':' + port if port else ''}/"


class PanelMiddleware:
    """Sets the panel for the request from its host name; a host no panel claims, with no
    default panel, is answered 404. Streamed bodies run after the view returns, so their
    iteration is put back inside the panel too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        panel = panel_for_host(request.get_host())
        if panel is None:
            raise Http404("No panel is published at this address.")
        request.panel = panel  # type: ignore[attr-defined]  # read through core.types
        with panel_scope(panel):
            response = self.get_response(request)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _in_panel(panel, response.streaming_content)
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
