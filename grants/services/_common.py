"""What the grants services share."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.text import slugify

from core.types import Actor


def signed_in(actor: Actor) -> User:
    """The user behind `actor`, for a service that records who did it (an assessor's score):
    its permission check has already refused the public, so this only says so to the types."""
    if not isinstance(actor, User):
        raise PermissionDenied
    return actor


def full_clean_save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


def unique_slug(model: type[models.Model], base: str) -> str:
    base = slugify(base)[:180] or "item"
    slug, n = base, 1
    manager: Any = model._default_manager
    while manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
