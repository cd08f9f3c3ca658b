"""Production: everything from the environment, secure by default (`manage.py check --deploy`)."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# One cache for every web process (core/public_cache.py, the API's rate counts): Redis, beside
# the Celery broker but in a database of its own. Short timeouts: a cache that does not answer
# serves pages rendered rather than holding the request.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("CACHE_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/1")),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Sign-in: administrators and OPCC officers (core.permissions role names) must use two-factor
# sign-in unless TWO_FACTOR_REQUIRED_ROLES says otherwise; base.py requires it of nobody.
TWO_FACTOR_REQUIRED_ROLES = env.list(
    "TWO_FACTOR_REQUIRED_ROLES", default=["Administrator", "OPCC officer"]
)
