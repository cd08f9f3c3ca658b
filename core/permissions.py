"""Who may do what: the one place where roles are turned into permissions.

Roles are held for a panel (`core.models.PanelRole`): a user's roles are those they hold in the
current panel, so an officer of one panel is nobody in another. A superuser is the national
administrator: Administrator in every panel. Views call these predicates (through
`require_permission`), and services call them too, so that a transition the actor may not make
is refused whatever the entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from core.models import PanelRole
from core.tenancy import current_panel, current_panel_or_none
from core.types import Actor

PANEL_MEMBER = "Panel member"
OPCC_OFFICER = "OPCC officer"
DEMOCRATIC_SERVICES = "Democratic services officer"
ADMINISTRATOR = "Administrator"
ROLES = (PANEL_MEMBER, OPCC_OFFICER, DEMOCRATIC_SERVICES, ADMINISTRATOR)
NATIONAL_ADMINISTRATOR = "National administrator"

Predicate = Callable[[Actor], bool]


def roles_of(user: Actor) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    panel = current_panel_or_none()
    panel_id = panel.pk if panel is not None else None
    cached = getattr(user, "_role_cache", None)
    if cached is None or cached[0] != panel_id:
        roles: frozenset[str] = frozenset()
        if panel_id is not None:
            roles = frozenset(
                PanelRole.all_panels.filter(panel_id=panel_id, user_id=user.pk).values_list(
                    "role", flat=True
                )
            )
        if user.is_superuser:
            roles |= {ADMINISTRATOR}
        cached = (panel_id, roles)
        user._role_cache = cached  # type: ignore[attr-defined]  # a cache on this one user object
    return cached[1]


def users_with_role(role: str) -> QuerySet[User]:
    """Active users who hold `role` in the current panel (whom a reminder goes to)."""
    return User.objects.filter(
        is_active=True, panel_roles__role=role, panel_roles__panel_id=current_panel().pk
    ).distinct()


def is_national_administrator(user: Actor) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def _any_of(*roles: str) -> Predicate:
    def predicate(user: Actor) -> bool:
        return bool(roles_of(user) & set(roles))

    return predicate


# Reads drafts, unpublished records, the tracker and grant details.
can_read_internal = _any_of(*ROLES)
can_manage_meetings = _any_of(DEMOCRATIC_SERVICES, ADMINISTRATOR)
can_read_redacted = _any_of(OPCC_OFFICER, ADMINISTRATOR)
can_create_tracked_items = _any_of(OPCC_OFFICER, DEMOCRATIC_SERVICES, ADMINISTRATOR)
# The panel's own items (from its minutes or entered by hand); OPCC officers raise only the
# board's requests and grant items.
can_raise_panel_items = _any_of(DEMOCRATIC_SERVICES, ADMINISTRATOR)
can_respond = _any_of(OPCC_OFFICER, ADMINISTRATOR)
can_review_responses = _any_of(PANEL_MEMBER, DEMOCRATIC_SERVICES, ADMINISTRATOR)
can_manage_grants = _any_of(OPCC_OFFICER, ADMINISTRATOR)
can_manage_cgb = _any_of(OPCC_OFFICER, ADMINISTRATOR)
can_administer = _any_of(ADMINISTRATOR)


def ensure_allowed(predicate: Predicate, user: Actor) -> None:
    """For services: refuse the action outright, whatever view or task called it."""
    if not predicate(user):
        raise PermissionDenied


def signed_in(actor: Actor) -> User:
    """The user behind `actor`, for a service that records who did it (a response's author):
    its permission check has already refused the public, so this only says so to the types."""
    if not isinstance(actor, User):
        raise PermissionDenied
    return actor


def require_permission(predicate: Predicate) -> Callable[..., Any]:
    """View decorator: anonymous visitors go to the login page, others without the role get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
