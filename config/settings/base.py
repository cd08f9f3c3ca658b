"""Settings shared by every environment, read from the environment through django-environ.

Each integration is gated by one variable that defaults to off, so that a newcomer needs no
server: no DATABASE_URL means an SQLite file in the project, no CELERY_BROKER_URL means tasks run
eagerly in the web process.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ

# Generic Django classes take type arguments at run time as django-stubs gives them to mypy
# (`admin.ModelAdmin[Meeting]`, `QuerySet[Meeting]`); no other effect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only development may run with the well-known key; production.py insists on a real one.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me" if DEBUG else "")
# Development answers every panel's demo site on <slug>.localhost.
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_filters",
    "django_celery_beat",
    "csp",
    # The open data API (api/): Django REST framework and its OpenAPI document.
    "rest_framework",
    "drf_spectacular",
    # Sign-in: lockout and two-factor (the "Sign-in" block below). Before core, whose admin
    # re-registers axes's logs.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Our apps, lowest layer first (pyproject.toml's import-linter contract): core finds each
    # app's demo data, schedules, navigation and home-page block in this order (core/discovery.py).
    "core",
    "meetings",
    "scrutiny",
    "governance",
    "grants",
    "imports",
    "national",
    "api",
    "opendata",
    # Scale data and the page benchmarks (`make bench`): commands only, no models or URLs.
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The panel this host serves (core/panels.py): before anything reads panel-owned records.
    "core.panels.PanelMiddleware",
    # Public pages for anonymous readers (core/public_cache.py): inside the panel, outside the
    # session and CSRF middleware, whose cookies and Vary it must see.
    "core.public_cache.PublicCacheMiddleware",
    # Django's, but an anonymous request that leaves no session is not marked Vary: Cookie.
    "core.public_cache.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, but a request without a session cookie is anonymous without opening the session.
    "core.signin.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Sign-in (core/signin.py): after messages and htmx, which they use; the idle timeout first,
    # so that an expired session is signed out before the two-factor gate looks at it.
    "core.signin.IdleTimeoutMiddleware",
    "core.signin.TwoFactorMiddleware",
    # Last, as axes asks: turns a lockout flagged during sign-in into our lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): everything comes from our own origin, and nothing runs
# or styles the page inline, so injected markup can neither run script nor restyle the page.
# No nonce is needed: templates carry no inline <script> or <style> (tests/core/test_csp.py), and
# htmx is configured in _base.html not to eval, not to run swapped-in scripts and not to inject
# its indicator <style>. img-src allows data: for the empty footer crest in the compiled CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.layout",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# SQLite: concurrent writers wait for each other instead of failing with "database is locked".
# A DEFERRED transaction that reads and then writes cannot wait for a writer (SQLite answers
# SQLITE_BUSY at once to avoid a deadlock), so every transaction begins IMMEDIATE, taking the
# write lock first and waiting up to `timeout` seconds for it (Django 5.1+ `transaction_mode`).
# WAL lets readers carry on while one writes.
# https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
# https://www.sqlite.org/lang_transaction.html
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in: lockout after failed passwords (django-axes), two-factor sign-in (django-otp) and the
# idle timeout; the policy is core/signin.py, the devices core/two_factor.py.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    # First: a locked account or address is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
# Counted per account and, separately, per address: either reaching the limit locks. The address
# count stops one address trying a few passwords on each of many accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Minutes locked after the last failure; 0 locks until an administrator unlocks (in the admin,
# by deleting the account's "access attempt").
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES) if AXES_COOLOFF_MINUTES else None
AXES_LOCKOUT_CALLABLE = "core.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.signin.client_ip_address"
# How many reverse proxies stand in front of the app (0: none); see core.signin.client_ip_address.
SIGN_IN_PROXY_COUNT = env.int("SIGN_IN_PROXY_COUNT", default=0)
# A successful sign-in clears that account's failures: core.signin does it, because axes's own
# reset would also clear the failures of every other account tried from the same address.
AXES_RESET_ON_SUCCESS = False
# Two-factor sign-in is required for these roles (names from core.permissions.ROLES; a system
# check refuses unknown names). None by default, so the demo logins need only their password;
# production.py requires it of administrators and OPCC officers.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=[])
# The admin never shows an authenticator's secret or its QR code once it is set up.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A signed-in session ends after this long without a request (core.signin.IdleTimeoutMiddleware).
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=60)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Email: the console backend in development; SMTP from EMAIL_URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="scrutiny-tracker@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Celery: no broker configured means "embedded mode", tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
DJANGO_CELERY_BEAT_TZ_AWARE = True

# Background work is never lost (core/outbox.py records it with the change, the sweep resends).
# A message is acknowledged once its task has finished, and handed back to the queue if the
# process running it dies, so a killed worker's task runs again on another. Redis redelivers a
# message nobody acknowledged after `visibility_timeout`: it must comfortably exceed the longest
# task (the PDF builds and import parses), or a slow task would be started twice; kombu's
# default of an hour left a killed worker's task waiting that long.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Publishing gives up within about two seconds when the broker is down (a plain `.delay()` held
# the request twenty seconds: the Redis result backend retried its connection twenty times, and
# the outbox sends with no result and retry=False); the outbox sweep sends it later. The
# worker's own reconnection is governed by broker_connection_retry / _max_retries (Celery's
# defaults: keep trying), so a Redis restart does not stop it.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# Results are read, if at all, by whoever queued the task within seconds; keep them an hour.
CELERY_RESULT_EXPIRES = 3600

# The cache: Django's default (local memory, per process) here; production.py uses Redis.
# Public pages are kept for anonymous readers (core/public_cache.py) until the panel's record
# changes, and at most this long, for what changes with the date alone.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
# The public pages (URL names): each the same for every anonymous reader of a panel's site.
# Not the PDFs and papers (files, streamed), the open-data page (it asks for an export on a
# visit) nor the API (rate-limited per reader, and it negotiates its format).
PUBLIC_CACHE_VIEWS = [
    "core:home",
    "meetings:meeting-list",
    "meetings:meeting-detail",
    "meetings:feed",
    "meetings:decision-list",
    "meetings:decision-detail",
    "grants:award-register",
    "grants:360giving",
    "grants:awards-csv",
    "opendata:dictionary",
]
# Pages that read every panel: they follow the national version too, which every change moves.
PUBLIC_CACHE_NATIONAL_VIEWS = ["national:panels", "national:panels-csv"]

# The product's own settings.
# Absolute links (emails, the 360Giving file) go to the panel's first host name with this scheme
# and port (no port: the scheme's own).
PANEL_SITE_SCHEME = env("PANEL_SITE_SCHEME", default="http" if DEBUG else "https")
PANEL_SITE_PORT = env("PANEL_SITE_PORT", default="8000" if DEBUG else "")
PRODUCT_NAME = env("PRODUCT_NAME", default="Scrutiny Tracker")
# How authenticator apps name this service (two-factor sign-in, above).
OTP_TOTP_ISSUER = PRODUCT_NAME
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The open data API (api/, README "Open data API"): read-only and public data only, so the
# session is the only authentication (no Basic auth, which would sidestep the sign-in lockout)
# and it serves only to give signed-in readers the higher rate. The rates are read on each
# request (api/throttling.py); the counts live in the default cache, per process unless a
# shared cache is configured.
API_ANON_RATE = env("API_ANON_RATE", default="60/minute")
API_USER_RATE = env("API_USER_RATE", default="600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRate", "api.throttling.SignedInRate"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.oparl_error_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Scrutiny Tracker open data API",
    "DESCRIPTION": "The panel's public record as OParl 1.1, with the tracker and grants as "
    "extensions. Read-only; public data only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Which fields every object has is said by api.schema (absent values are left out).
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    # Two status fields would share a name (a tracked item's responseStatus, a response's status).
    "ENUM_NAME_OVERRIDES": {
        "TrackedItemResponseStatusEnum": "scrutiny.models.TrackedItem.ResponseStatus",
        "ResponseStatusEnum": "scrutiny.models.Response.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.mark_required",
    ],
}

# Uploads (core/uploads.py): a Word document whose zip declares more than this, unpacked, is
# refused as a possible zip bomb; the check reads the declared sizes and never inflates anything.
UPLOAD_DOCX_MAX_INFLATED_BYTES = env.int(
    "UPLOAD_DOCX_MAX_INFLATED_BYTES", default=100 * 1024 * 1024
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO; keep its warnings only.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
