"""Only the public record, and only this panel's: every API URL for every reader, and the other
panel's host."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.test import Client

from core.permissions import ADMINISTRATOR, OPCC_OFFICER
from core.tenancy import panel_scope
from tests.api.conftest import SECRET, build_record
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
NORTHSHIRE = "northshire.testserver"


def every_url(client: Client, host: str = "testserver") -> dict[str, str]:
    """Every list, every object in it, and every embedded file, as a client reaches them."""
    system = json.loads(client.get("/api/v1/", HTTP_HOST=host).content)
    lists = [system["body"]] + [v for k, v in system.items() if k.endswith("List")]
    seen: dict[str, str] = {}
    queue = list(lists)
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        assert parts.netloc == host, url
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        if path in seen:
            continue
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        text = response.content.decode()
        seen[path] = text
        data = json.loads(text)
        for obj in data.get("data", [data]):
            queue += [v for k, v in obj.items() if isinstance(v, str) and "/api/v1/" in v
                      and k != "type"]  # fmt: skip
    return seen


@pytest.mark.parametrize("role", [None, "norole", OPCC_OFFICER, ADMINISTRATOR])
def test_no_reader_gets_anything_private(record, role):
    """Signing in, even as an administrator, changes nothing: open data is the public version."""
    client = Client()
    if role:
        client.force_login(make_user("reader", None if role == "norole" else role))
    pages = every_url(client)
    assert len(pages) > 25
    leaks = [path for path, text in pages.items() if SECRET in text]
    assert leaks == []
    meetings = "".join(pages.values())
    assert f"/meetings/{record.private_meeting.pk}" not in meetings
    assert f"/meetings/{record.unpublished_meeting.pk}" not in meetings
    assert "Police and Crime Plan" in meetings  # the public record is there


def test_another_panel_s_records_never_appear(record, other_panel):
    with panel_scope(other_panel):
        theirs = build_record(prefix="northshire")
    ours = "".join(every_url(Client()).values())
    assert "northshire" not in ours
    assert f"/meetings/{theirs.meeting.pk}" not in ours
    assert Client().get(f"/api/v1/meetings/{theirs.meeting.pk}").status_code == 404

    at_theirs = every_url(Client(), NORTHSHIRE)
    text = "".join(at_theirs.values())
    assert "northshire Police and Crime Panel" in text
    assert "Northshire Police, Fire and Crime Panel" in text  # their System's name
    assert "pcp Police and Crime Panel" not in text
    assert f'http://{NORTHSHIRE}/api/v1/meetings/{record.meeting.pk}"' not in text
    other = Client().get(f"/api/v1/meetings/{record.meeting.pk}", HTTP_HOST=NORTHSHIRE)
    assert other.status_code == 404
