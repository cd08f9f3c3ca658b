"""Role-aware navigation. Each app lists its own entries in `<app>/navigation.py` as `ITEMS`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse

from core.permissions import AnyUser, Predicate, can_administer

NAV_APPS = ("meetings", "scrutiny", "grants")


def _everyone(user: AnyUser) -> bool:
    return True


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Predicate = _everyone

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def _signed_in(user: AnyUser) -> bool:
    return user.is_authenticated


CORE_ITEMS = (
    NavItem("Notifications", "core:notifications", _signed_in),
    NavItem("Administration", "admin:index", can_administer),
)


def _all_items() -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for app in NAV_APPS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.navigation":
                raise
            continue
        items.extend(module.ITEMS)
    return (*items, *CORE_ITEMS)


def nav_for(user: AnyUser, path: str) -> list[dict[str, object]]:
    entries = []
    for item in _all_items():
        if item.allowed(user):
            url = item.url
            entries.append({"label": item.label, "url": url, "active": path.startswith(url)})
    return entries
