"""The two-factor pages: enter a code after the password, set up an authenticator, manage it.

Which of these a session may reach before it has entered a code is core.signin.TwoFactorMiddleware.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.signin import TWO_FACTOR_STATE_KEY
from core.signin_forms import ConfirmDeviceForm, VerifyForm
from core.two_factor import (
    Outcome,
    State,
    recovery_codes_generate,
    recovery_codes_left,
    two_factor_device,
    two_factor_device_confirm,
    two_factor_device_start,
    two_factor_qr_svg,
    two_factor_remove,
    two_factor_required,
    two_factor_secret,
    two_factor_verify,
)
from core.types import AuthenticatedHttpRequest

WRONG_CODE = (
    "That code is not right. Enter the code your authenticator app shows now, or a recovery code."
)
THROTTLED = "Too many wrong codes. Wait a minute, then try again."
WRONG_SETUP_CODE = "That code is not right. Check the app shows this service and enter its code."
REMOVE_REFUSED = "Your role requires two-factor sign-in, so it cannot be turned off."
REMOVED = "Two-factor sign-in is off."
NEW_CODES_READY = "New recovery codes are ready. The old ones no longer work."

# The new recovery codes wait here between the POST that makes them and the one page that shows
# them; that page takes them out, so they are shown once.
RECOVERY_CODES_KEY = "signin_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest) -> None:
    # A new session key for the new privilege, as Django does at sign-in.
    request.session.cycle_key()
    request.session[TWO_FACTOR_STATE_KEY] = str(State.VERIFIED)


def _needs_code(request: AuthenticatedHttpRequest) -> bool:
    """Changing the device needs a code entered in this session, if there is a device at all."""
    if request.session.get(TWO_FACTOR_STATE_KEY) == State.VERIFIED:
        return False
    return two_factor_device(user=request.user) is not None


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_verify_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.session.get(TWO_FACTOR_STATE_KEY) != State.VERIFY:
        return redirect(_next_url(request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = two_factor_verify(user=request.user, code=form.cleaned_data["code"])
        if outcome is Outcome.VERIFIED:
            _verified(request)
            return redirect(_next_url(request))
        form.add_error("code", THROTTLED if outcome is Outcome.THROTTLED else WRONG_CODE)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if two_factor_device(user=request.user) is not None:
        # Replacing a device means turning it off first, which needs a code from it.
        return redirect("two-factor")
    device = two_factor_device_start(user=request.user)
    form = ConfirmDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor_device_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            _verified(request)
            request.session[RECOVERY_CODES_KEY] = codes
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{resolve_url('two-factor-recovery-codes')}?{query}")
        form.add_error("code", WRONG_SETUP_CODE)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "secret": two_factor_secret(device=device),
            "qr_svg": two_factor_qr_svg(device=device),
            "required": two_factor_required(user=request.user),
            "next": _next_url(request),
        },
    )


@never_cache
@require_http_methods(["GET"])
@login_required
def two_factor_recovery_codes_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "registration/two_factor_recovery_codes.html",
        {
            "codes": request.session.pop(RECOVERY_CODES_KEY, None),
            "left": recovery_codes_left(user=request.user),
            "next": _next_url(request),
        },
    )


@never_cache
@require_http_methods(["GET"])
@login_required
def two_factor_manage_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "registration/two_factor_manage.html",
        {
            "device": two_factor_device(user=request.user),
            "left": recovery_codes_left(user=request.user),
            "required": two_factor_required(user=request.user),
        },
    )


@require_POST
@login_required
def two_factor_recovery_codes_new_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if _needs_code(request):
        request.session[TWO_FACTOR_STATE_KEY] = str(State.VERIFY)
        return redirect("two-factor-verify")
    if two_factor_device(user=request.user) is None:
        return redirect("two-factor-setup")
    request.session[RECOVERY_CODES_KEY] = recovery_codes_generate(user=request.user)
    messages.success(request, NEW_CODES_READY)
    return redirect("two-factor-recovery-codes")


@require_POST
@login_required
def two_factor_remove_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if two_factor_required(user=request.user):
        messages.error(request, REMOVE_REFUSED)
        return redirect("two-factor")
    if _needs_code(request):
        request.session[TWO_FACTOR_STATE_KEY] = str(State.VERIFY)
        return redirect("two-factor-verify")
    two_factor_remove(user=request.user)
    request.session[TWO_FACTOR_STATE_KEY] = str(State.NOT_NEEDED)
    messages.success(request, REMOVED)
    return redirect("two-factor")
