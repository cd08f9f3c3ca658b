from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import etag, require_GET, require_POST

from core.branding import branding_of, stylesheet
from core.discovery import app_templates
from core.downloads import FILE_SANDBOX_POLICY
from core.pagination import seek_page
from core.selectors import health_status, notification_list
from core.services import notifications_mark_read
from core.tenancy import current_panel
from core.types import AuthenticatedHttpRequest

# The stylesheet and the logo change rarely; the link to the stylesheet carries its version, so
# a change shows on the next page even where an old copy is cached.
BRANDING_MAX_AGE = 3600
LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}
LOGO_TYPES[".jpeg"] = LOGO_TYPES[".jpg"]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # Each app may contribute a block, `<app>/_home.html`, which loads its own template tags.
    return render(request, "core/home.html", {"home_sections": app_templates("_home.html")})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    status = health_status()
    # 503 only when the database is unreachable: a load balancer should stop sending traffic.
    code = 200 if status["database"]["status"] == "ok" else 503
    return JsonResponse(status, status=code)


@require_GET
@login_required
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = seek_page(notification_list(recipient=request.user), request.GET.get("page"), 50)
    return render(request, "core/notifications.html", {"page": page})


@require_POST
@login_required
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = notifications_mark_read(recipient=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("core:notifications")


def _stylesheet_etag(request: HttpRequest) -> str:
    return branding_of(current_panel()).version


@require_GET
@etag(_stylesheet_etag)
def panel_css(request: HttpRequest) -> HttpResponse:
    """The current panel's colours (core.branding), as a stylesheet the CSP allows."""
    css = stylesheet(branding_of(current_panel()))
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={BRANDING_MAX_AGE}"
    return response


def _logo_etag(request: HttpRequest) -> str | None:
    panel = current_panel()
    if not panel.logo:
        return None
    return hashlib.sha256(f"{panel.logo.name} {panel.updated_at}".encode()).hexdigest()[:16]


@require_GET
@etag(_logo_etag)
def panel_logo(request: HttpRequest) -> FileResponse:
    """The current panel's logo, shown in its header; 404 for a panel without one. Sent with
    the sandbox policy of every stored file, so an SVG opened on its own runs nothing."""
    panel = current_panel()
    content_type = LOGO_TYPES.get(PurePath(panel.logo.name or "").suffix.lower())
    if content_type is None:
        raise Http404("This panel has no logo.")
    response = FileResponse(panel.logo.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_SANDBOX_POLICY
    response["Cache-Control"] = f"public, max-age={BRANDING_MAX_AGE}"
    return response
