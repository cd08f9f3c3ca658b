from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.selectors import health_status, notification_list
from core.services import notifications_mark_read

# Each app may contribute a block to the home page; the block loads its own template tags.
HOME_SECTIONS = ("meetings/_home.html", "scrutiny/_home.html", "grants/_home.html")


def _home_sections() -> list[str]:
    sections = []
    for name in HOME_SECTIONS:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        sections.append(name)
    return sections


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"home_sections": _home_sections()})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    status = health_status()
    # 503 only when the database is unreachable: a load balancer should stop sending traffic.
    code = 200 if status["database"]["status"] == "ok" else 503
    return JsonResponse(status, status=code)


@require_GET
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    page = Paginator(notification_list(recipient=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(recipient=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("core:notifications")
