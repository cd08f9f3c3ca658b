"""The main navigation: each app's entries, found through core.discovery, in a fixed order."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from core.navigation import NavItem, _all_items, nav_for
from core.permissions import ADMINISTRATOR

# The order people have learnt: meetings, then the tracker with the Board among its entries,
# then grants, then the national view, then core's own.
EVERY_ENTRY = [
    "Meetings",
    "Decisions",
    "Manage meetings",
    "Tracker",
    "Assigned to us",
    "Governance Board",
    "Timeliness",
    "Grants",
    "Funds and rounds",
    "National view",
    "Notifications",
    "Administration",
]


@pytest.mark.django_db
def test_an_administrator_sees_every_entry_in_order():
    admin = User.objects.create_user("nav-admin", is_superuser=True, is_staff=True)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    assert [entry["label"] for entry in nav_for(admin, "/")] == EVERY_ENTRY


def test_the_entries_in_order_whoever_may_see_them():
    labels = [item.label for item in _all_items()]
    assert labels == EVERY_ENTRY


def test_an_entry_names_the_entry_it_goes_before(monkeypatch):
    first, second = NavItem("A", "a:a"), NavItem("B", "b:b")
    later = NavItem("Between", "c:c", before="b:b")

    class Module:
        def __init__(self, name: str, items: tuple[NavItem, ...]) -> None:
            self.__name__, self.ITEMS = name, items

    modules = (Module("lower.navigation", (first, second)), Module("upper.navigation", (later,)))
    monkeypatch.setattr("core.navigation.app_modules", lambda name: modules)
    assert [item.label for item in _all_items()][:3] == ["A", "Between", "B"]
