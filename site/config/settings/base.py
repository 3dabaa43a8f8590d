"""Settings shared by every environment. Environment-specific modules import from here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from .environment import env_bool, env_list, env_str

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, in dependency order: core <- themes <- trajecten <- cases, articles, contact;
    # home and search read all.
    "core",
    "themes",
    "trajecten",
    "cases",
    "articles",
    "contact",
    "home",
    "search",
    # Wagtail and translation
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Security: Content-Security-Policy (its checks), admin login lockout.
    "csp",
    "axes",
    # The database queue for django-tasks, used in production (settings/production.py).
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body: a form post too large to read gets a page that says so.
    "core.middleware.OversizedFormPostMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out login into its lockout page (django-axes asks for it late: the page
    # cache below never serves a login).
    "axes.middleware.AxesMiddleware",
    # Last but one, so every middleware above also handles the pages it serves from the cache.
    "core.page_cache.PageCacheMiddleware",
    # The request's site, kept across requests (Wagtail reads it for every request); after
    # the page cache, which needs no site for what it serves.
    "core.middleware.KeptSiteMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite next to the project unless DATABASE_URL points elsewhere (PostgreSQL in CI/production).
# A kept connection is checked before its first use in a request, so one the database dropped
# (a restart) is replaced rather than failing the request. Production keeps them (production.py).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory on a laptop, Redis when REDIS_URL is set. Redis fails soft (core/cache.py):
# waits of at most 0.25 s to connect and to answer, an error is a miss, and after a failure
# Redis is left alone for a few seconds, so an unavailable Redis costs a request at most 0.5 s.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (core/page_cache.py): whole pages for visitors without a session, in
# the cache above (Redis in production: one cache for all workers; local memory is per process).
# Browsers may keep a page MAX_AGE seconds, a CDN SHARED_MAX_AGE (longer when it is purged on
# every change, see WAGTAILFRONTENDCACHE below); the cache itself at most TIMEOUT.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(env_str("PAGE_CACHE_TIMEOUT", "300"))
PAGE_CACHE_MAX_AGE = int(env_str("PAGE_CACHE_MAX_AGE", "60"))

# A CDN in front, purged on every change by wagtail.contrib.frontend_cache: an HTTP cache that
# takes PURGE requests (Varnish, nginx) at FRONTEND_CACHE_URL, or Cloudflare.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_URL"),
    }
if env_str("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env_str("CLOUDFLARE_ZONEID"),
    }
# Every page's URL is purged in its own language already (core/page_cache.py): Wagtail need not
# rewrite a /en/ URL into one per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
PAGE_CACHE_SHARED_MAX_AGE = int(
    env_str("PAGE_CACHE_SHARED_MAX_AGE", "3600" if WAGTAILFRONTENDCACHE else "60")
)

# django-axes first: it refuses a locked-out login before the password is checked. Its
# AxesBackend (not the standalone one) can also load a user, as Django's ModelBackend does:
# Wagtail's test utilities log in with the first backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch is the default at /, English at /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work goes through django-tasks. Immediate by default; production picks a queue backend.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "website@leertrajecten.local")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Mail is sent by the task worker, never in a request; a mail server that does not answer
# holds the worker no longer than this (seconds) before the mail is retried later.
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "10"))

# Contact and intake requests (site/contact): who is told of a new one, and how long requests
# are kept before `purge_contact_requests` deletes them.
CONTACT_REQUEST_RECIPIENTS = env_list(
    "CONTACT_REQUEST_RECIPIENTS", ["aanvragen@leertrajecten.local"]
)
CONTACT_REQUEST_RETENTION_MONTHS = int(env_str("CONTACT_REQUEST_RETENTION_MONTHS", "24"))
# Spam checks of the contact form (contact/spam.py): a form sent sooner than MIN_SECONDS after
# it was shown is suspected, one older than MAX_AGE_SECONDS is asked to be sent again; more
# than CONTACT_RATE_LIMIT requests per address in CONTACT_RATE_LIMIT_WINDOW seconds are
# suspected. Nonces and counters live in this cache (when it is down, requests are let through).
CONTACT_FORM_MIN_SECONDS = 3
CONTACT_FORM_MAX_AGE_SECONDS = 2 * 60 * 60
CONTACT_RATE_LIMIT = 5
CONTACT_RATE_LIMIT_WINDOW = 10 * 60
CONTACT_SPAM_CACHE = "default"

# A form sent without a valid CSRF token (expired session, cookies off) gets a page that
# explains it in the visitor's language and leads back, not Django's technical one.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers on every response (README, "Security"). HSTS and secure cookies are set in
# production.py: they only make sense over HTTPS.
# Frames: no page may be framed (X-Frame-Options DENY, CSP frame-ancestors 'none'), except the
# admin's own previews, which Wagtail answers with SAMEORIGIN and our admin policy allows.
X_FRAME_OPTIONS = "DENY"
# The origin only (never the path) to other sites; YouTube's player refuses embeds without it.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Sites whose players may be embedded (EmbedBlock, rich text embeds).
EMBED_FRAME_ORIGINS = env_list(
    "EMBED_FRAME_ORIGINS",
    [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
)
# The public site: scripts and styles from our static files only (no inline script or style, no
# per-request nonce, so whole pages can be cached), images from ourselves. JSON-LD data blocks
# are never run, so they need nothing here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": EMBED_FRAME_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (core/security.py) writes inline scripts and styles of its own and shows
# previews of our pages in frames of its own.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *EMBED_FRAME_ORIGINS],
        "frame-ancestors": [SELF],
    }
}
# Browser features the site never uses, off for it and for anything it embeds. Left alone:
# what embedded video players ask for (autoplay, fullscreen, encrypted-media, picture-in-picture,
# accelerometer and gyroscope for 360° video).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "camera",
        "display-capture",
        "geolocation",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "browsing-topics",
    )
}

# Admin (and front-end) logins: after AXES_FAILURE_LIMIT failed attempts for a user name from
# one address, that pair is locked out for AXES_COOLOFF_TIME (README, "Security"). Locking the
# pair, not the name alone, keeps anyone from locking an editor out by guessing at their name.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.throttling.login_locked_out"
# Page passwords (PageViewRestriction): failed attempts per address and restriction in a window
# (core/throttling.py).
PAGE_PASSWORD_ATTEMPTS = int(env_str("PAGE_PASSWORD_ATTEMPTS", "10"))
PAGE_PASSWORD_WINDOW = int(env_str("PAGE_PASSWORD_WINDOW", str(15 * 60)))

# Wagtail
WAGTAIL_SITE_NAME = "Leertrajecten"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search in the database: on PostgreSQL our backend, which stems each page in its own language
# (search/backends/postgres.py); elsewhere modelsearch's (SQLite: its FTS5 index).
DATABASE_SEARCH_BACKEND = {
    "BACKEND": "search.backends.postgres"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    else "wagtail.search.backends.database"
}
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
if env_str("ELASTICSEARCH_URL"):
    # Elasticsearch 9, answering from the database when the cluster does not (search/backends/).
    # Both are kept up to date on save, the database first so a slow cluster cannot hold it up.
    WAGTAILSEARCH_BACKENDS = {
        "database": DATABASE_SEARCH_BACKEND,
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [env_str("ELASTICSEARCH_URL")],
            "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "leertrajecten_"),
            "TIMEOUT": float(env_str("ELASTICSEARCH_TIMEOUT", "1")),
            "FALLBACK": "database",
        },
    }
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "webp", "gif": "gif"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin makes no requests to third parties: no avatars from Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# wagtail-localize: a new or synced translation is saved as a draft, never published with text
# that is still in the source language; the translator publishes it from the translation editor.
# Until then visitors get the source page, marked as such (core/links.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation in the translation editor: DeepL when a key is set, off otherwise.
if env_str("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env_str("DEEPL_AUTH_KEY")},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
