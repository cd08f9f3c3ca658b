from __future__ import annotations

from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "national"
    verbose_name = "National view"
