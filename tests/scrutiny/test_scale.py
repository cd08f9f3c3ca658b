"""seed_scale generates items in every state; the dashboard's queries do not grow with them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from scrutiny.models import Response, TrackedItem

pytestmark = pytest.mark.django_db


def test_seed_scale_makes_items_in_every_state(users, client_as, django_assert_max_num_queries):
    call_command("seed_scale", items=200, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert TrackedItem.objects.count() == 200
    assert TrackedItem.objects.filter(closed_at__isnull=False).exists()
    assert TrackedItem.objects.filter(withdrawn_at__isnull=False).exists()
    assert TrackedItem.objects.filter(response_status="received").exists()
    assert Response.objects.filter(status="submitted").exists()
    client = client_as("member")
    client.get("/actions/?status=overdue")
    with django_assert_max_num_queries(6):
        response = client.get("/actions/?status=overdue")
    assert response.content.decode().count('href="/actions/') >= 25
