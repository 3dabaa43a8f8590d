"""The search backend the site searches with: the one accessor (`get_search_backend`). Our own
backends are its modules: postgres.py (each language stemmed as itself), elasticsearch.py.

Without ELASTICSEARCH_URL this is the database backend (postgres.py on PostgreSQL). With it, it is the
Elasticsearch 9 backend of search/backends/elasticsearch.py, which answers from the database
backend whenever the cluster does not (see there); the database index is kept up to date
alongside, as the second entry of WAGTAILSEARCH_BACKENDS (settings/base.py).

Running with Elasticsearch 9:

    ELASTICSEARCH_URL=http://localhost:9200 \\
    ELASTICSEARCH_TIMEOUT=30 .venv/bin/python manage.py update_index

builds the index (the Dutch and English analyzers are in its settings, so rebuild after
changing them, and after the cluster was down: updates made meanwhile reached only the
database). The longer ELASTICSEARCH_TIMEOUT is for the bulk rebuild only; the site itself runs
with the default of 1 s per request. Optional: ELASTICSEARCH_INDEX_PREFIX (default
"leertrajecten_").
"""

from modelsearch.backends import get_search_backend as _get_backend


def get_search_backend():
    return _get_backend("default")


def search_health():
    """(healthy, detail) of the site search, for /healthz. The database backend is as healthy as
    the database; Elasticsearch is degraded while its breaker is open or it does not answer a
    ping (one request, at most the backend's timeout), the database then answering searches."""
    from django.conf import settings

    from search.backends.elasticsearch import SearchBackend, breaker

    # Read from the settings: making a database backend may query (SQLite's looks for FTS5).
    name = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if name not in (SearchBackend.__module__, f"{SearchBackend.__module__}.SearchBackend"):
        return True, "database"
    backend = get_search_backend()
    if breaker.is_open():
        return False, "elasticsearch unavailable, searches answered by the database"
    if not backend.es.ping():
        return False, "elasticsearch does not answer, searches answered by the database"
    return True, "elasticsearch"
