"""Public pages rendered once per change: anonymous readers share one stored rendering.

A public page asked for by someone who sent no session (nor messages) cookie is the same for
every such reader, so the rendered response is kept in Django's cache, keyed by the panel, the
scheme and host, the full path with its query, and whether htmx asked for a fragment. An entry
holds the panel's content version it was rendered under and is used only while that version
holds. The version changes whenever what public pages show may have changed: every domain event
(`core.services.event_record`) and every admin save, at once and again on commit (a reader
rendering between the two stores under the version that commit replaces). PUBLIC_CACHE_SECONDS
bounds how long a page outlives a change made some other way (a page that turns on the date).

Which views are public is said by the composition root (PUBLIC_CACHE_VIEWS, and
PUBLIC_CACHE_NATIONAL_VIEWS for the pages that read every panel, which also follow a national
version that every change moves). Anonymous responses say `Cache-Control: public, max-age=0,
must-revalidate` with an ETag and Last-Modified: a shared cache may keep them but must ask
first, and a conditional request is answered 304. Anything else (a signed-in reader, a reader
with a message waiting, a non-public view) goes to the view as before and, unless the view says
otherwise, is `Cache-Control: private`. A response that sets a cookie, varies on it, or is not
a plain 200 is never stored.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from core.models import Panel
from core.tenancy import current_panel_id

logger = logging.getLogger(__name__)

NATIONAL = "every-panel"  # the scope of the pages that read every panel
VERSION_KEY = "public-cache:version:{scope}"
PAGE_KEY = "public-cache:page:{panel}:{digest}"
# The response headers that say how a page was answered, set afresh on every serve.
VALIDATORS = frozenset({"etag", "last-modified", "cache-control"})
# htmx answers a fragment or the page by these request headers (core.htmx.wants_partial).
VARY = ("HX-Request", "HX-Boosted")
# A request bringing either may be answered differently from the anonymous page.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

Scope = int | str


# --- The version ------------------------------------------------------------------------------


def _new_version() -> str:
    # Never repeats, even after the cache lost the old one: an entry is never taken for current.
    return f"{time.time_ns():x}.{secrets.token_hex(3)}"


def calendars_scope(panel_id: int) -> str:
    """The version the panel's calendars follow: moved only by changes of its meetings, bodies
    and name (meetings.calendars), so that the tracker's daily traffic leaves them kept."""
    return f"calendars:{panel_id}"


def _bump(scopes: Sequence[Scope]) -> None:
    version = _new_version()
    try:
        cache.set_many({VERSION_KEY.format(scope=scope): version for scope in scopes}, timeout=None)
    except Exception:  # the change stands; its pages are stale until PUBLIC_CACHE_SECONDS
        logger.exception("public cache: the version of %s was not changed", scopes)


def public_pages_changed(*, panel_id: int | None) -> None:
    """What the public pages of `panel_id` (None: only the pages of every panel, such as the
    national download) show may have changed: forget their renderings now and on commit."""
    public_scope_changed([NATIONAL] if panel_id is None else [panel_id, NATIONAL])


def public_scope_changed(scopes: Sequence[Scope], *, on_commit: bool = True) -> None:
    """Forget the renderings that follow `scopes`, now and (unless the caller does it itself)
    again on commit."""
    _bump(scopes)
    if on_commit:
        transaction.on_commit(partial(_bump, scopes))


def _versions(scopes: Sequence[Scope], found: dict[str, Any]) -> str:
    versions = []
    for scope in scopes:
        key = VERSION_KEY.format(scope=scope)
        version = found.get(key)
        if version is None:  # never set, or lost: start one (a racing process may win)
            version = _new_version()
            if not cache.add(key, version, timeout=None):
                version = cache.get(key) or version
        versions.append(str(version))
    return "|".join(versions)


# --- Stored renderings -----------------------------------------------------------------------


@dataclass(frozen=True)
class Rendering:
    """A stored response body with the headers it was served with and its validators."""

    content: bytes
    headers: tuple[tuple[str, str], ...]
    version: str
    etag: str
    last_modified: int

    def response(self) -> HttpResponse:
        return HttpResponse(self.content, headers=dict(self.headers))


def _key(request: HttpRequest, name: str) -> str:
    return _host_key(request.scheme or "", request.get_host(), name)


def _host_key(scheme: str, host: str, name: str) -> str:
    digest = hashlib.sha256("\n".join((scheme, host, name)).encode()).hexdigest()
    return PAGE_KEY.format(panel=current_panel_id(), digest=digest)


def _lookup(key: str, scopes: Sequence[Scope]) -> tuple[str, Rendering | None]:
    """The current version of `scopes` and the rendering stored at `key`, if made under it.
    A cache that does not answer serves every page rendered, as if there were none."""
    try:
        found = cache.get_many([key, *(VERSION_KEY.format(scope=scope) for scope in scopes)])
        version = _versions(scopes, found)
    except Exception:
        logger.exception("public cache: not read")
        return _new_version(), None
    stored = found.get(key)
    if isinstance(stored, Rendering) and stored.version == version:
        return version, stored
    return version, None


