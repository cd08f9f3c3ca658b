from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from core import permissions as p


@pytest.mark.django_db
def test_roles_map_to_permissions(users):
    assert p.can_read_internal(users["member"])
    assert not p.can_read_internal(AnonymousUser())
    assert p.can_manage_meetings(users["democratic"]) and not p.can_manage_meetings(users["opcc"])
    assert p.can_respond(users["opcc"]) and not p.can_respond(users["member"])
    assert p.can_review_responses(users["member"]) and not p.can_review_responses(users["opcc"])
    assert p.can_read_redacted(users["opcc"]) and not p.can_read_redacted(users["member"])
    assert p.can_manage_grants(users["opcc"]) and not p.can_manage_grants(users["democratic"])
    for predicate in (p.can_manage_meetings, p.can_respond, p.can_read_redacted, p.can_administer):
        assert predicate(users["admin"])


@pytest.mark.django_db
def test_inactive_user_has_no_roles(users):
    users["admin"].is_active = False
    assert p.roles_of(users["admin"]) == frozenset()


@pytest.mark.django_db
def test_ensure_allowed_refuses(users):
    with pytest.raises(PermissionDenied):
        p.ensure_allowed(p.can_manage_meetings, users["member"])
    p.ensure_allowed(p.can_manage_meetings, users["democratic"])
