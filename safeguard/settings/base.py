"""Settings shared by every environment. Everything that differs comes from the environment."""

import json
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from safeguard.settings.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("SAFEGUARD_VAR_DIR", str(REPO_DIR / "var")))

SECRET_KEY = env_str("SAFEGUARD_SECRET_KEY")
DEBUG = env_bool("SAFEGUARD_DEBUG", False)
ALLOWED_HOSTS = env_list("SAFEGUARD_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("SAFEGUARD_CSRF_TRUSTED_ORIGINS", [])

# Lets the printed demo sign-ins skip MFA. Only `make run` turns it on; production refuses it.
DEMO_SKIP_MFA = env_bool("SAFEGUARD_DEMO_SKIP_MFA", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_tasks",
    "django_tasks_db",
    "safeguard.core",
    "safeguard.govuk_forms",
    "safeguard.partners",
    "safeguard.people",
    "safeguard.mash",
    "safeguard.training",
    "safeguard.returns",
    "safeguard.governance",
    "safeguard.scorecard",
    "safeguard.reports",
    "safeguard.api",
    "safeguard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "safeguard.core.security_log.RequestAtHandMiddleware",
    "safeguard.core.middleware.ApiErrorsAsJsonMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safeguard.partners.middleware.MfaRequiredMiddleware",
    "safeguard.core.middleware.SignInRequiredMiddleware",
    "safeguard.core.security_log.RefusalsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "safeguard.core.middleware.PrivateResponseHeadersMiddleware",
    # Innermost, so that its own answers (a repeat's redirect, "already sent") get the
    # headers every other answer gets.
    "safeguard.core.submissions.OncePerSubmissionMiddleware",
]

ROOT_URLCONF = "safeguard.urls"
WSGI_APPLICATION = "safeguard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "safeguard.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "safeguard.core.context_processors.layout",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'safeguard.sqlite3'}"),
        conn_max_age=env_int("SAFEGUARD_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions serialise writers, which the access log's hash chain relies on.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = ["safeguard.partners.auth.EmailBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
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
LOGIN_URL = "partners:sign-in"
LOGIN_REDIRECT_URL = "core:home"

# The proxies whose word on the client's address is believed (addresses or networks), and the
# header they put it in. Without them, the client is whoever connected (core/clients.py).
TRUSTED_PROXIES = env_list("SAFEGUARD_TRUSTED_PROXIES", [])
CLIENT_ADDRESS_HEADER = env_str("SAFEGUARD_CLIENT_ADDRESS_HEADER", "X-Forwarded-For")

# Sign-in protection: past so many failures for one account, or from one client, each further
# attempt waits a delay that doubles from the first to the longest; failures are forgotten after
# a quiet spell. A delayed account still lets in whoever gives the password and the code
# together. Counters live in the database so every app process sees them.
SIGN_IN_MAX_FAILURES = env_int("SAFEGUARD_SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_CLIENT_MAX_FAILURES = env_int("SAFEGUARD_SIGN_IN_CLIENT_MAX_FAILURES", 20)
SIGN_IN_FIRST_DELAY_SECONDS = env_int("SAFEGUARD_SIGN_IN_FIRST_DELAY_SECONDS", 30)
SIGN_IN_MAX_DELAY_SECONDS = env_int("SAFEGUARD_SIGN_IN_MAX_DELAY_SECONDS", 900)
SIGN_IN_FORGET_MINUTES = env_int("SAFEGUARD_SIGN_IN_FORGET_MINUTES", 60)
ACCOUNT_ACTIVATION_HOURS = env_int("SAFEGUARD_ACCOUNT_ACTIVATION_HOURS", 72)
BREAK_GLASS_MINUTES = env_int("SAFEGUARD_BREAK_GLASS_MINUTES", 60)
# IG's page of security events flags whoever is refused this many times in the window.
SECURITY_REFUSALS_WINDOW_HOURS = env_int("SAFEGUARD_REFUSALS_WINDOW_HOURS", 24)
SECURITY_REFUSALS_ALERT = env_int("SAFEGUARD_REFUSALS_ALERT", 10)

# The access log's signed checkpoints (ADR 20). Only the checkpoint job is given the signing
# key; whoever checks the log needs only the verify key. Rows after a checkpoint must not be
# dated before it by more than the app servers' clocks can differ.
ACCESS_LOG_SIGNING_KEY = env_str("SAFEGUARD_ACCESS_LOG_SIGNING_KEY")
ACCESS_LOG_VERIFY_KEY = env_str("SAFEGUARD_ACCESS_LOG_VERIFY_KEY")
ACCESS_LOG_CLOCK_SKEW_SECONDS = env_int("SAFEGUARD_ACCESS_LOG_CLOCK_SKEW_SECONDS", 300)

# Sessions live in the database and end after 30 minutes without a request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SAFEGUARD_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SAFEGUARD_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "safeguard.core.views.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# Uploaded files live outside the web root and are served only through an access check.
PRIVATE_FILES_ROOT = Path(env_str("SAFEGUARD_PRIVATE_FILES", str(VAR_DIR / "private")))
ATTACHMENT_MAX_BYTES = env_int("SAFEGUARD_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Workbooks (zip archives) are checked before they are opened (core/archives.py): no sheet may
# unpack to more than the first, no other part (read into memory whole: shared strings,
# styles...) to more than the second, nor all parts to more than the third, nor any part to
# more than so many times its packed size. Real Annex A workbooks are far below them all; the
# import stays under 400 MB.
ARCHIVE_MAX_MEMBER_BYTES = env_int("SAFEGUARD_ARCHIVE_MAX_MEMBER_BYTES", 48 * 1024 * 1024)
ARCHIVE_MAX_WHOLE_PART_BYTES = env_int("SAFEGUARD_ARCHIVE_MAX_WHOLE_PART_BYTES", 6 * 1024 * 1024)
ARCHIVE_MAX_TOTAL_BYTES = env_int("SAFEGUARD_ARCHIVE_MAX_TOTAL_BYTES", 96 * 1024 * 1024)
ARCHIVE_MAX_RATIO = env_int("SAFEGUARD_ARCHIVE_MAX_RATIO", 100)
# A return import that has not finished after this long is taken to have lost its worker, where
# the database cannot say so at once (SQLite: PostgreSQL holds a lease for the worker).
RETURNS_JOB_STALE_MINUTES = env_int("SAFEGUARD_RETURNS_JOB_STALE_MINUTES", 60)
# An Annex A workbook's rows are held in memory while it is checked: a bound on their number
# bounds the memory (a large council's lists come to tens of thousands of rows).
ANNEX_A_MAX_ROWS = env_int("SAFEGUARD_ANNEX_A_MAX_ROWS", 150_000)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [REPO_DIR / "build" / "static"]
MEDIA_ROOT = PRIVATE_FILES_ROOT  # never served directly: no MEDIA_URL route exists
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_BACKEND = env_str("SAFEGUARD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("SAFEGUARD_FROM_EMAIL", "safeguard@partnership.example")

# Working time for every statutory clock: opening hours on weekdays that are not England and
# Wales bank holidays. The MASH clocks below count in it (reference section 1.2; ADR 15).
WORKING_HOURS = tuple(env_list("SAFEGUARD_WORKING_HOURS", ["09:00", "17:00"]))
MASH_CLOCKS = json.loads(
    env_str(
        "SAFEGUARD_MASH_CLOCKS",
        '{"decision": {"days": 1}, "red": {"clock_hours": 4}, "amber": {"days": 1},'
        ' "green": {"days": 3}}',
    )
)
# The local threshold document's levels on the continuum of need.
MASH_THRESHOLD_LEVELS = json.loads(
    env_str(
        "SAFEGUARD_MASH_THRESHOLD_LEVELS",
        '{"1": "Universal: needs met by universal services",'
        ' "2": "Additional needs: early help",'
        ' "3": "Complex needs: child in need",'
        ' "4": "Acute needs: child protection"}',
    )
)
# Which levels of need each outcome may be recorded with (ADR 22): a section 47 strategy
# discussion at "Level 1: universal" is a slip, refused before it is locked in. Local threshold
# documents differ, so partnerships set their own.
MASH_OUTCOME_LEVELS: dict[str, list[int]] = json.loads(
    env_str(
        "SAFEGUARD_MASH_OUTCOME_LEVELS",
        '{"nfa": [1, 2], "advice": [1, 2], "early_help": [2, 3], "assessment": [3, 4],'
        ' "strategy": [4], "already_open": [3, 4]}',
    )
)
MASH_RATIONALE_MAX = env_int("SAFEGUARD_MASH_RATIONALE_MAX", 5000)
# Out of working hours, red and urgent notifications go to the work list of this team's MASH
# staff: the emergency duty team (ADR 15). A team of that name in any agency counts.
MASH_EDT_TEAM = env_str("SAFEGUARD_MASH_EDT_TEAM", "Emergency Duty Team")
# A referrer's escalation of a decision is answered within this many working days (ADR 22).
# Local resolution procedures set their own; five is a common first stage [U].
MASH_ESCALATION_DAYS = env_int("SAFEGUARD_MASH_ESCALATION_DAYS", 5)
MASH_REPEAT_MONTHS = env_int("SAFEGUARD_MASH_REPEAT_MONTHS", 12)

# Training (issue 4). The self-rating scales and their thresholds default to the seed's; a
# cancellation this close to the session, or not turning up, is charged to a non-partner.
TRAINING_KNOWLEDGE_SCALE = json.loads(
    env_str(
        "SAFEGUARD_TRAINING_KNOWLEDGE_SCALE",
        '["Poor", "Basic", "Good", "Very good", "Excellent"]',
    )
)
TRAINING_KNOWLEDGE_THRESHOLD = env_str("SAFEGUARD_TRAINING_KNOWLEDGE_THRESHOLD", "Good")
TRAINING_CONFIDENCE_SCALE = json.loads(
    env_str(
        "SAFEGUARD_TRAINING_CONFIDENCE_SCALE",
        '["Not confident", "Somewhat confident, need guidance",'
        ' "Confident, need guidance in complex situations", "Confident", "Very confident"]',
    )
)
TRAINING_CONFIDENCE_THRESHOLD = env_str(
    "SAFEGUARD_TRAINING_CONFIDENCE_THRESHOLD", "Confident, need guidance in complex situations"
)
TRAINING_LATE_CANCELLATION_DAYS = env_int("SAFEGUARD_TRAINING_LATE_CANCELLATION_DAYS", 5)
TRAINING_INVOICE_DUE_DAYS = env_int("SAFEGUARD_TRAINING_INVOICE_DUE_DAYS", 30)
TRAINING_REMINDER_DAYS = env_int("SAFEGUARD_TRAINING_REMINDER_DAYS", 2)
# Public booking (issue 17): a booking is held only once its email address is confirmed, within
# so many hours; no client, nor address, books more than so many times an hour; a delegate's
# link works until so many days after the session (to rate it and download the certificate).
TRAINING_CONFIRM_HOURS = env_int("SAFEGUARD_TRAINING_CONFIRM_HOURS", 24)
TRAINING_BOOKINGS_PER_CLIENT_HOUR = env_int("SAFEGUARD_TRAINING_BOOKINGS_PER_CLIENT_HOUR", 10)
TRAINING_BOOKINGS_PER_EMAIL_HOUR = env_int("SAFEGUARD_TRAINING_BOOKINGS_PER_EMAIL_HOUR", 3)
TRAINING_LINK_DAYS_AFTER = env_int("SAFEGUARD_TRAINING_LINK_DAYS_AFTER", 90)

# The person matcher's bands (the DfE SUI matcher's): a match at or above the first, a possible
# match at or above the second. Fixed before any data is seen; never tuned to a dataset.
PEOPLE_MATCH_THRESHOLD = float(env_str("SAFEGUARD_MATCH_THRESHOLD", "0.95"))
PEOPLE_POSSIBLE_THRESHOLD = float(env_str("SAFEGUARD_POSSIBLE_THRESHOLD", "0.85"))

SERVICE_NAME = "Safeguard"
# Where emails point people (the public address of the service).
SITE_URL = env_str("SAFEGUARD_SITE_URL", "http://127.0.0.1:8000")
PHASE = env_str("SAFEGUARD_PHASE", "Beta")
# The partnership the yearly report is published by (its author, in the PDF's metadata).
PARTNERSHIP_NAME = env_str("SAFEGUARD_PARTNERSHIP_NAME", "Local Safeguarding Children Partnership")

# Personal data never reaches logs: only warnings and errors, without request bodies, and a
# filter on every handler takes the values out of database errors (core/log_filters.py).
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_values": {"()": "safeguard.core.log_filters.DatabaseValuesFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_values"]}},
    "root": {"handlers": ["console"], "level": env_str("SAFEGUARD_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        # Statements with their parameters: never, whatever SAFEGUARD_LOG_LEVEL says.
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports each screen-only CSS rule it skips, and its font subsetting.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# The DfE's rule validators, in the virtual environment `make validators` builds (they pin an
# old pandas, so they cannot share the app's).
DFE_VALIDATORS_DIR = Path(env_str("SAFEGUARD_DFE_VALIDATORS", str(VAR_DIR / "dfe-validators")))
DFE_VALIDATORS_SCRIPT = REPO_DIR / "tools" / "dfe_validators" / "run.py"
