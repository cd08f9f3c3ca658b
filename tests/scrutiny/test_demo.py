"""The demo tracker after `load_demo`: the requests of 28 October 2024 in realistic states."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from scrutiny.models import TrackedItem

pytestmark = pytest.mark.django_db


def references(client: Client, url: str) -> set[str]:
    return set(re.findall(r"PCP/2024-10-28/\d+\([a-z]+\)", client.get(url).content.decode()))


def test_demo_items_by_status():
    call_command("load_demo", "--force", stdout=StringIO())
    member = Client()
    member.login(username="member", password="demo")
    open_items = references(member, "/actions/?status=open")
    overdue = references(member, "/actions/?status=overdue")
    closed = references(member, "/actions/?status=closed")
    assert {"PCP/2024-10-28/29(c)", "PCP/2024-10-28/32(b)", "PCP/2024-10-28/28(v)"} <= open_items
    assert "PCP/2024-10-28/31(iii)" in overdue
    for answered in ("PCP/2024-10-28/29(c)", "PCP/2024-10-28/32(b)"):
        assert answered not in overdue  # answered, awaiting the panel's review
    assert overdue < open_items
    assert all(TrackedItem.objects.get(reference=r).is_overdue() for r in overdue)
    assert {"PCP/2024-10-28/29(b)", "PCP/2024-10-28/31(a)"} <= closed
    item = TrackedItem.objects.get(reference="PCP/2024-10-28/29(c)")
    assert item.addressee == "pcc" and item.resolution.kind == "request_response"
