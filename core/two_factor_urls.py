"""The two-factor pages, under /accounts/two-factor/ beside Django's own sign-in pages.

Unnamespaced, like "login" and "logout", because core.signin's gate lists them by name.
"""

from __future__ import annotations

from django.urls import path

from core import signin_views

urlpatterns = [
    path("", signin_views.two_factor_manage_view, name="two-factor"),
    path("verify/", signin_views.two_factor_verify_view, name="two-factor-verify"),
    path("set-up/", signin_views.two_factor_setup_view, name="two-factor-setup"),
    path(
        "recovery-codes/",
        signin_views.two_factor_recovery_codes_view,
        name="two-factor-recovery-codes",
    ),
    path(
        "recovery-codes/new/",
        signin_views.two_factor_recovery_codes_new_view,
        name="two-factor-recovery-codes-new",
    ),
    path("turn-off/", signin_views.two_factor_remove_view, name="two-factor-remove"),
]
