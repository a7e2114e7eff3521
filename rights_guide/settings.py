"""Settings for the Collection Rights Guide.

One module, configured by a handful of environment variables, each with a
safe default. With nothing set, the app runs locally on SQLite in debug mode
with a development secret generated once into ``var/``. Production sets
``DJANGO_DEBUG=0``, ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` (and
normally ``DATABASE_URL``); it then passes ``manage.py check --deploy``.
Every variable is documented in README.md.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state that is never committed: the SQLite file, the development
# secret, collected static files.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; unknown spellings are an error, not a guess."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


def env_whole_number(name: str, default: int, low: int, high: int) -> int:
    """A whole number within bounds; anything else stops start-up and says what is allowed."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ImproperlyConfigured(
            f"{name} must be a whole number from {low} to {high}, not {raw!r}."
        )
    return int(raw)


def development_secret() -> str:
    """A random secret kept in var/ so sessions survive restarts on a dev machine."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# DJANGO_DEBUG: on by default for a local checkout; production must set 0.
DEBUG = env_flag("DJANGO_DEBUG", True)

# DJANGO_SECRET_KEY: required in production; a generated one is used locally.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = development_secret()

# DJANGO_ALLOWED_HOSTS: comma-separated host names served in production.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "rights_guide",
    "rights_guide.guide",
]

MIDDLEWARE = [
    "rights_guide.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "rights_guide.security.CompressPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rights_guide.cases.middleware.CaseMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "rights_guide.security.NullOriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rights_guide.cases.middleware.GoneCaseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rights_guide.urls"
WSGI_APPLICATION = "rights_guide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "rights_guide.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL: e.g. postgres://user:password@host:5432/name. Unset means
# SQLite in var/. CONN_MAX_AGE keeps connections open between requests.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite under several gunicorn workers: transactions take the write lock
    # when they begin (IMMEDIATE) instead of failing with "database is locked"
    # when a reader tries to write; WAL lets readers go on while one writes;
    # a writer waits up to 20 s for the lock instead of failing at once.
    # Deleted rows are overwritten with zeros (secure_delete: upstream builds
    # default to off), temporary tables and statement journals stay in memory
    # (deleting must not need disk space), and the log is cut back to 16 MB
    # after checkpoints (rights_guide.erasure).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY; "
                "PRAGMA journal_size_limit=16777216"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# DJANGO_HEALTH_MIN_FREE_MB: /healthz answers 503 when var/, the temporary
# folder or the SQLite database's folder has less free space than this.
HEALTH_MIN_FREE_BYTES = (
    env_whole_number("DJANGO_HEALTH_MIN_FREE_MB", 64, 0, 1024 * 1024) * 1024 * 1024
)

# Languages: Simplified Chinese first and default, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"  # users and the law it cites are in mainland China
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# WhiteNoise warns about a missing root before collectstatic has ever run.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# What a visitor enters (answers, details, letters) lives in their case
# (rights_guide.cases); the session, kept in the database and capped in size
# (rights_guide.sessions), only points at it. Both expire
# DJANGO_SESSION_HOURS after the last change; expired rows are purged
# automatically.
SESSION_ENGINE = "rights_guide.sessions"
# Whole hours from 1 to 720 (30 days): 0 or less would expire every case at
# once, so nothing could be saved.
SESSION_COOKIE_AGE = env_whole_number("DJANGO_SESSION_HOURS", 24, 1, 720) * 3600
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A failed CSRF check (cookies blocked or expired, e.g. in WeChat) gets our
# translated page with a way back, not Django's developer page.
CSRF_FAILURE_VIEW = "rights_guide.refusals.csrf_failure"

# Security headers. The CSP is set by rights_guide.security; these are
# Django's own switches.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # "__Host-": browsers accept these cookies only when Secure, for path "/" and
    # without a Domain, so a sibling subdomain or a plain-http answer cannot plant
    # a session (or CSRF token) in a visitor's browser (ASVS 3.4.4).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    # DJANGO_SECURE_SSL_REDIRECT: redirect http to https (on by default).
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    # DJANGO_HSTS_SECONDS: HSTS lifetime; one year by default.
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)
    # DJANGO_BEHIND_TLS_PROXY: trust X-Forwarded-Proto from the reverse proxy.
    if env_flag("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # DJANGO_CSRF_TRUSTED_ORIGINS: e.g. https://example.org, when proxied.
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Letter PDFs are the expensive request (rights_guide.letters.pdf.slots).
# DJANGO_LETTER_RENDER_SLOTS: how many letters may render at once on this
# machine; keep it below the number of processor cores so pages still answer
# while letters render. DJANGO_LETTER_RENDER_QUEUE: how many more may wait
# for a slot, each up to DJANGO_LETTER_SLOT_WAIT seconds; anyone beyond is
# asked (503, Retry-After) to try again shortly.
LETTER_RENDER_SLOTS = max(1, int(os.environ.get("DJANGO_LETTER_RENDER_SLOTS", "1")))
LETTER_RENDER_QUEUE = max(0, int(os.environ.get("DJANGO_LETTER_RENDER_QUEUE", "20")))
LETTER_SLOT_WAIT = float(os.environ.get("DJANGO_LETTER_SLOT_WAIT", "30"))
LETTER_SLOTS_DIR = VAR_DIR / "render-slots"  # lock files; one folder per machine
# DJANGO_LETTER_REQUESTS_PER_WORKER: how many of a worker's threads may hold a
# letter request (reading, waiting, rendering) at once; the others stay for
# pages, and a letter beyond is asked (503, Retry-After) to try again shortly
# before anything of it is read (rights_guide.letters.admission).
LETTER_REQUESTS_PER_WORKER = max(1, int(os.environ.get("DJANGO_LETTER_REQUESTS_PER_WORKER", "4")))

# DJANGO_TRUSTED_PROXIES: how many reverse proxies in front of the app append
# to X-Forwarded-For (0 = none: the client is REMOTE_ADDR). Rate limits key on
# the address the outermost trusted proxy saw, never on a client's own claim.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))

# Logging: requests are logged without query strings or bodies so that no
# answer, name or phone number reaches a log file (see rights_guide.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "scrub": {"()": "rights_guide.logs.ScrubPersonalData"},
        "expected": {"()": "rights_guide.logs.ExpectedAsWarning"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        # Filters on the handler see every record, including those of child
        # loggers (django.security.DisallowedHost), which logger filters do not.
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["scrub", "expected"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own console handler, which would print every line twice.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # 5xx at ERROR with their traceback; expected 503s (busy, database
        # away) and client errors as one WARNING line (rights_guide.logs).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Scanners send bad Host headers, oversized bodies and too many fields
        # all day: one WARNING line each, not an ERROR with a traceback.
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
