"""Test settings: the base settings made fast. DATABASE_URL and CELERY_BROKER_URL still apply."""

from __future__ import annotations

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run tasks in-process; the worker tests switch this off to go through the real broker.
CELERY_TASK_ALWAYS_EAGER = True
# Sign-in lockout off: Client.login() authenticates without a request, which axes refuses. The
# sign-in tests (tests/core/test_signin.py) switch it on through the `settings` fixture.
AXES_ENABLED = False
# The matrices read every API URL as one address many times a minute; tests/api sets the rate it
# tests throttling with.
API_ANON_RATE = API_USER_RATE = "100000/minute"
