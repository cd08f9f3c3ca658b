from __future__ import annotations

from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Scale data and measurements (`make bench`, `make loadtest`): no models, no URLs in the
    site; its commands sit above every app, so they may read and write all of them."""

    name = "bench"
    verbose_name = "Benchmarks"
