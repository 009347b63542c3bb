"""The one settings module: every value comes from a CONVENER_* variable.

See docs/configuration.md for the full list. Defaults are safe for a
developer's machine: SQLite in the data directory, the in-memory channel
layer, HTTPS-only cookies unless CONVENER_HTTPS=false.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from convener.core import env

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.data_dir()

SECRET_KEY = env.secret_key(DATA_DIR)
DEBUG = env.env_bool("DEBUG", False)
HTTPS = env.env_bool("HTTPS", not DEBUG)
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials",
    "django_countries",
    "allauth",
    "allauth.account",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "convener.core",
    "convener.people",
    "convener.program",
    "convener.scheduling",
    "convener.availability",
    "convener.networking",
    "convener.videos",
    "convener.discussion",
    "convener.surveys",
    "convener.gameshow",
    "convener.programio",
    "convener.announcements",
    "convener.organise",
    "convener.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "convener.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "convener.core.middleware.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "convener.core.middleware.TimeZoneMiddleware",
]

ROOT_URLCONF = "convener.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "convener.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "convener.core.context_processors.viewer",
                "convener.announcements.context_processors.latest",
            ],
        },
    }
]

_database_url = (
    env.env_url("DATABASE_URL", {"sqlite", "postgres", "postgresql", "pgsql"})
    or f"sqlite:///{DATA_DIR / 'convener.sqlite3'}"
)
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0)}
except ValueError as exc:  # pragma: no cover - dj_database_url message varies
    raise ImproperlyConfigured(f"CONVENER_DATABASE_URL is not usable: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env.env_url("REDIS_URL", {"redis", "rediss", "unix"})
if _redis_url:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [_redis_url]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
REDIS_URL = _redis_url
# How live HTML reaches sockets: "fanout" (one subscription per worker, written straight to its sockets; see
# core/fanout.py and bench/live_fanout.py) or "channels" (a Channels group send through per-consumer queues).
LIVE_TRANSPORT = env.env_str("LIVE_TRANSPORT", "fanout").strip().lower()
if LIVE_TRANSPORT not in {"fanout", "channels"}:
    raise ImproperlyConfigured(f"CONVENER_LIVE_TRANSPORT={LIVE_TRANSPORT!r}: use fanout or channels")

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.env_str("EMAIL_VERIFICATION", "optional")
if ACCOUNT_EMAIL_VERIFICATION not in {"none", "optional", "mandatory"}:
    raise ImproperlyConfigured("CONVENER_EMAIL_VERIFICATION must be one of none, optional, mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
# An invitation's link is a password-set link: setting the password signs the person in.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "convener@localhost")
# Where the site is reached: links in emails sent by the background worker.
CONVENER_BASE_URL = env.env_str("BASE_URL", "http://127.0.0.1:8000")

# Background work (announcement mail, reminders): Django's Tasks framework with the database
# backend, so the embedded default needs no extra service. `convener worker` runs the tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
EMAIL_HOST = env.env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.env_int("EMAIL_PORT", 25, minimum=1)

LANGUAGE_CODE = "en"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
CONVENER_DEFAULT_TIME_ZONE = env.env_time_zone("DEFAULT_TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": env.storage("STORAGE", DATA_DIR / "media"),  # uploads: <data dir>/media, or django-storages
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.env_bool("MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

# Security headers; the Content-Security-Policy comes from core.middleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.env_int("HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 100
