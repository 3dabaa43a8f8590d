"""Database and cache helpers shared by the fixtures and test modules."""

from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY

from search.suggestions import forget_vocabularies


def clear_cache():
    """Forget cached site root paths and renditions, so a rolled-back test cannot leak them.

    A local-memory cache is simply emptied. A shared cache (Redis when REDIS_URL is set) is
    not flushed, as it may hold other keys: Wagtail's site root paths and the search's
    vocabularies are dropped, and so is every key of this run's own prefix.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, LocMemCache):
        backend.clear()
        return
    backend.delete(SITE_ROOT_PATHS_CACHE_KEY)
    forget_vocabularies()  # the search's, read from pages a rollback may have removed
    if backend.key_prefix.startswith("test-"):
        # This run's own keys (config/settings/test.py gives each run a prefix of its own):
        # whatever else a rolled-back test left, as the local-memory cache is emptied.
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)


@contextmanager
def shared_data(django_db_blocker):
    """Create data once for a whole module; each test still runs in its own savepoint.

    Use inside a module-scoped fixture that depends on `django_db_setup`. The data is rolled
    back when the module is done, like `setUpTestData` in a Django TestCase.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
