from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from core.models import DomainEvent


@pytest.mark.django_db
def test_load_demo_refuses_without_debug_or_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("load_demo")
    assert not User.objects.exists()


def _snapshot() -> dict[str, object]:
    from django.apps import apps

    counts: dict[str, object] = {
        m._meta.label: m._default_manager.count() for m in apps.get_models()
    }
    counts["passwords"] = sorted(User.objects.values_list("password", flat=True))
    counts["events"] = DomainEvent.objects.count()
    return counts


@pytest.mark.django_db
def test_load_demo_creates_logins_and_is_idempotent():
    call_command("load_demo", "--force")
    for username in ("member", "opcc", "democratic", "admin"):
        assert User.objects.get(username=username).check_password("demo")
    first = _snapshot()
    call_command("load_demo", "--force")
    assert _snapshot() == first
