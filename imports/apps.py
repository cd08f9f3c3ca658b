from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Importing minutes from a file: the parser, the readers, import jobs and their screens."""

    name = "imports"
