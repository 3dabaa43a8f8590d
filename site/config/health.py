"""/healthz for load balancers and monitoring: cheap (no page is rendered), never cached, open
to anyone, and telling nothing secret.

503 when the database does not answer (nothing works without it); 200 otherwise, with the
cache and the search reported as "degraded" when they are not well: the site works without
them (core/cache.py, search/backends/), slower.
"""

import secrets

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.backends import search_health

HEALTH_CACHE_KEY = "healthz:round-trip"


def database_health():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False, "no answer"
    return True, connections["default"].vendor


def cache_health():
    """A write read back: a fail-soft cache turns errors into misses, so only a round trip
    shows it is not storing anything."""
    cache = caches["default"]
    # A key of its own (probes may run side by side), gone in a few seconds.
    key = f"{HEALTH_CACHE_KEY}:{secrets.token_hex(8)}"
    try:
        cache.set(key, True, timeout=5)
        stored = cache.get(key) is True
    except Exception:  # a backend that does not fail soft
        stored = False
    return (True, "ok") if stored else (False, "not storing: pages are built without it")


@never_cache
def healthz(request):
    database_ok, database_detail = database_health()
    checks = {"database": {"ok": database_ok, "detail": database_detail}}
    for name, check in (("cache", cache_health), ("search", search_health)):
        ok, detail = check()
        checks[name] = {"ok": ok, "detail": detail}
    if not database_ok:
        status = "down"
    elif all(check["ok"] for check in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    return JsonResponse({"status": status, **checks}, status=200 if database_ok else 503)


healthz.needs_no_site = True  # see core.middleware.KeptSiteMiddleware
