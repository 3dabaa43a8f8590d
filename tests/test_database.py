"""CI must never fall back to SQLite without saying so.

`REQUIRE_DATABASE=postgresql|sqlite` (set by .ci/run for each of its two runs) names the vendor
the suite must be running on. Without it, `REQUIRE_POSTGRES=1` or `CI=true` require PostgreSQL.
The test is skipped only when none of these variables is set (a developer's laptop).
When REDIS_URL is set (.ci/run's PostgreSQL run), the cache must really be Redis and answer.
"""

import os

import pytest
from django.db import connection


def required_vendor():
    explicit = os.environ.get("REQUIRE_DATABASE", "").strip().lower()
    if explicit:
        return explicit
    if os.environ.get("REQUIRE_POSTGRES", "").strip() == "1":
        return "postgresql"
    if os.environ.get("CI", "").strip().lower() == "true":
        return "postgresql"
    return None


@pytest.mark.skipif(
    required_vendor() is None,
    reason="no database required: set REQUIRE_DATABASE, REQUIRE_POSTGRES=1 or CI=true",
)
@pytest.mark.django_db
def test_the_required_database_is_the_one_in_use():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
    assert connection.vendor == required_vendor(), (
        f"tests ran on {connection.vendor}, but {required_vendor()} is required "
        "(is DATABASE_URL set?)"
    )


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="no cache service configured: REDIS_URL is unset"
)
def test_the_configured_redis_cache_answers():
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("ci-round-trip", "ok", timeout=30)
    assert cache.get("ci-round-trip") == "ok"
    cache.delete("ci-round-trip")
