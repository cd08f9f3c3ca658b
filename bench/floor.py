"""The floor a page is measured against: a view behind the same middleware (panel, session,
user) that runs the page's own SQL and writes its rows with a plain string join, and nothing
else. Served only from this URLconf, which `manage.py bench` installs while it measures."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

# The statements each floor runs (SQL and parameters), by key; the benchmark fills it before
# asking for the floor.
STATEMENTS: dict[str, list[tuple[str, Any]]] = {}


@require_GET
def floor(request: HttpRequest, key: str) -> HttpResponse:
    signed_in = request.user.is_authenticated  # the session and user lookup a page makes
    lines = [f"signed in: {signed_in}"]
    with connection.cursor() as cursor:
        for sql, params in STATEMENTS.get(key, []):
            cursor.execute(sql, params)
            lines += ["\t".join(map(str, row)) for row in cursor.fetchall()]
    return HttpResponse("\n".join(lines), content_type="text/plain")


urlpatterns = [path("floor/<str:key>", floor)]
