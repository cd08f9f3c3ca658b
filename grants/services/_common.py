"""What the grants services share."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify


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
