"""Sign-in policy: lockout after failed passwords, the two-factor gate, the idle timeout, the audit.

Lockout is django-axes (settings in config/settings/base.py, "Sign-in" block); this module gives it
our lockout page and client address. Two-factor devices are core.two_factor. The receivers below
record sign-in events with core.services.event_record: these are framework events (Django's
auth signals and axes's user_locked_out), not domain work, so a receiver is where they belong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from core.events import EventType
from core.permissions import ROLES
from core.services import event_record
from core.two_factor import State, two_factor_state_for

LOCKOUT_MESSAGE = (
    "Too many failed sign-in attempts. This account is locked for {minutes} minutes. "
    "Ask an administrator to unlock it."
)
LOCKOUT_MESSAGE_UNTIL_UNLOCKED = (
    "Too many failed sign-in attempts. This account is locked. Ask an administrator to unlock it."
)
IDLE_SIGNED_OUT_MESSAGE = "You were signed out after {minutes} minutes without activity."

# Session keys. The two-factor state is decided once, at sign-in, so that ordinary requests
# cost no device queries; the session is server-side, so the browser cannot change it.
TWO_FACTOR_STATE_KEY = "signin_two_factor"
LAST_ACTIVITY_KEY = "signin_last_activity"
# The idle clock is written back at most this often, not on every request.
ACTIVITY_WRITE_SECONDS = 60
# Set on the request before logout() so that the signed-out event says why.
LOGOUT_REASON_ATTR = "signin_logout_reason"

# While a session still owes a code (or a device), only these pages answer; the rest redirect.
GATE_ALLOWED = {
    State.VERIFY: ("login", "logout", "healthz", "two-factor-verify"),
    State.SET_UP: ("login", "logout", "healthz", "two-factor-setup", "two-factor-recovery-codes"),
}
GATE_TARGET = {State.VERIFY: "two-factor-verify", State.SET_UP: "two-factor-setup"}


def lockout_message() -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    if not cool_off:
        return LOCKOUT_MESSAGE_UNTIL_UNLOCKED
    return LOCKOUT_MESSAGE.format(minutes=int(cool_off.total_seconds() // 60))


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: our page instead of axes's plain text. 429 Too Many Requests."""
    return render(
        request, "registration/locked_out.html", {"message": lockout_message()}, status=429
    )


def client_ip_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address lockouts count by.

    Behind SIGN_IN_PROXY_COUNT reverse proxies every request arrives from the nearest proxy, which
    would make one address of everybody; each proxy appends what it saw to X-Forwarded-For, so
    the client is that many entries from the right. Entries further left are the client's own
    claims and are not trusted.
    """
    hops: int = settings.SIGN_IN_PROXY_COUNT
    if hops:
        header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote


# The audit. Never the password: Django masks it in `credentials`, and only the username is read.


def _ip(request: HttpRequest | None) -> str | None:
    return get_client_ip_address(request) if request is not None else None


def _account(username: str) -> models.Model:
    """The subject of an event about a username: its User, or for a username that matches nobody
    the User model's content type ("an account that does not exist"), so that the attempt is
    still on record without inventing a row."""
    user = User.objects.filter(username=username).first()
    return user if user is not None else ContentType.objects.get_for_model(User)


@receiver(user_logged_in, dispatch_uid="core.signin.signed_in")
def _signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    state = two_factor_state_for(user=user)
    request.session[TWO_FACTOR_STATE_KEY] = str(state)
    request.session[LAST_ACTIVITY_KEY] = int(timezone.now().timestamp())
    if settings.AXES_ENABLED:
        # The account's own failures are cleared, not its address's: otherwise an attacker could
        # wipe the count for an address by signing in to an account of their own from it.
        # (This is why AXES_RESET_ON_SUCCESS is off.)
        AxesProxyHandler.reset_attempts(username=user.get_username())
    event_record(
        subject=user,
        verb=EventType.AUTH_SIGNED_IN,
        actor=user,
        data={"ip_address": _ip(request), "two_factor": str(state)},
    )


@receiver(user_login_failed, dispatch_uid="core.signin.sign_in_failed")
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    event_record(
        subject=_account(username),
        verb=EventType.AUTH_SIGN_IN_FAILED,
        actor=None,
        data={"username": username, "ip_address": _ip(request)},
    )


@receiver(user_locked_out, dispatch_uid="core.signin.locked_out")
def _locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    event_record(
        subject=_account(username or ""),
        verb=EventType.AUTH_LOCKED_OUT,
        actor=None,
        data={
            "username": username or "",
            "ip_address": ip_address,
            "failures": getattr(request, "axes_failures_since_start", None),
        },
    )


@receiver(user_logged_out, dispatch_uid="core.signin.signed_out")
def _signed_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    reason = getattr(request, LOGOUT_REASON_ATTR, "signed out")
    event_record(subject=user, verb=EventType.AUTH_SIGNED_OUT, actor=user, data={"reason": reason})


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _session_sent(request: HttpRequest) -> bool:
    """Whether the request brought a session. Asked without opening the session: a session
    opened marks the response `Vary: Cookie`, and then no shared cache keeps a public page."""
    return request.session.session_key is not None


async def _anonymous() -> AnonymousUser:
    return AnonymousUser()


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, except that a request without a session is the public at once, without
    opening the (empty) session to find out (see `_session_sent`)."""

    def process_request(self, request: HttpRequest) -> None:
        if hasattr(request, "session") and not _session_sent(request):
            request.user = AnonymousUser()
            request.auser = _anonymous
            return
        super().process_request(request)


class IdleTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT_MINUTES without a request.

    A small middleware keeping the time of the last request in the session, rather than a short
    SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST: an expired cookie simply vanishes, and
    then the sign-in page cannot tell the person why they were signed out. Goes after
    MessageMiddleware (the message) and HtmxMiddleware (request.htmx).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        # The session, not request.user: deciding costs no user query.
        if _session_sent(request) and SESSION_KEY in session:
            now = int(timezone.now().timestamp())
            last = session.get(LAST_ACTIVITY_KEY)
            minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
            if last is not None and now - last > minutes * 60:
                setattr(request, LOGOUT_REASON_ATTR, "idle")
                logout(request)
                messages.info(request, IDLE_SIGNED_OUT_MESSAGE.format(minutes=minutes))
                return _redirect(request, redirect_to_login(request.get_full_path()).url)
            if last is None or now - last >= ACTIVITY_WRITE_SECONDS:
                session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """A session that still owes a code, or a device its role requires, reaches only the
    two-factor pages, sign-in, sign-out and the health check (static files are served before
    any of this, by WhiteNoise). That covers the admin too. Goes after IdleTimeoutMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if _session_sent(request) and SESSION_KEY in session:
            state = session.get(TWO_FACTOR_STATE_KEY)
            # A session from before two-factor sign-in existed: decide once, now. (Its user is
            # AnonymousUser only if the account has gone, and then Django has ended the session.)
            if state is None and isinstance(request.user, User):
                state = session[TWO_FACTOR_STATE_KEY] = str(two_factor_state_for(user=request.user))
            if state in GATE_ALLOWED:
                allowed = {reverse(name) for name in GATE_ALLOWED[State(state)]}
                if request.path_info not in allowed:
                    target = reverse(GATE_TARGET[State(state)])
                    query = urlencode({"next": request.get_full_path()})
                    return _redirect(request, f"{target}?{query}")
        return self.get_response(request)


@checks.register(checks.Tags.security)
def check_two_factor_roles(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """A misspelt role in TWO_FACTOR_REQUIRED_ROLES would silently require nothing."""
    unknown = set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(ROLES)
    if not unknown:
        return []
    return [
        checks.Error(
            f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(sorted(unknown))}.",
            hint=f"Roles are: {', '.join(ROLES)}.",
            id="core.E001",
        )
    ]
