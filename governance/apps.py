from __future__ import annotations

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The Corporate Governance Board: the PCC holding the Chief Constable to account."""

    name = "governance"
    verbose_name = "Corporate Governance Board"
