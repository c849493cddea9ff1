"""Settings for every run mode: demo (`make run`), Docker, CI and production differ only in env.

Every variable is listed, with a comment, in `.env.example`.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from config.redis_urls import redis_broker_and_cache_urls

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Everything the demo writes (embedded database, media, mail, collected static) lives here.
VAR_DIR = Path(env("EXPO_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-demo-key-only-for-make-run-and-tests")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address used in emails sent by workers (no request to build it from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "core.admin_config.ExpoAdminConfig",  # django.contrib.admin with the curators' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "accounts",
    "core",
    "vendors",
    "catalog",
    "buyers",
    "expo",
    "trade",
    "reports",
    "storefront",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reports.middleware.StaffSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "buyers.context_processors.nav_unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL when set (CI, Docker, production); otherwise the embedded PostgreSQL in VAR_DIR.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
else:
    from config.embedded_db import embedded_database

    DATABASES = {"default": embedded_database(VAR_DIR / "pgdata")}
# Persistent connections wherever DATABASE_URL names a server (Docker, production): a new
# connection costs a few milliseconds per request. The health check replaces one that the server
# or PgBouncer closed. The embedded demo database is served by runserver, whose thread per request
# would only strand connections, so it closes them after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DATABASE_CONN_MAX_AGE", default=60 if env("DATABASE_URL", default="") else 0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction pooling mode consecutive transactions of one Django connection
# may run on different server connections: no server-side cursors (QuerySet.iterator() keeps one
# open across transactions) and no prepared statements (Django's psycopg 3 default already is
# prepare_threshold=None; said here so that nobody turns it on). See docs/deploy.md.
if env.bool("DATABASE_PGBOUNCER", default=False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache in separate databases ------------------------------------------
# REDIS_URL may end in a database number N: the broker then uses N and the cache N + 1.
REDIS_URL = env("REDIS_URL", default="")
REDIS_BROKER_URL, REDIS_CACHE_URL = (
    redis_broker_and_cache_urls(REDIS_URL) if REDIS_URL else ("", "")
)

if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open while Redis is unreachable: docs/operations.md, "Running without Redis".
            "BACKEND": "core.cache_backends.FailOpenRedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_CACHE_URL),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="expo"),
            "OPTIONS": {
                # A dead or unreachable Redis costs a request a fraction of a second, once per
                # RETRY_SECONDS per process; the other requests skip it.
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
                "RETRY_SECONDS": env.float("CACHE_RETRY_SECONDS", default=5),
                # allauth's rate limits (and TOTP codes already used) count in process memory
                # while Redis is down, instead of not counting at all.
                "LOCAL_FALLBACK_PREFIXES": ["allauth:", "allauth.mfa."],
            },
        }
    }
else:
    # Shared between the processes of one machine, which allauth's rate limits need.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Celery (config/celery.py reads the CELERY_ names) --------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_BROKER_URL)
# No broker configured: tasks run in the process that sends them (demo mode, unit tests).
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Queues: `images` (CPU-heavy), `email` (outbox delivery), `default` (the rest), so a flood of
# photo uploads never delays a password-reset email.
CELERY_TASK_QUEUES = [Queue("default"), Queue("images"), Queue("email")]
CELERY_TASK_DEFAULT_QUEUE = "default"
# Task modules not named `tasks.py`, which autodiscovery would miss.
CELERY_IMPORTS = ["core.exports_tasks"]
CELERY_TASK_ROUTES = {"*image*": {"queue": "images"}, "core.tasks.outbox_*": {"queue": "email"}}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# Idempotent tasks opt in to acks_late; with this, a task whose worker process died (OOM,
# kill -9) goes back on the queue instead of being lost.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# How long a task may stay unacknowledged before Redis hands it to another worker: one value
# for the broker and the result transport, and every task's hard time limit stays below it.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_TASK_TIME_LIMIT = CELERY_VISIBILITY_TIMEOUT // 2
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 60
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Work lost with a killed worker (or a broker down at commit) is picked up within two
    # minutes, instead of after the broker's visibility timeout; each is claimed once.
    "outbox-sweep": {"task": "core.tasks.outbox_sweep_task", "schedule": 60.0},
    "image-sweep": {"task": "core.tasks.image_sweep_task", "schedule": 60.0},
    "export-sweep": {"task": "core.exports_tasks.report_export_sweep_task", "schedule": 60.0},
    "catalogue-sweep": {"task": "reports.tasks.catalogue_sweep_task", "schedule": 60.0},
    # Mondays 02:00 UTC: morning in Asia, the night before in the Americas.
    "buyers-weekly-digest": {
        "task": "buyers.tasks.digest_send_all_task",
        "schedule": crontab(minute=0, hour=2, day_of_week=1),
    },
    "expo-meeting-reminders": {"task": "expo.tasks.meeting_reminders_send_task", "schedule": 300.0},
    "expo-session-reminders": {"task": "expo.tasks.session_reminders_send_task", "schedule": 300.0},
    # Statistics move within a minute of a visit (recounting is idempotent).
    # An expired certificate leaves the catalogue's certification filter within the hour.
    "certification-expiry": {
        "task": "catalog.tasks.certification_kinds_refresh_task",
        "schedule": crontab(minute=7),
    },
    # The unfiltered catalogue's facet counts (cached FACETS_SECONDS = 60) are recomputed before
    # they expire, so no visitor's request pays for them.
    "catalogue-facets": {"task": "catalog.tasks.catalogue_facets_warm_task", "schedule": 45.0},
    # The search log keeps SEARCH_LOG_KEEP_DAYS days (the gaps report reads 30); daily, at night
    # in Indonesia.
    "search-log-prune": {
        "task": "catalog.tasks.search_log_prune_task",
        "schedule": crontab(minute=17, hour=19),
    },
    # The typo fallback's word list (cached INDEX_WORDS_SECONDS = 6 h) is rebuilt before it
    # expires, so no visitor's empty search pays for it.
    "search-index-words": {
        "task": "catalog.tasks.index_words_warm_task",
        "schedule": crontab(minute=23, hour="*/4"),
    },
    # Statistics move within a minute of a visit (recounting is idempotent). Each process
    # pushes its views to Redis every VISITS_PUSH_SECONDS (core/visits.py), well within that.
    "visit-stats": {"task": "core.tasks.visit_stats_aggregate_task", "schedule": 60.0},
    # Searches reach the search log (and its admin page) within a minute, the same way.
    "search-log": {"task": "catalog.tasks.search_log_flush_task", "schedule": 60.0},
    # BI publishes its transaction rates on working days around 10:00 WIB (03:00 UTC); fetched
    # twice so one failed attempt is caught up the same day (importing twice changes nothing).
    "exchange-rates": {
        "task": "core.tasks.exchange_rates_fetch_task",
        "schedule": crontab(minute=30, hour="4,10"),
    },
}

# --- Exchange rates (core/rates.py) ---------------------------------------------------------
# Where the daily beat task reads the rates (https://, or file:// for a file another job drops);
# empty: no import, rates come from the admin's upload only. Format: "bi" (the Kurs Transaksi BI
# table, .xlsx or text) or "csv" (currency,rate,date).
RATES_SOURCE_URL = env("RATES_SOURCE_URL", default="")
RATES_SOURCE_FORMAT = env("RATES_SOURCE_FORMAT", default="bi")
RATES_SOURCE_NAME = env("RATES_SOURCE_NAME", default="Bank Indonesia")
# A rate older than this many days is not shown: the "≈" part of prices disappears.
RATES_STALE_AFTER_DAYS = env.int("RATES_STALE_AFTER_DAYS", default=7)
VISITS_PUSH_SECONDS = env.float("VISITS_PUSH_SECONDS", default=1.0)
# Searches (catalog.SearchLog) older than this many days are deleted by a daily beat task.
SEARCH_LOG_KEEP_DAYS = env.int("SEARCH_LOG_KEEP_DAYS", default=90)

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Expo UMKM] "
ACCOUNT_SESSION_REMEMBER = None
# allauth's defaults, spelled out so they are reviewed with the rest of the security settings,
# except failed sign-ins (docs/operations.md, "Sign-in limits"): allauth's 5 per 5 minutes per
# account would let anyone lock a known account for everyone. Instead: 10 a minute per address,
# 5 per 5 minutes per (account, address) — accounts.adapter — and 100 an hour per account.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,100/h/key",
    "login_failed_from_address": "5/5m/key",  # key = account + address (accounts.adapter)
    "confirm_email": "1/3m/key",
}
# Staff (BI curators, coordinators) use TOTP from allauth.mfa; recovery codes are the way back
# when a phone is lost. No WebAuthn: it would need the fido2 package and HTTPS everywhere.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Expo UMKM"
# Staff must have passed TOTP in their session before the admin opens (on by default in
# production, i.e. over HTTPS); see reports.middleware.
STAFF_REQUIRE_MFA = env.bool("DJANGO_STAFF_REQUIRE_MFA", default=env.bool("DJANGO_HTTPS", False))
# Staff are signed out after this many seconds without a request; buyers and vendors keep the
# normal session (SESSION_COOKIE_AGE).
STAFF_SESSION_IDLE_TIMEOUT = env.int("DJANGO_STAFF_SESSION_IDLE_TIMEOUT", default=30 * 60)
# Admin exports with more rows than this run as a Celery task and are offered as a link.
REPORTS_EXPORT_SYNC_MAX_ROWS = env.int("REPORTS_EXPORT_SYNC_MAX_ROWS", default=2000)
# How long the signed link to a finished export stays valid (seconds).
REPORTS_EXPORT_LINK_MAX_AGE = env.int("REPORTS_EXPORT_LINK_MAX_AGE", default=24 * 3600)
# Number of proxies in front of the app; allauth reads the client address behind them.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# --- Buyers --------------------------------------------------------------------------------
# Inquiries one buyer may send: a real importer asks a handful of sellers an hour, a spammer more.
BUYERS_INQUIRIES_PER_HOUR = env.int("BUYERS_INQUIRIES_PER_HOUR", default=10)
BUYERS_INQUIRIES_PER_VENDOR_PER_DAY = env.int("BUYERS_INQUIRIES_PER_VENDOR_PER_DAY", default=3)
# Messages one person may write in threads per hour (both sides).
BUYERS_MESSAGES_PER_HOUR = env.int("BUYERS_MESSAGES_PER_HOUR", default=60)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times: "27 Nov 2026, 19:02" in both languages (config/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_HTTPS", default=False)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Originals and certificates: never under MEDIA_URL, served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("DJANGO_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# The demo serves uploaded media itself; in production a CDN or S3 does.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=DEBUG)
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# The largest request body the app accepts: one upload of a product's 8 photos
# (ProductImage.MAX_PER_PRODUCT) of 15 MB each (core.images.MAX_BYTES) plus 1 MB of form = 121 MB.
# Larger bodies are answered 413 before they are read (core.middleware.RequestBodyLimitMiddleware);
# nginx's client_max_body_size (deploy/nginx.conf) must be the same number.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=121 * 1024 * 1024)

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),
        "url_protocol": env("AWS_S3_URL_PROTOCOL", default="https:"),
        # Names are generated, but never let one upload replace another.
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3, "location": "public", "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3,
                "custom_domain": None,
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "core.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
        },
    }
STORAGES["staticfiles"] = {
    "BACKEND": env(
        "DJANGO_STATICFILES_STORAGE",
        default="whitenoise.storage.CompressedManifestStaticFilesStorage",
    )
}
# Hashed files are cached for ten years by whitenoise; everything else for a minute.
WHITENOISE_MAX_AGE = 60

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="core.mail.FileAndConsoleBackend")
if env("EMAIL_URL", default=""):  # e.g. smtp://mailpit:1025 in Docker
    globals().update(env.email_url("EMAIL_URL"))
MAIL_DIR = Path(env("MAIL_DIR", default=str(VAR_DIR / "mail")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Expo UMKM <noreply@expo-umkm.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where a message no member of a business could receive is reported when the "Curator" group
# has nobody with an email address (vendors.notify).
CURATORS_EMAIL = env.list("CURATORS_EMAIL", default=[])

# --- Security -------------------------------------------------------------------------------
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 14 * 24 * 3600
# Sessions are read from the cache (Redis) and kept in the database as well: a signed-in page
# costs no session query, and nobody is signed out when the cache is emptied or down.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"

# No inline script or style anywhere, and no nonce: public pages are cached for every visitor
# (core.cache), so nothing in them may change per request. JSON-LD is a data block, which the
# CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_EXTRA_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Error reporting --------------------------------------------------------------------------
# Errors of web requests and Celery tasks go to Sentry (or GlitchTip) only when SENTRY_DSN is set;
# without it nothing is initialised and nothing leaves the machine. No personal data: buyers'
# emails, addresses and cookies stay out of the reports (send_default_pii=False).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from config.sentry import sentry_init

    sentry_init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
