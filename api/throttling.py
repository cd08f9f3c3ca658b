"""Rate limits: anonymous clients by address (`API_ANON_RATE`), signed-in readers by account at
the higher `API_USER_RATE`. The rates are read on each request, not when DRF loads, so that a
deployment (or a test) can change them with the setting alone. A client over its rate is
answered 429 with Retry-After (DRF's), in OParl's error object (`api.errors`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousRate(AnonRateThrottle):
    scope = "api_anon"

    def get_rate(self) -> str:
        return str(settings.API_ANON_RATE)


class SignedInRate(UserRateThrottle):
    scope = "api_user"

    def get_rate(self) -> str:
        return str(settings.API_USER_RATE)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        # The anonymous are counted by `AnonymousRate` alone.
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
