"""Every view of the apps declares the methods it serves and leaves transactions to services."""

from __future__ import annotations

import inspect
import re

from django.urls import URLPattern, URLResolver, get_resolver

APPS = (
    "core",
    "meetings",
    "scrutiny",
    "governance",
    "grants",
    "imports",
    "national",
    "opendata",
    "api",
)
METHODS = re.compile(r"^@(require_GET|require_POST|require_safe|require_http_methods)\b", re.M)


def _views(resolver: URLResolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern)
        elif isinstance(pattern, URLPattern):
            view = inspect.unwrap(pattern.callback)
            # A class-based view (the open data API's) serves only the methods it has handlers
            # for; tests/api checks that those are GET, HEAD and OPTIONS.
            if hasattr(view, "view_class"):
                continue
            if inspect.isfunction(view) and view.__module__.split(".")[0] in APPS:
                yield pattern.name, view


def test_the_apps_have_function_views():
    assert len({view for _, view in _views(get_resolver())}) > 80


def test_every_view_declares_its_methods():
    undeclared = sorted(
        f"{view.__module__}.{view.__name__}"
        for _, view in _views(get_resolver())
        if not METHODS.search(inspect.getsource(view))
    )
    assert undeclared == []


def test_no_view_opens_a_transaction():
    opening = sorted(
        f"{view.__module__}.{view.__name__}"
        for _, view in _views(get_resolver())
        if "atomic" in inspect.getsource(view)
    )
    assert opening == []


def _undeclared(request):
    return None


def test_the_check_sees_a_view_without_methods():
    assert METHODS.search(inspect.getsource(_undeclared)) is None
