"""Every URL the resolver knows (tests/core/urlcatalogue.py), asked for by the public on a first
visit: no cookie is set and nothing varies on one, so any page may be kept by a shared cache;
the public pages (PUBLIC_CACHE_VIEWS) come with their validators."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.core.test_leak_matrix import HTMX, every_url, world  # noqa: F401  (the module's world)

pytestmark = pytest.mark.django_db
# Pages with a form the public posts: these carry the CSRF token, and so set its cookie (and
# vary on Cookie, as the CSRF middleware says).
POST_FORMS = frozenset({"login"})
PUBLIC_VIEWS = frozenset(settings.PUBLIC_CACHE_VIEWS + settings.PUBLIC_CACHE_NATIONAL_VIEWS)


def test_no_anonymous_get_sets_a_cookie_or_varies_on_one(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    problems: list[str] = []
    kept: set[str] = set()
    for name, url in every_url(world):
        for htmx in (False, True):
            response = client.get(url, **(HTMX if htmx else {}))
            client.cookies.clear()  # every request is a first visit
            if name in POST_FORMS:
                assert "csrftoken" in response.cookies  # and so it varies on Cookie
                continue
            where = f"{'htmx ' if htmx else ''}GET {url} ({name}, {response.status_code})"
            if response.cookies:
                problems.append(f"{where} sets {sorted(response.cookies)}")
            vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
            if "cookie" in vary:
                problems.append(f"{where} varies on Cookie")
            if name in PUBLIC_VIEWS and response.status_code == 200:
                if "ETag" not in response or "public" not in response.get("Cache-Control", ""):
                    problems.append(f"{where} is a public page without its validators")
                kept.add(name)
    assert not problems, "\n".join(problems)
    assert kept == PUBLIC_VIEWS, f"never answered 200: {sorted(PUBLIC_VIEWS - kept)}"