def _store(
    key: str, version: str, content: bytes, headers: tuple[tuple[str, str], ...]
) -> Rendering:
    etag = hashlib.sha256(f"{version}\n{key}\n".encode() + content).hexdigest()[:32]
    rendering = Rendering(content, headers, version, f'"{etag}"', int(time.time()))
    try:
        cache.set(key, rendering, timeout=settings.PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.exception("public cache: not kept")
    return rendering


def public_rendering(
    request: HttpRequest, *, name: str, scope: Scope, render: Callable[[], bytes]
) -> Rendering:
    """`render()` once per change of `scope`: what is stored for `name` on this host while the
    version of `scope` holds, else rendered now and stored. For output that is the same for
    every reader (the calendars)."""
    key = _key(request, f"rendering:{name}")
    version, stored = _lookup(key, [scope])
    if stored is not None:
        return stored
    return _store(key, version, render(), ())  # the version was read before rendering


def public_rendering_keep(
    *, scheme: str, host: str, name: str, scope: Scope, render: Callable[[], bytes | None]
) -> bool:
    """Render and keep `name` for readers on `scheme://host` ahead of their requests, under the
    key `public_rendering` reads; False if what is kept is current (or `render()` gives None)."""
    key = _host_key(scheme, host, f"rendering:{name}")
    version, stored = _lookup(key, [scope])
    if stored is not None:
        return False
    content = render()
    if content is None:
        return False
    _store(key, version, content, ())
    return True


def public_response(
    request: HttpRequest, response: HttpResponse, rendering: Rendering
) -> HttpResponseBase:
    """`response` (the rendering's) with its validators, for any cache to keep and ask about;
    304 if the reader's copy is current."""
    response["ETag"] = rendering.etag
    response["Last-Modified"] = http_date(rendering.last_modified)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    answered = get_conditional_response(
        request, etag=rendering.etag, last_modified=rendering.last_modified, response=response
    )
    return response if answered is None else answered


# --- The middleware --------------------------------------------------------------------------


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    control = {
        c.strip().split("=")[0].lower()
        for c in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if "cookie" in vary or control & {"private", "no-store", "no-cache"}:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _private(response: HttpResponseBase) -> HttpResponseBase:
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True)
    return response


class PublicCacheMiddleware:
    """Answers an anonymous GET of a public view from its stored rendering (see the module).
    Goes after the panel middleware and before the session: a stored page costs no session,
    sign-in or CSRF work."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.panel_views = frozenset(settings.PUBLIC_CACHE_VIEWS)
        self.national_views = frozenset(settings.PUBLIC_CACHE_NATIONAL_VIEWS)

    def _scopes(self, request: HttpRequest) -> tuple[Scope, ...]:
        """The versions the page follows; none if it is not to be shared."""
        if request.method != "GET" or any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return ()
        try:
            view = resolve(request.path_info).view_name
        except Resolver404:
            return ()
        panel = current_panel_id() or 0
        if view in self.national_views:
            return (panel, NATIONAL)
        return (panel,) if view in self.panel_views else ()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        scopes = self._scopes(request)
        if not scopes:
            return _private(self.get_response(request))
        fragment = request.headers.get("HX-Request") == "true"
        boosted = request.headers.get("HX-Boosted") == "true"
        key = _key(request, f"page:{fragment}:{boosted}:{request.get_full_path()}")
        version, rendering = _lookup(key, scopes)
        if rendering is not None:
            response = rendering.response()
        else:
            answer = self.get_response(request)
            if not isinstance(answer, HttpResponse) or not _storable(request, answer):
                return _private(answer)
            response = answer
            headers = tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in VALIDATORS
            )
            rendering = _store(key, version, response.content, headers)
        patch_vary_headers(response, VARY)
        return public_response(request, response, rendering)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, but a request that brought no session and leaves none is not marked
    `Vary: Cookie`: finding that the reader is anonymous reads the (empty) session, and that
    alone would keep every anonymous page out of shared caches. Such a response is either a
    public page (revalidated on every use, above) or `Cache-Control: private`."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not session.modified
        ):
            session.accessed = False
        result: HttpResponse = super().process_response(request, response)
        return result


# --- Changes made outside the services --------------------------------------------------------


def _admin_saved(**_: Any) -> None:
    # The admin records every addition and change it makes as a LogEntry, in the panel it serves.
    public_pages_changed(panel_id=current_panel_id())


def _panel_saved(instance: Panel, **_: Any) -> None:
    public_pages_changed(panel_id=instance.pk)  # its name, notice and colours are on every page
    public_scope_changed([calendars_scope(instance.pk)])  # its name heads its calendar


post_save.connect(_admin_saved, sender=LogEntry, dispatch_uid="public_cache_admin_saved")
post_save.connect(_panel_saved, sender=Panel, dispatch_uid="public_cache_panel_saved")
