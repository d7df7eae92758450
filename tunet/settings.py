"""Settings for Tunet.

Everything that differs between a laptop and production comes from environment variables,
with safe local defaults: with nothing set, Tunet runs in debug mode on SQLite and prints
e-mail to the console. See README.md, "Production".
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default="SECRET_KEY" not in os.environ)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# How long an invitation link (a relative's, a participant's) can be used, in days.
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "7"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tunet.core",
    "tunet.accounts",
    "tunet.catalogue",
    "tunet.approval",
    "tunet.learning",
    "tunet.purchasing",
    "tunet.care",
    "tunet.daily",
    "tunet.portal",
    "tunet.insights",
    "tunet.api",
    "tunet.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page for a signed-in person carries personal data: Cache-Control: no-store, private.
    "tunet.accounts.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the response after every view has run.
    "axes.middleware.AxesMiddleware",
]

# The benchmark serves the same app plus its floor view (benchmark/urls.py).
ROOT_URLCONF = os.environ.get("TUNET_URLCONF", "tunet.urls")
WSGI_APPLICATION = "tunet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tunet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "tunet.accounts.context_processors.active_membership",
                "tunet.core.context_processors.map_settings",
            ],
        },
    },
]

# Widgets may use the project's templates (catalogue/widgets/); Django's own come from django.forms.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
# SQLite for `make run`; PostgreSQL (DATABASE_URL) in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins: two buyers accepting the last place at once
    # then queue instead of both reading "one free" (PostgreSQL locks the offer's row instead).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
elif (prepare_threshold := os.environ.get("DB_PREPARE_THRESHOLD", "5")) != "off":
    # The catalogue's search queries (catalogue/search/prepared.py) bind their parameters on the server, and
    # psycopg prepares one the connection has run this many times: PostgreSQL then keeps its plan.
    # Django's own queries bind on the client and are never prepared. "off" for a connection pooler
    # that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = int(prepare_threshold)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# One cache shared by every app server (REDIS_URL) in production; per process otherwise.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- People and passwords ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:start"
LOGOUT_REDIRECT_URL = "core:front"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Asking for a new password, per hour: from one client address (more are refused), and for one e-mail
# address (more send nothing, and the page says the same).
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("PASSWORD_RESET_ADDRESS_LIMIT", "20"))
PASSWORD_RESET_EMAIL_LIMIT = int(os.environ.get("PASSWORD_RESET_EMAIL_LIMIT", "3"))

# Lockout after repeated failed logins: five wrong passwords for one e-mail address from one
# address lock that pair for fifteen minutes, and a successful login clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail address in the field Django calls "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tunet.accounts.views.lockout"
# Behind reverse proxies (a load balancer) the client's address is the PROXY_COUNT-th from the right in
# X-Forwarded-For; accounts.throttle.client_address reads it for django-axes.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "tunet.accounts.throttle.client_address"
# Failed logins from one address over all accounts within the cool-off time before every login from
# it waits (guessing one password for many accounts never reaches the per-account limit).
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Language ---------------------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end packages are installed from npm by `make` and served straight from node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "tunet" / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# After a placement ends, the farm keeps the participant's name, attendance and invoice basis for this
# many years after the last day (the Bookkeeping Act's five years for accounting records), then sees
# them no more; the address, contact details and adaptations it no longer sees from the last day.
FARM_HISTORY_YEARS = int(os.environ.get("FARM_HISTORY_YEARS", "5"))

# Farm photos: at most this many bytes each, and only these image formats (checked by content).
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
# Photos claiming more pixels than this are refused (a few bytes can claim a picture too big to open).
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(40_000_000)))
# Documents in a farm's vault and evidence (PDF or photo, checked by content): at most this many bytes.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))

# Background work (reminders, deadlines, e-mail) through Django's task API. Locally a task runs
# at once, in the request that enqueues it. In production set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker` beside the app;
# `manage.py daily_tasks` (from cron, once a day) enqueues the time-driven work.
DAILY_TASKS = [
    "tunet.approval.tasks.run_daily",
    "tunet.purchasing.tasks.run_daily",
    "tunet.care.tasks.run_daily",
    # After care's: the statistics add up the attendance of the day's state of the placements.
    "tunet.insights.tasks.run_daily",
]
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# How long the rendered content of a catalogue search is kept (0 turns it off). Any change
# to a farm, offer, photo or approval replaces the whole catalogue at once (catalogue/page_cache.py).
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "60"))

# Map background tiles. Tile servers have usage policies: set MAP_TILE_URL to your own or a
# commercial tile service in production.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-bidragsytere")
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL.replace("{", "").replace("}", "")))


# --- The REST API (tunet/api, README "API") ---------------------------------------------------------
# The embedded default authenticates an API client by its key. Another scheme (Maskinporten's OAuth2
# client credentials: a JWT access token) is a class listed here, before or instead of the default.
API_AUTHENTICATION_CLASSES = env_list("API_AUTHENTICATION_CLASSES", "tunet.api.auth.ClientKeyAuthentication")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": API_AUTHENTICATION_CLASSES,
    "DEFAULT_PERMISSION_CLASSES": ["tunet.api.auth.HasScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "tunet.api.problems.ProblemJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["tunet.api.auth.ClientRateThrottle", "tunet.api.auth.PublicRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "client": os.environ.get("API_CLIENT_RATE", "600/minute"),
        "anon": os.environ.get("API_PUBLIC_RATE", "120/minute"),
    },
    "EXCEPTION_HANDLER": "tunet.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tunet API",
    "DESCRIPTION": (
        "Inn på tunet: den offentlige katalogen over godkjente gårder, kommuneregisteret og håndboken "
        "for alle; innkjøp, plasser, oppmøte og fakturagrunnlag for virksomhetenes API-klienter. "
        "Feil er RFC 9457-problemer (application/problem+json) med norsk «detail»."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our own static files (drf-spectacular-sidecar): no CDN, and the CSP stays strict.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No links inside the operations' summary buttons (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}


# --- E-mail -----------------------------------------------------------------------------------
def email_settings(url):
    """Read EMAIL_URL: console:// (default), smtp://user:pass@host:587?tls=1, or smtps://..."""
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": parts.scheme == "smtp" and options.get("tls", "1") not in {"0", "false"},
        }
    raise ImproperlyConfigured(f"EMAIL_URL has an unknown scheme: {parts.scheme!r}")


globals().update(email_settings(os.environ.get("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tunet <ikke-svar@tunet.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------------------------
# Content-Security-Policy: scripts and styles only from our own origin, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
