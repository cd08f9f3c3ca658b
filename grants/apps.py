from __future__ import annotations

from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "grants"

    def ready(self) -> None:
        # Imported here, not at the top: views import models, which cannot load before the app
        # registry is ready. The tracker (below grants) hands `?grant_award=` to this page.
        from grants.views.questions import AWARD_PARAMETER, question_create
        from scrutiny.raise_views import raise_from_register

        raise_from_register(AWARD_PARAMETER, question_create)
