from __future__ import annotations

from core.navigation import NavItem

# Public, after the panel's own entries: every panel's figures side by side.
ITEMS = (NavItem("National view", "national:panels"),)
