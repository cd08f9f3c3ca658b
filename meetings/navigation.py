from __future__ import annotations

from core.navigation import NavItem
from core.permissions import can_manage_meetings

ITEMS = (
    NavItem("Meetings", "meetings:meeting-list"),
    NavItem("Decisions", "meetings:decision-list"),
    NavItem("Manage meetings", "meetings:manage-meeting-list", can_manage_meetings),
)
