from __future__ import annotations

from core.navigation import NavItem
from core.permissions import can_read_internal, can_respond

ITEMS = (
    NavItem("Tracker", "scrutiny:item-list", can_read_internal),
    NavItem("Assigned to us", "scrutiny:item-assigned", can_respond),
    NavItem("Timeliness", "scrutiny:timeliness"),
)
