"""Types every app shares."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

# Whoever makes a request or calls a service: a signed-in user or the anonymous public.
Actor = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """What a `@login_required` view receives, for the type checker: a signed-in user, never
    AnonymousUser (the pattern django-stubs' README gives for such views)."""

    user: User


__all__ = ["Actor", "AuthenticatedHttpRequest"]
