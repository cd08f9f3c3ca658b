"""Role-aware navigation. Each app lists its own entries in `<app>/navigation.py` as `ITEMS`.

Found through core.discovery, in INSTALLED_APPS order (lowest layer first); an entry that
belongs among a lower app's names the one it goes before. Core's own entries come last.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from core.discovery import app_modules
from core.permissions import Predicate, can_administer
from core.types import Actor


def _everyone(user: Actor) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Predicate = _everyone
    # The url_name of a lower app's entry that this one goes just before; None: after them all.
    before: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _signed_in(user: Actor) -> bool:
    return user.is_authenticated


CORE_ITEMS = (
    NavItem("Notifications", "core:notifications", _signed_in),
    NavItem("Administration", "admin:index", can_administer),
)


def _all_items() -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for module in app_modules("navigation"):
        if module.__name__ == __name__:  # this module: core's entries go last
            continue
        for item in module.ITEMS:
            names = [entry.url_name for entry in items]
            items.insert(names.index(item.before) if item.before in names else len(items), item)
    return (*items, *CORE_ITEMS)


def nav_for(user: Actor, path: str) -> list[dict[str, object]]:
    entries = []
    for item in _all_items():
        if item.allowed(user):
            url = item.url
            entries.append({"label": item.label, "url": url, "active": path.startswith(url)})
    return entries
