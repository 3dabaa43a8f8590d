"""Test settings: SQLite unless DATABASE_URL is set, fast hashing, media in a temporary folder."""

import tempfile
import uuid

from .base import *  # noqa: F403
from .environment import env_str

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="leertrajecten-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not env_str("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

# A Redis cache (REDIS_URL in CI) is shared between runs: keep each run's keys apart.
CACHES["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"  # noqa: F405
if "OPTIONS" in CACHES["default"]:  # noqa: F405
    # On a loaded CI machine Redis may answer later than production's 0.25 s: that must not
    # open the fail-soft breaker, which would drop the clearing of cached site root paths
    # between tests (tests/support.py). tests/test_fail_soft_cache.py sets its own timeouts.
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 5, "socket_timeout": 5}  # noqa: F405

# Tests measure real rendering (query counts, content after a change); tests/test_page_cache.py
# turns the page cache on.
PAGE_CACHE_ENABLED = False

# Django's test client logs in without a request, which django-axes refuses: off in tests, on in
# the tests of throttled logins (tests/test_throttling.py).
AXES_ENABLED = False
