"""/healthz: 200 when the database answers, 503 when it does not; a degraded cache or search
is reported in the JSON body without failing. Open to anyone, never cached, and cheap: one
query, no page rendered."""

import pytest
from django.db import OperationalError, connection

from core import cache as fail_soft
from search.backends.elasticsearch import breaker
from tests.elasticsearch_standin import refusing_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _closed_breakers():
    breaker.reset()
    fail_soft.reset_breakers()
    yield
    breaker.reset()
    fail_soft.reset_breakers()


def health(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    return response, response.json()


def use_elasticsearch(settings, url):
    settings.WAGTAILSEARCH_BACKENDS = {
        "database": {"BACKEND": "wagtail.search.backends.database"},
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": "test_",
            "FALLBACK": "database",
        },
    }


def test_all_well(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1: no session, no page, no site lookup
        response, body = health(client)

    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "detail": connection.vendor}
    assert body["cache"]["ok"] is True
    assert body["search"] == {"ok": True, "detail": "database"}


def test_never_cached_and_open_to_anyone(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # as in production
    response, _body = health(client)

    assert response.status_code == 200  # not a redirect to HTTPS, nor to a login
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "max-age=0" in cache_control


def test_database_down_is_503(client, monkeypatch):
    def no_answer(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "cursor", no_answer)
    response, body = health(client)

    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["database"] == {"ok": False, "detail": "no answer"}
    assert "could not connect" not in response.content.decode()  # nothing internal told


@pytest.mark.parametrize(
    "backend", ["core.cache.FailSoftRedisCache", "django.core.cache.backends.redis.RedisCache"]
)
def test_cache_down_is_reported_as_degraded(client, settings, backend):
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": refusing_url().replace("http", "redis")}
    }
    response, body = health(client)

    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["cache"]["ok"] is False
    assert body["database"]["ok"] is True


def test_elasticsearch_answering_is_ok(client, settings, cluster):
    use_elasticsearch(settings, cluster.url)
    response, body = health(client)

    assert response.status_code == 200
    assert body["search"] == {"ok": True, "detail": "elasticsearch"}


@pytest.mark.parametrize("failure", ["refused", "breaker open"])
def test_elasticsearch_down_is_reported_as_degraded(client, settings, cluster, failure):
    if failure == "refused":
        use_elasticsearch(settings, refusing_url())
    else:
        use_elasticsearch(settings, cluster.url)
        breaker.trip(30)
    response, body = health(client)

    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["search"]["ok"] is False
    assert "database" in body["search"]["detail"]  # searches still answered
    if failure == "breaker open":
        assert cluster.requests == []  # not asked while the breaker is open
