"""Two-factor sign-in: an authenticator app (TOTP) with one-time recovery codes, via django-otp.

Who must use it is a setting (TWO_FACTOR_REQUIRED_ROLES, role names from core.permissions);
anyone else may turn it on from /accounts/two-factor/. The secret and the recovery codes live in
django-otp's own tables (otp_totp, otp_static); a used recovery code is deleted by django-otp,
which is what makes it work once. https://django-otp-official.readthedocs.io/en/stable/
"""

from __future__ import annotations

import re
from base64 import b32encode
from enum import StrEnum

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.events import EventType
from core.permissions import roles_of
from core.services import event_record

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
_TOTP_CODE = re.compile(r"\d{6}")


class State(StrEnum):
    """Where a signed-in session stands with two-factor sign-in."""

    NOT_NEEDED = "not-needed"  # no device and no role that requires one
    VERIFY = "verify"  # has a device: must enter a code before going on
    SET_UP = "set-up"  # a role requires it and there is no device yet
    VERIFIED = "verified"  # entered a code (or set up a device) in this session


class Outcome(StrEnum):
    VERIFIED = "verified"
    WRONG = "wrong"
    THROTTLED = "throttled"  # django-otp's back-off after wrong codes: 1, 2, 4, 8... seconds


# Selectors.


def two_factor_required(*, user: User) -> bool:
    return bool(roles_of(user) & set(settings.TWO_FACTOR_REQUIRED_ROLES))


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_state_for(*, user: User) -> State:
    """The state a session starts in when `user` has just given the right password."""
    if two_factor_device(user=user) is not None:
        return State.VERIFY
    if two_factor_required(user=user):
        return State.SET_UP
    return State.NOT_NEEDED


def recovery_codes_left(*, user: User) -> int:
    # int(): django-otp ships no type hints, so its managers are Any to the type checker.
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def two_factor_secret(*, device: TOTPDevice) -> str:
    """The secret as people type it into an authenticator app: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def two_factor_qr_svg(*, device: TOTPDevice) -> SafeString:
    """The setup QR code as inline SVG, drawn here: no image service and no script."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    svg = image.to_string(encoding="unicode")
    # qrcode draws the SVG from our own data; the label makes it one image to screen readers.
    label = format_html(
        '<svg role="img" aria-label="{}" class="app-qr-code" ',
        "QR code for setting up your authenticator app",
    )
    return mark_safe(svg.replace("<svg ", label, 1))  # noqa: S308


# Services.


@transaction.atomic
def two_factor_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user, kept until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def two_factor_device_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the new authenticator with a code from it; return fresh recovery codes.

    None (and nothing confirmed) when the code is wrong. Confirming replaces any older device.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_clean(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    event_record(subject=user, verb=EventType.AUTH_TWO_FACTOR_ENABLED, actor=user)
    return recovery_codes_generate(user=user)


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Shown once: only django-otp keeps them."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    event_record(subject=user, verb=EventType.AUTH_RECOVERY_CODES_GENERATED, actor=user)
    return codes


@transaction.atomic
def two_factor_verify(*, user: User, code: str) -> Outcome:
    """Check a 6-digit code from the authenticator, or a recovery code (which is then used up).

    Never raises on a wrong code: django-otp's throttle counter is written in this transaction.
    """
    code = _clean(code)
    model = TOTPDevice if _TOTP_CODE.fullmatch(code) else StaticDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        outcome = Outcome.WRONG
    elif not device.verify_is_allowed()[0]:
        outcome = Outcome.THROTTLED
    else:
        outcome = Outcome.VERIFIED if device.verify_token(code) else Outcome.WRONG
    # Which kind of code was tried, never the code itself.
    data = {"method": "recovery code" if model is StaticDevice else "authenticator app"}
    if outcome is Outcome.VERIFIED:
        event_record(subject=user, verb=EventType.AUTH_TWO_FACTOR_VERIFIED, actor=user, data=data)
    else:
        data["outcome"] = str(outcome)
        event_record(subject=user, verb=EventType.AUTH_TWO_FACTOR_FAILED, actor=user, data=data)
    return outcome


@transaction.atomic
def two_factor_remove(*, user: User) -> None:
    """Turn two-factor sign-in off: the authenticator secret and recovery codes go."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    event_record(subject=user, verb=EventType.AUTH_TWO_FACTOR_REMOVED, actor=user)


def _clean(code: str) -> str:
    """People type codes with spaces or dashes, and recovery codes in capitals."""
    return re.sub(r"[\s-]", "", code).lower()
