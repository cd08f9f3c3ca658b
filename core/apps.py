from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # signin connects the sign-in audit receivers and registers the two-factor roles check;
        # panels connects the host map's invalidation.
        from core import panels, signin  # noqa: F401
