from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.discovery import app_templates
from core.selectors import health_status, notification_list
from core.services import notifications_mark_read
from core.types import AuthenticatedHttpRequest


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
    page = Paginator(notification_list(recipient=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


@require_POST
@login_required
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = notifications_mark_read(recipient=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("core:notifications")
