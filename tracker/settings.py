"""Settings for the Ceasefire Tracker: one module, read from the environment.

Every variable is documented in ``.env.example``. Values are read once, from
the environment and then the local ``.env`` (:mod:`tracker.envfile`), through
the typed helpers in :mod:`tracker.env`, which refuse bad values at start-up
with a message naming the variable. With nothing set, the service runs on its
embedded defaults: SQLite and Celery's filesystem broker under ``var/``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

from tracker import broker, envfile
from tracker.env import env

BASE_DIR = Path(__file__).resolve().parent.parent
# A local .env fills in what the real environment leaves unset (`make run` writes
# a development one on first start: see tracker/envfile.py).
ENV_FILE = envfile.path()
load_dotenv(ENV_FILE, override=False)

VAR_DIR = Path(env.string("VAR_DIR", str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Core -----------------------------------------------------------------

DEBUG = env.boolean("DEBUG", False)

SECRET_KEY = env.string("SECRET_KEY")
_NEW_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured(
        f"SECRET_KEY is not set. It is required when DEBUG is off: set SECRET_KEY to a long "
        f"random string ({_NEW_KEY}), or set DEBUG=true for local development "
        f"(`make run` writes a development .env that does both)."
    )
if not DEBUG and envfile.is_development_key(SECRET_KEY):
    # Whatever brought it here (the .env `make run` wrote, a compose env_file made
    # from it, a copied value): a development key never signs anything in production.
    raise ImproperlyConfigured(
        f"SECRET_KEY is a development key (it starts with {envfile.DEVELOPMENT_KEY_PREFIX!r}, like the "
        f"one `make run` writes into .env) and DEBUG is off. A deployment needs a key of its own: set "
        f"SECRET_KEY to a long random string ({_NEW_KEY}), e.g. in a .env copied from .env.example."
    )
if not SECRET_KEY:
    SECRET_KEY = envfile.DEVELOPMENT_KEY_PREFIX + "development-only-never-use-in-production"
# Former keys, comma-separated, during a rotation: what they signed or encrypted (sessions,
# webhook secrets) is still read, and everything new uses SECRET_KEY.
SECRET_KEY_FALLBACKS = env.strings("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env.strings("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.strings("CSRF_TRUSTED_ORIGINS", [])
HOST = env.host("HOST", "127.0.0.1")
PORT = env.integer("PORT", 8000, minimum=1, maximum=65535)
# Where clients reach the service: the base of the URLs in webhook payloads.
# An IPv6 zone ("fe80::1%eth0") is "%25eth0" in a URL (RFC 6874).
PUBLIC_BASE_URL = env.string("PUBLIC_BASE_URL", f"http://{HOST.replace('%', '%25')}:{PORT}").rstrip("/")
if not PUBLIC_BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"PUBLIC_BASE_URL={PUBLIC_BASE_URL!r} must start with http:// or https://.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "agreements",
    "webhooks",
    "tracker.apps.TrackerConfig",
]

MIDDLEWARE = [
    "tracker.logging.RequestLogMiddleware",
    "tracker.middleware.RejectNulMiddleware",
    "tracker.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tracker.middleware.AdminRaceMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
ASGI_APPLICATION = "tracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tracker" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------

DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat write to one file at once. WAL lets
    # readers go on while one writer writes; IMMEDIATE transactions take the
    # write lock up front, so two writers queue on the busy timeout instead of
    # failing midway with "database is locked" when one upgrades its read lock.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.integer("SQLITE_BUSY_TIMEOUT_SECONDS", 30, minimum=1),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # A file, not memory: tests start real workers that must see the same data.
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-{Path(_db['NAME']).stem}.sqlite3")}
else:
    _db["CONN_MAX_AGE"] = env.integer("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    _db["CONN_HEALTH_CHECKS"] = True
    _db["OPTIONS"] = {
        "connect_timeout": env.integer("DATABASE_CONNECT_TIMEOUT", 5, minimum=1),
        # A runaway query is cut off instead of holding a connection forever.
        "options": f"-c statement_timeout={env.integer('DATABASE_STATEMENT_TIMEOUT_MS', 30000, minimum=0)}",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttle counts live here, shared by every process that serves the API: by
# default a file cache under VAR_DIR (the processes of one machine, as make run
# starts them); Redis to share them between machines.
CACHES = {"default": env.cache("CACHE_URL", f"file://{VAR_DIR / 'cache'}")}

# --- Auth -------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "en-gb"
# ISO 8601 dates in the admin, as in the API; months by name and the time zone shown (tracker/formats).
FORMAT_MODULE_PATH = ["tracker.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security (behind a TLS-terminating reverse proxy in production) ----------

_secure = not DEBUG
_trust_proxy = env.boolean("TRUST_X_FORWARDED_PROTO", _secure)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _trust_proxy else None
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", _secure)
# Health probes come from inside the network, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000 if _secure else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", _secure)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", _secure)
SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", _secure)
CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", _secure)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Request bodies larger than this are refused with 413 (the API's parser and Django's own check).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.integer("MAX_REQUEST_BODY_BYTES", 1_048_576, minimum=1024)
# The PA-X upload in the admin is a file, held on disk past this size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- HTTP API -----------------------------------------------------------------

API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 200
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["utilities.api.permissions.ModelPermissionsOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "utilities.api.pagination.PageNumberPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_FILTER_BACKENDS": [
        "utilities.api.filtering.FilterBackend",
        "agreements.api.search.FoldedSearchFilter",
        "utilities.api.ordering.OrderingFilter",
        "utilities.api.shape.ShapeParameters",
    ],
    "SEARCH_PARAM": "q",
    "DEFAULT_THROTTLE_CLASSES": [
        "utilities.api.throttling.AnonRateThrottle",
        "utilities.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.rate("API_THROTTLE_ANON", "120/minute"),
        "user": env.rate("API_THROTTLE_USER", "1200/minute"),
    },
    # Anonymous clients are counted by address: the connection's own unless proxies in front
    # append theirs to X-Forwarded-For (then the one the nearest proxy saw). A client's own
    # X-Forwarded-For is never taken as its address.
    "NUM_PROXIES": env.integer("API_NUM_PROXIES", 0, minimum=0, maximum=10),
    "DEFAULT_SCHEMA_CLASS": "utilities.api.schema.TrackerAutoSchema",
    "EXCEPTION_HANDLER": "utilities.api.errors.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["utilities.api.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Ceasefire Tracker API",
    "DESCRIPTION": (
        "Ceasefire and peace agreements as structured, sourced records: agreements, "
        "signatories and their roles, commitments and their deadlines, every status change "
        "with its sources, and a timeline of deadlines that passed unmet.\n\n"
        "Reading is open to anyone. Writing needs a token (`Authorization: Token …`, get one "
        "with `python manage.py drf_create_token USER`) of a user in the *editors* group."
    ),
    "VERSION": "1.0.0",
    # 3.1: schemas are JSON Schema (examples are checked with a plain validator), and webhooks have a place.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "utilities.api.schema.allow_empty_query_values",
        "utilities.api.schema.blank_or_formatted",
        "utilities.api.schema.shaped_list_items",
        "agreements.api.event_schema.document_events",
        "agreements.api.examples.add_examples",
        "utilities.api.schema.drop_unused_components",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "agreements.choices.ActorKind",
        "AgreementKindEnum": "agreements.choices.AgreementKind",
        "AgreementTypeEnum": "agreements.models.agreement.AgreementType",
        "DatePrecisionEnum": "agreements.choices.DatePrecision",
        "SignatoryRoleEnum": "agreements.choices.SignatoryRole",
        "LinkKindEnum": "agreements.choices.LinkKind",
        "CommitmentCategoryEnum": "agreements.choices.CommitmentCategory",
        "CommitmentStatusEnum": "agreements.choices.CommitmentStatus",
        "DeadlinePrecisionEnum": "agreements.choices.DeadlinePrecision",
        "DeadlineStateEnum": "agreements.choices.DeadlineState",
        "DeadlineTargetStateEnum": "agreements.choices.DEADLINE_TARGET_STATES",
        "EventTypeEnum": "agreements.choices.EventType",
        "EndpointStatusEnum": "webhooks.models.EndpointStatus",
        "DeliveryStateEnum": "webhooks.models.DeliveryState",
        "SubscribableEventTypeEnum": "webhooks.models.SUBSCRIBABLE",
    },
    # Swagger UI's files are served from here, not a CDN: the docs work offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": True, "tryItOutEnabled": True},
}

# --- Deadline engine (Celery) -------------------------------------------------

DEADLINE_SWEEP_SECONDS = env.integer("DEADLINE_SWEEP_SECONDS", 60, minimum=1, maximum=86400)
DEADLINE_REMINDER_LEADS: list[timedelta] = env.durations("DEADLINE_REMINDER_LEADS", "7d,1d")
DEADLINE_SWEEP_BATCH_SIZE = env.integer("DEADLINE_SWEEP_BATCH_SIZE", 2000, minimum=1, maximum=50000)
# Database connections one sweep drains a backlog on (PostgreSQL; SQLite has one writer).
DEADLINE_SWEEP_CONNECTIONS = env.integer("DEADLINE_SWEEP_CONNECTIONS", 2, minimum=1, maximum=16)

_broker_url = env.broker_url("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_IS_FILESYSTEM = _broker_url.startswith("filesystem://")
# The folders are the transport options below; the host only quiets kombu's warning.
CELERY_BROKER_URL: str = "filesystem://localhost/" if _broker_url == "filesystem://" else _broker_url
BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_IS_FILESYSTEM:
    CELERY_BROKER_TRANSPORT_OPTIONS = broker.folder_options(BROKER_DIR)
    # kombu's filesystem transport, writing each message whole and handing it to one
    # worker only (tracker/broker.py says what the stock one gets wrong).
    CELERY_BROKER_TRANSPORT: str | None = "tracker.broker:Transport"
else:
    CELERY_BROKER_TRANSPORT = None
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A task taken but not acknowledged (acks_late) returns to the queue after
        # this long. It must exceed the longest task; ours take seconds, and every
        # task is idempotent, so an early return costs a repeat, never a loss.
        "visibility_timeout": env.integer("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60),
        "socket_timeout": env.integer("REDIS_SOCKET_TIMEOUT", 10, minimum=1),
        "socket_connect_timeout": env.integer("REDIS_CONNECT_TIMEOUT", 5, minimum=1),
        "retry_on_timeout": True,
        "health_check_interval": 25,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = env.integer("REDIS_CONNECT_TIMEOUT", 5, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULER = "tracker.beat.HeartbeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
CELERY_BEAT_SCHEDULE = {
    "sweep-deadlines": {
        "task": "agreements.sweep_deadlines",
        "schedule": float(DEADLINE_SWEEP_SECONDS),
        # A sweep still queued when the next one is due is redundant: drop it, so a
        # worker back from an outage runs one sweep, not a pile of them.
        "options": {"expires": float(DEADLINE_SWEEP_SECONDS)},
    },
}

# --- Webhooks -----------------------------------------------------------------

# true lets subscribers on 127.0.0.1/::1 receive (development and tests only);
# private, link-local and metadata addresses stay refused either way.
WEBHOOK_ALLOW_LOOPBACK = env.boolean("WEBHOOK_ALLOW_LOOPBACK", False)
# How often beat runs the dispatcher (fan-out and due retries); new events also nudge it at once.
WEBHOOK_DISPATCH_SECONDS = env.integer("WEBHOOK_DISPATCH_SECONDS", 5, minimum=1, maximum=3600)
WEBHOOK_CONNECT_TIMEOUT_SECONDS = env.integer("WEBHOOK_CONNECT_TIMEOUT_SECONDS", 5, minimum=1, maximum=60)
# The whole exchange with a receiver, connect to last byte read.
WEBHOOK_TIMEOUT_SECONDS = env.integer("WEBHOOK_TIMEOUT_SECONDS", 15, minimum=1, maximum=120)
WEBHOOK_MAX_RESPONSE_BYTES = env.integer("WEBHOOK_MAX_RESPONSE_BYTES", 65536, minimum=1024)
# Deliveries sent at once by one dispatcher, and claimed per round.
WEBHOOK_CONCURRENCY = env.integer("WEBHOOK_CONCURRENCY", 100, minimum=1, maximum=1000)
WEBHOOK_BATCH_SIZE = env.integer("WEBHOOK_BATCH_SIZE", 500, minimum=1, maximum=10000)
# How long the previous secret keeps signing after a rotation.
WEBHOOK_SECRET_ROTATION_HOURS = env.integer("WEBHOOK_SECRET_ROTATION_HOURS", 24, minimum=0, maximum=720)
CELERY_BEAT_SCHEDULE["dispatch-webhooks"] = {
    "task": "webhooks.dispatch",
    "schedule": float(WEBHOOK_DISPATCH_SECONDS),
    "options": {"expires": float(WEBHOOK_DISPATCH_SECONDS)},
}

# --- Logging ------------------------------------------------------------------

LOG_LEVEL = env.string("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL.")
LOG_FORMAT = env.string("LOG_FORMAT", "json").lower()
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not one of json, text.")
_TASK_CHATTER = "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tracker.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "tracker.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Our own request line replaces Django's.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "httpx": {"level": "WARNING"},
        # Celery's line for every task received and done, and beat's for every task sent: with the
        # dispatcher every few seconds they drown everything else, so at LOG_LEVEL=DEBUG only.
        # A task that fails is still logged (an error).
        **{name: {"level": _TASK_CHATTER} for name in ("celery.app.trace", "celery.worker.strategy", "celery.beat")},
    },
}
