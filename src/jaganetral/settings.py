"""Django settings for JagaNetral. Everything that varies between machines comes from the environment.

| variable         | default                                   |
|------------------|-------------------------------------------|
| DATABASE_URL     | sqlite:///<var>/jaganetral.sqlite3        |
| SECRET_KEY       | generated into <var>/secret_key           |
| ALLOWED_HOSTS    | 127.0.0.1,localhost                       |
| DEBUG            | false                                     |
| HTTPS            | false (secure cookies + HSTS when true)   |
| JAGANETRAL_VAR_DIR | ./var                                   |

An invalid value raises :class:`jaganetral.lib.envconf.SettingError` naming the variable.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url

from jaganetral.lib.envconf import (
    SettingError,
    check_database_url,
    env_bool,
    env_choice,
    env_emails,
    env_format,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_text,
)
from jaganetral.lib.private import PRIVATE_UMASK, tighten

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("JAGANETRAL_VAR_DIR", "var")).resolve()
# Owner-only from here on: every process (web, worker, tick, commands) reads these settings first.
os.umask(PRIVATE_UMASK)
VAR_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY", VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("HTTPS", False)

# --- database -------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'jaganetral.sqlite3'}"
DATABASE_URL = check_database_url("DATABASE_URL", os.environ.get("DATABASE_URL") or _default_db)
try:
    _db: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True))
except ValueError as exc:  # pragma: no cover - dj_database_url's own message
    raise SettingError("DATABASE_URL", str(exc)) from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets readers work while a writer commits; the busy timeout makes writers wait, not fail.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    if _db["NAME"] and _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["TEST"] = {"NAME": None}
if _db["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compilation: the statistics' aggregations over 100,000 cases cost more to
    # compile (up to 300 ms) than to run; an explicit ``options`` in DATABASE_URL wins.
    _db.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
_sqlite = _db["ENGINE"].endswith("sqlite3") and _db["NAME"] not in ("", ":memory:")
tighten(VAR_DIR, Path(_db["NAME"]) if _sqlite else None)
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "jaganetral.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "jaganetral.reference",
    "jaganetral.accounts",
    "jaganetral.rulebook",
    "jaganetral.intake",
    "jaganetral.screening",
    "jaganetral.cases",
    "jaganetral.privacy",
    "jaganetral.prevention",
    "jaganetral.insights",
    "jaganetral.ops",
]

MIDDLEWARE = [
    "jaganetral.core.middleware.NoStoreMiddleware",  # outermost: also on answers others replace
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jaganetral.core.middleware.ApiJsonErrorsMiddleware",
    "jaganetral.core.middleware.RefuseNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jaganetral.core.middleware.IndonesianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jaganetral.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jaganetral.urls"
WSGI_APPLICATION = "jaganetral.wsgi.application"

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
]

# --- accounts and login ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Failed log-ins slow the account down (growing delays, jaganetral.accounts.throttle) but never lock
# its owner out: the right password with the two-factor code always gets in. Nothing about the
# client (address, user agent) is kept. Two-factor is mandatory for these roles unless an
# administrator's role policy says otherwise.
ACCOUNTS_TWO_FACTOR_ROLES = env_list("ACCOUNTS_TWO_FACTOR_ROLES", ["admin", "custodian"])
# API tokens end after this many days (a new one is issued with `users token`).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
OTP_TOTP_ISSUER = "JagaNetral"

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# No persistent cookie on a reporter's device: the CSRF cookie ends with the browser session
# (Django's default would keep it a year). The reporter's own session cookie does too (intake.views).
CSRF_COOKIE_AGE = None
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from here after collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Several web machines share one media folder (NFS or similar): JAGANETRAL_MEDIA_DIR.
MEDIA_ROOT = env_path("JAGANETRAL_MEDIA_DIR", VAR_DIR / "media")

# --- safe reporting (intake) ----------------------------------------------------------------
# Seal key for reporter identities: JAGANETRAL_SEAL_KEY / JAGANETRAL_SEAL_KEY_FILE, else generated
# into <var>/seal_key (mode 0600). Never stored in the database. See jaganetral.lib.crypto.
INTAKE_SEAL_KEY_FILE = VAR_DIR / "seal_key"
INTAKE_EVIDENCE_DIR = MEDIA_ROOT / "evidence"
INTAKE_MAX_FILE_BYTES = env_int("INTAKE_MAX_FILE_MB", 20, minimum=1) * 1024 * 1024
INTAKE_MAX_REPORT_BYTES = env_int("INTAKE_MAX_REPORT_MB", 40, minimum=1) * 1024 * 1024
INTAKE_MAX_FILES = env_int("INTAKE_MAX_FILES", 10, minimum=1)
# Pixels all images of one report (or one later addition) may have together, read from their headers
# before anything is decoded; each image is also at most 60 megapixels (jaganetral.lib.files).
INTAKE_MAX_REQUEST_PIXELS = env_int("INTAKE_MAX_REQUEST_MEGAPIXELS", 100, minimum=1) * 1_000_000
# Rate limits per client address and site-wide: (count, seconds). Past one, a proof-of-work challenge
# is asked for instead of refusing (jaganetral.core.challenge). Counted where every process sees the
# same count: Redis when REDIS_URL is set, else the database (jaganetral.core.counters).
INTAKE_SUBMIT_RATE = (env_int("INTAKE_SUBMIT_PER_HOUR", 10, minimum=1), 3600)
INTAKE_SUBMIT_GLOBAL = (env_int("INTAKE_SUBMITS_PER_MIN", 60, minimum=1), 60)
INTAKE_LOOKUP_RATE = (env_int("INTAKE_LOOKUPS_PER_10_MIN", 20, minimum=1), 600)
# All failed receipt look-ups together, against guessing spread over many addresses.
INTAKE_LOOKUP_FAILURES_GLOBAL = (env_int("INTAKE_FAILED_LOOKUPS_PER_MIN", 300, minimum=1), 60)
# Argon2id for receipts (OWASP minimum profile; the receipt itself carries 80 secret bits).
INTAKE_RECEIPT_ARGON2 = {"time_cost": 2, "memory_cost": 19_456, "parallelism": 1}
INTAKE_IDENTITY_GRANT_HOURS = 24

# --- case register -------------------------------------------------------------------------
# Registration number per office and year, e.g. 001/REG/LP/PL/33.20/II/2024 (fields: seq, source
# LP/TM, election PL/PB, office region code, month in Roman numerals, year).
CASES_REGISTRATION_FORMAT = env_format(
    "CASES_REGISTRATION_FORMAT",
    "{seq:03d}/REG/{source}/{election}/{office}/{month}/{year}",
    {"seq": 1, "source": "LP", "election": "PL", "office": "33.20", "month": "II", "year": 2024},
)
# Outgoing letters are numbered per office and year, apart from the case register, e.g.
# 001/UND/K.JT-20/XII/2026 (fields: seq, kind UND/TL/PBT, unit = the office's code in letter numbers,
# office region code, month in Roman numerals, year). Issued letters are kept as issued.
CASES_LETTER_FORMAT = env_format(
    "CASES_LETTER_FORMAT",
    "{seq:03d}/{kind}/{unit}/{month}/{year}",
    {"seq": 1, "kind": "UND", "unit": "K.JT-20", "office": "33.20", "month": "XII", "year": 2026},
)
CASES_LETTER_DIR = MEDIA_ROOT / "letters"
# The receiving civil-service authority (BKN since KASN was dissolved in 2024), as the referral
# letter addresses it.
CASES_AUTHORITY_NAME = env_text("CASES_AUTHORITY_NAME", "Kepala Badan Kepegawaian Negara (BKN)")

# --- case attachments (berita acara scans, statements, photos added by supervisors) ----------
CASES_ATTACHMENT_DIR = MEDIA_ROOT / "case-attachments"
CASES_ATTACHMENT_MAX_FILE_BYTES = env_int("CASES_ATTACHMENT_MAX_FILE_MB", 20, minimum=1) * 1024 * 1024
CASES_ATTACHMENT_MAX_UPLOAD_BYTES = env_int("CASES_ATTACHMENT_MAX_UPLOAD_MB", 40, minimum=1) * 1024 * 1024
CASES_ATTACHMENT_MAX_FILES = env_int("CASES_ATTACHMENT_MAX_FILES", 10, minimum=1)  # per upload
CASES_ATTACHMENTS_PER_CASE = env_int("CASES_ATTACHMENTS_PER_CASE", 200, minimum=1)

# --- floods: shared counts, trusted proxies, proof of work ----------------------------------------
# The client address is taken from X-Forwarded-For only when the connecting address is one of these
# (addresses or networks, e.g. "127.0.0.1" for the TLS proxy on the same machine); empty: never.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise SettingError("TRUSTED_PROXIES", f"not an address or network: {_proxy!r}") from None
REDIS_URL = env_text("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
RATE_LIMIT_STORE = "cache" if REDIS_URL else "database"
# Hashes a client tries on average is half of this (about half a second in a phone's browser).
POW_MAX_NUMBER = env_int("POW_MAX_NUMBER", 50_000, minimum=10)

# --- statistics -----------------------------------------------------------------------------
# Figures are fresh for a minute (0: computed on every request), then answered stale while one
# background thread computes them afresh, for an hour at most (jaganetral.insights.cache).
INSIGHTS_CACHE_SECONDS = env_int("INSIGHTS_CACHE_SECONDS", 60, minimum=0)
INSIGHTS_STALE_SECONDS = env_int("INSIGHTS_STALE_SECONDS", 3600, minimum=0)

# --- background work ------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_TICK_SECONDS = env_int("WORKER_TICK_SECONDS", 60, minimum=1)

# --- e-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "JagaNetral <noreply@localhost>")
# An SMTP server that wants a log-in (the daily audit heads go to addresses outside the system).
EMAIL_HOST_USER = env_text("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = (
    Path(os.environ["EMAIL_HOST_PASSWORD_FILE"]).read_text(encoding="utf-8").strip()
    if os.environ.get("EMAIL_HOST_PASSWORD_FILE") and Path(os.environ["EMAIL_HOST_PASSWORD_FILE"]).is_file()
    else os.environ.get("EMAIL_HOST_PASSWORD", "")
)
if os.environ.get("EMAIL_HOST_PASSWORD_FILE") and not Path(os.environ["EMAIL_HOST_PASSWORD_FILE"]).is_file():
    raise SettingError("EMAIL_HOST_PASSWORD_FILE", f"no such file: {os.environ['EMAIL_HOST_PASSWORD_FILE']}")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise SettingError(
        "EMAIL_USE_SSL", "choose EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL (port 465), not both"
    )

# --- API ------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 100
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- operations: sessions across machines, anchored audit heads, privacy (ops, privacy) --------
# Sessions live in the database by default, which every web machine shares. "cached_db" also keeps
# them in the cache; only with a cache all machines share (Redis), never per-process memory.
SESSION_ENGINE = env_choice(
    "SESSION_ENGINE",
    "db",
    {
        "db": "django.contrib.sessions.backends.db",
        "cached_db": "django.contrib.sessions.backends.cached_db",
        "cache": "django.contrib.sessions.backends.cache",
    },
)
_cache_backend = globals().get("CACHES", {}).get("default", {}).get("BACKEND", "locmem")
if SESSION_ENGINE != "django.contrib.sessions.backends.db" and "locmem" in _cache_backend.lower():
    raise SettingError("SESSION_ENGINE", "cache and cached_db need a cache shared by all processes (Redis)")
# The daily export of the audit heads: signed with a key outside the database, written to a folder
# and mailed to addresses outside the system (``jaganetral audit verify --against FILE``).
AUDIT_SIGNING_KEY_FILE = VAR_DIR / "audit_signing_key"
AUDIT_HEADS_DIR = env_path("AUDIT_HEADS_DIR", VAR_DIR / "audit-heads")
AUDIT_HEADS_EMAIL = env_emails("AUDIT_HEADS_EMAIL")
# Who answers for the personal data (the privacy notice), and where data-subject requests go.
PRIVACY_CONTROLLER = env_text("PRIVACY_CONTROLLER", "Badan Pengawas Pemilihan Umum (Bawaslu)")
PRIVACY_CONTACT = env_text("PRIVACY_CONTACT", "")
# Notices: the site's public address for links in e-mails (e.g. https://jaganetral.example.go.id;
# empty: the e-mail names the page's path only), and the local hour the staff's daily digest goes.
SITE_URL = env_text("SITE_URL", "").rstrip("/")
NOTIFY_DIGEST_HOUR = env_int("NOTIFY_DIGEST_HOUR", 7)
if NOTIFY_DIGEST_HOUR > 23:
    raise SettingError("NOTIFY_DIGEST_HOUR", "an hour of the day, 0 to 23")

# --- logging: to stderr; never log request bodies (they may carry a reporter's identity) ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # No IP address reaches a log line (Django's warnings may quote one from a header).
    "filters": {"no_addresses": {"()": "jaganetral.lib.redact.RedactAddresses"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_addresses"]}
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
