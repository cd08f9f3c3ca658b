from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Connects the sign-in audit receivers and registers the two-factor roles check.
        from core import signin  # noqa: F401
