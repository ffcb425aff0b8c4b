"""Settings for Klimakreise, read from the environment (see .env.example for every variable)."""

import secrets
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from whitenoise.compress import Compressor

from klimakreise.core.switches import parse_switch

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

DATA_DIR = Path(env.str("KLIMAKREISE_DATA_DIR", default=str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY, or a random key kept in the data dir so all processes share it."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "klimakreise.core",
    "klimakreise.accounts",
    "klimakreise.organizations",
    "klimakreise.editions",
    "klimakreise.circles",
    "klimakreise.backoffice",
    "klimakreise.registrations",
    "klimakreise.outbox",
    "klimakreise.boards",
    "klimakreise.feedback",
    "klimakreise.polls",
    "klimakreise.steps",
    "klimakreise.results",
    "klimakreise.reports",
    "klimakreise.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a cached page is sent with a fresh header (and nonce).
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the header middlewares, so its 404 carries the same headers as every other page.
    "klimakreise.core.middleware.UnreadablePathMiddleware",
    "klimakreise.core.cache.PublicPageCacheMiddleware",
    "klimakreise.core.middleware.IdleTimeoutSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "klimakreise.core.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "klimakreise.urls"
WSGI_APPLICATION = "klimakreise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Only for the results partial (results/jinja2/): see klimakreise/core/jinja.py.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "klimakreise.core.jinja.environment"},
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'klimakreise.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue up instead of failing with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Read as text: a value that is neither true nor false is named by a system check (core.checks).
DATABASE_PREPARED_STATEMENTS = env.str("DATABASE_PREPARED_STATEMENTS", default="true")
if DATABASES["default"]["ENGINE"].endswith("postgresql") and parse_switch(
    DATABASE_PREPARED_STATEMENTS
):
    # The same few queries run on every request: bound on the server and, from their fifth run
    # on a connection, prepared there, PostgreSQL neither parses nor plans them again (about
    # 40 % of its CPU per sign-up; docs/decisions.md). Turn off behind PgBouncer in transaction
    # mode, whose connections do not keep a client's prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
# Keep connections across requests: opening one (and, on SQLite, setting its pragmas) costs
# more than serving a cached page.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
# PostgreSQL under ASGI (`klimakreise serve` switches it on): Django runs each request in a thread
# of its own there, so a connection kept by a thread is never used again; a pool per worker
# process keeps them (and their prepared statements) instead. At most this many per process.
DATABASE_POOL = env.bool("DATABASE_POOL", default=False)
if DATABASE_POOL and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env.int("DATABASE_POOL_SIZE", default=10),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them
# A SQLite file cannot go away under a connection; a PostgreSQL server can restart.
DATABASES["default"].setdefault(
    "CONN_HEALTH_CHECKS", DATABASES["default"]["ENGINE"].endswith("postgresql")
)

CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://klimakreise_cache"),
    # Whole public pages live apart, so that many pages can never push out other entries when
    # the database cache culls its oldest ones. (The login throttle counts in its own table.)
    "pages": env.cache_url(
        "PAGE_CACHE_URL", default="dbcache://klimakreise_page_cache?MAX_ENTRIES=5000"
    ),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["klimakreise.accounts.backends.ThrottledEmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "editions:home"
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
# How many reverse proxies (e.g. nginx) stand in front of the app and append X-Forwarded-For;
# the client address for login and sign-up limits is read behind them (core/client.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=900)

SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
# The age counts from the last request a person makes (an idle timeout); see
# core.middleware.IdleTimeoutSessionMiddleware, which renews it except for background polls.

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # Swagger UI for the API docs, served from here rather than a CDN (no third-party request).
    "klimakreise.api.docs.SwaggerUIFinder",
]
WHITENOISE_USE_FINDERS = DEBUG
# Source maps (Swagger UI's are 2 MB) are fetched by developer tools only: not worth compressing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
if EMAIL_CONFIG["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Klimakreise <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening; `klimakreise check --deploy` stays clean unless DEBUG is on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = False
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from our own files. A page
# that needs inline code marks it with nonce="{{ request.csp_nonce }}"; the nonce enters the
# header only on the responses that used it. Never on a page the public page cache keeps: the
# cached body would carry an old nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SILENCED_SYSTEM_CHECKS = (
    [] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005", "security.W021"]
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# --- registrations and outbox (issue 3): settings below this line ---
PERSONAL_LINK_MAX_AGE = env.int("PERSONAL_LINK_MAX_AGE_DAYS", default=365) * 24 * 3600
# Email outbox (klimakreise/outbox): `klimakreise worker` sends queued rows and runs daily jobs.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)  # then the email is "failed"
OUTBOX_POLL_SECONDS = env.float("OUTBOX_POLL_SECONDS", default=5.0)
# A row left in "sending" this long (a worker died mid-send) is marked failed, never sent again
# by itself (it may have gone out; klimakreise/outbox/delivery.py). Keep it far above
# EMAIL_TIMEOUT so that a live worker's slow send is never taken for a dead one.
OUTBOX_SENDING_TIMEOUT = env.int("OUTBOX_SENDING_TIMEOUT", default=600)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # seconds per SMTP operation
# Personal data of registrations is anonymized this many months after their edition ended.
KLIMAKREISE_RETENTION_MONTHS = env.int("KLIMAKREISE_RETENTION_MONTHS", default=12)

# The periodic jobs `klimakreise worker` runs (klimakreise.core.jobs): name, function, seconds.
SCHEDULED_JOBS = [
    ("expire_registrations", "klimakreise.registrations.services.expire_unconfirmed", 3600),
    ("anonymize_registrations", "klimakreise.registrations.retention.apply_retention", 86400),
    # PDF previews not made at upload (older files, the demo's slides): a few per minute.
    ("render_previews", "klimakreise.editions.previews.render_missing_previews", 60),
    # Export files of newly published (or changed) results, so downloads only read a file.
    ("build_exports", "klimakreise.results.exports.store.build_missing_exports", 60),
    # Login counters whose window is over (accounts.throttle).
    ("delete_login_counters", "klimakreise.accounts.throttle.delete_expired_counters", 3600),
    # Feedback survey emails to the participants of editions that have ended (once each).
    ("feedback_invitations", "klimakreise.feedback.invitations.send_due_invitations", 900),
    # Next steps: a reminder before the due date and one notice when overdue (steps.reminders).
    ("step_reminders", "klimakreise.steps.reminders.send_step_reminders", 3600),
    # Contacts of steps (no participants) are kept as long as the registrations (steps.erasure).
    ("erase_step_contacts", "klimakreise.steps.erasure.erase_step_contacts", 86400),
    # Date poll voters (shared link, team) are kept as long as the registrations (polls.erasure).
    ("erase_poll_voters", "klimakreise.polls.erasure.erase_poll_voters", 86400),
]
# Registration (participant side): double opt-in, reminders, privacy notice, rate limit.
KLIMAKREISE_CONFIRMATION_HOURS = env.int("KLIMAKREISE_CONFIRMATION_HOURS", default=48)
KLIMAKREISE_REMINDER_DAYS = env.int("KLIMAKREISE_REMINDER_DAYS", default=2)
# Next steps: the reminder goes out this many days before a step's due date.
KLIMAKREISE_STEP_REMINDER_DAYS = env.int("KLIMAKREISE_STEP_REMINDER_DAYS", default=7)
KLIMAKREISE_PRIVACY_NOTICE_VERSION = env.str(
    "KLIMAKREISE_PRIVACY_NOTICE_VERSION", default="2026-01"
)
# Per client address, shared by the form and the API (django-ratelimit syntax, e.g. "20/m").
KLIMAKREISE_REGISTRATION_RATE = env.str("KLIMAKREISE_REGISTRATION_RATE", default="20/m")
# Answers through a poll's shared link, per client address (polls.voter_views).
KLIMAKREISE_POLL_RATE = env.str("KLIMAKREISE_POLL_RATE", default="20/m")

# Exports of published results: where the built files are kept, and how many builds (a file not
# built yet) one client address may start (django-ratelimit syntax); reading a built file is free.
KLIMAKREISE_EXPORT_DIR = Path(
    env.str("KLIMAKREISE_EXPORT_DIR", default=str(DATA_DIR / "exports"))
).resolve()
KLIMAKREISE_EXPORT_BUILD_RATE = env.str("KLIMAKREISE_EXPORT_BUILD_RATE", default="10/m")
# Board changes per person (personal link or account, not per address: a class shares one) and a
# generous ceiling per client address on top (django-ratelimit syntax; docs/decisions.md).
KLIMAKREISE_BOARD_WRITE_RATE = env.str("KLIMAKREISE_BOARD_WRITE_RATE", default="60/m")
KLIMAKREISE_BOARD_ADDRESS_RATE = env.str("KLIMAKREISE_BOARD_ADDRESS_RATE", default="1200/m")
# Boards and the plenary pushed over Server-Sent Events (boards/stream.py). `klimakreise serve`
# runs ASGI workers, where a waiting stream holds no thread; runserver gives each one a thread.
# Switched off, the pages poll (304) as before.
BOARD_STREAM = env.bool("BOARD_STREAM", default=True)
BOARD_STREAM_SECONDS = env.int("BOARD_STREAM_SECONDS", default=300)
# How a saved change reaches the streams of every app process (boards/fanout.py): Redis pub/sub
# when set, else PostgreSQL LISTEN/NOTIFY, else (SQLite: one process) within the process.
EVENTS_REDIS_URL = env.str("EVENTS_REDIS_URL", default="")
# The Redis channel / PostgreSQL notification channel (letters, digits and _ only).
EVENTS_CHANNEL = env.str("EVENTS_CHANNEL", default="klimakreise_boards")

# Video rooms of the circles (circles/video.py): a BigBlueButton server (both or neither; the
# values `bbb-conf --secret` prints), else rooms on this Jitsi server.
BBB_URL = env.str("BBB_URL", default="")
BBB_SECRET = env.str("BBB_SECRET", default="")
JITSI_URL = env.str("JITSI_URL", default="https://meet.jit.si")

# Registration import by organizers (CSV/XLSX): largest file and most rows accepted.
KLIMAKREISE_IMPORT_MAX_BYTES = env.int("KLIMAKREISE_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
KLIMAKREISE_IMPORT_MAX_ROWS = env.int("KLIMAKREISE_IMPORT_MAX_ROWS", default=2000)

# --- boards and results (issue 5): settings below this line ---
# Whole-page cache of public pages for anonymous visitors; switch off to measure uncached speed.
PUBLIC_PAGE_CACHE = env.bool("KLIMAKREISE_PAGE_CACHE", default=True)
# WeasyPrint (PDF exports) logs every layout step and each CSS rule it skips.
LOGGING["loggers"].update({"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}})

# --- circle assignment in the web app (issue 4): settings below this line ---
# The solver runs inside the request (synchronously): organizers choose a time limit up to
# ASSIGNMENT_MAX_TIME_LIMIT seconds; keep it below the app server's request timeout
# (gunicorn's default: 30 s).
ASSIGNMENT_TIME_LIMIT = env.int("ASSIGNMENT_TIME_LIMIT", default=20)
ASSIGNMENT_MAX_TIME_LIMIT = env.int("ASSIGNMENT_MAX_TIME_LIMIT", default=25)
ASSIGNMENT_UNLISTED_COST = env.int("ASSIGNMENT_UNLISTED_COST", default=100)
