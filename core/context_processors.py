from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.navigation import nav_for
from core.permissions import roles_of


def layout(request: HttpRequest) -> dict[str, Any]:
    return {
        "product_name": settings.PRODUCT_NAME,
        "panel_name": settings.PANEL_NAME,
        "nav_items": nav_for(request.user, request.path),
        "user_roles": sorted(roles_of(request.user)),
    }
