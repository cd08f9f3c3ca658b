from __future__ import annotations

from core.navigation import NavItem
from core.permissions import can_read_internal

ITEMS = (
    NavItem("Grants", "grants:award-register"),
    NavItem("Funds and rounds", "grants:fund-list", can_read_internal),
)
