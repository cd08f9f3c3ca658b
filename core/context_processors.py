from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from core.branding import branding_of
from core.models import Panel
from core.navigation import nav_for
from core.permissions import roles_of
from core.tenancy import current_panel_or_none


def panel_layout(panel: Panel | None) -> dict[str, Any]:
    """What every page's layout says of the panel whose site it is. No panel resolves only on
    the error page of a host no panel claims: the layout then names the product alone."""
    return {
        "product_name": settings.PRODUCT_NAME,
        "panel": panel,
        "panel_name": panel.name if panel else settings.PRODUCT_NAME,
        "panel_branding": branding_of(panel),
    }


def layout(request: HttpRequest) -> dict[str, Any]:
    # A host no panel claims is refused before sign-in runs: its 404 page has no user yet.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        **panel_layout(getattr(request, "panel", None) or current_panel_or_none()),
        "nav_items": nav_for(user, request.path),
        "user_roles": sorted(roles_of(user)),
    }
