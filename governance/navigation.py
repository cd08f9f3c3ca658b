from __future__ import annotations

from core.navigation import NavItem
from core.permissions import can_manage_cgb

# Among the tracker's entries, where officers have always found it: before Timeliness.
ITEMS = (
    NavItem(
        "Governance Board",
        "governance:cgb-dashboard",
        can_manage_cgb,
        before="scrutiny:timeliness",
    ),
)
