"""The Redis cache fails soft (core/cache.py): with Redis stopped (nothing listens) or
black-holed (a socket that accepts and never answers), every page answers 200 and waits for
Redis at most once, bounded by the timeouts: at most 0.5 s per request.

The bound is shown by counting, not timing: each connection attempt waits at most the connect
timeout plus the read timeout (redis-py retries nothing), and a request makes at most one
attempt, the breaker sending every later call of the request straight to a miss. The breaker's
clock is frozen, and moved by the tests that need it to pass.
"""

import logging
import socket
import threading
import types
from urllib.parse import urlsplit

import pytest
from django.core.cache import caches
from redis.connection import AbstractConnection

from contact.models import ContactMail, ContactRequest, MailKind
from core import breakers
from core import cache as fail_soft
from tests.contact_support import build_contact_site, contact_data
from tests.elasticsearch_standin import refusing_url
from tests.search_pages import SEARCH_URLS
from tests.support import shared_data

pytestmark = pytest.mark.django_db

REQUEST_BUDGET = 0.5  # seconds a request may wait for an unavailable Redis


class SilentRedis:
    """A local socket that accepts connections, in a thread, and never answers; it counts
    them."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.accepted = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self._socket.getsockname()[1]}/0"

    def _accept(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return  # closed
            self.accepted.append(connection)  # held open, never read nor answered

    def close(self):
        self._socket.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def silent_redis():
    server = SilentRedis()
    yield server
    server.close()


@pytest.fixture(scope="module")
def contact_site(bilingual, django_db_blocker):
    with shared_data(django_db_blocker):
        yield build_contact_site(bilingual)


@pytest.fixture
def clock(monkeypatch):
    """The breaker's clock, frozen; `clock.now += seconds` moves it."""
    frozen = types.SimpleNamespace(now=1_000.0)
    monkeypatch.setattr(breakers, "time", types.SimpleNamespace(monotonic=lambda: frozen.now))
    fail_soft.reset_breakers()
    yield frozen
    fail_soft.reset_breakers()


class Attempts(list):
    """redis-py's connection attempts (each the socket connect and the handshake)."""

    def to(self, url):
        """Those to the server at `url` (not the Redis of REDIS_URL, say, which the tests'
        own page look-ups may use before the cache is switched)."""
        port = urlsplit(url).port
        return [connection for connection in self if connection.port == port]


@pytest.fixture
def attempts(monkeypatch):
    counted = Attempts()
    original = AbstractConnection.connect

    def connect(self):
        counted.append(self)
        return original(self)

    monkeypatch.setattr(AbstractConnection, "connect", connect)
    return counted


def use_redis(settings, url, **options):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        }
    }


def redis_url(kind, silent_redis):
    return {"stopped": refusing_url().replace("http", "redis"), "black-holed": silent_redis.url}[
        kind
    ]


def longest_wait_per_attempt():
    """What the backend's connections wait at most per attempt: connect plus read timeout."""
    pool = caches["default"]._cache._get_connection_pool(write=True)
    options = pool.connection_kwargs
    assert options["retry"].get_retries() == 0
    return options["socket_connect_timeout"] + options["socket_timeout"]


def pages(contact_site):
    bilingual = contact_site.bilingual
    nl, en = bilingual.nl, bilingual.en
    return [
        "/",
        "/en/",
        nl.urban.url,
        en(nl.urban).url,
        nl.themes[0].url,
        en(nl.themes[0]).url,
        nl.tree.track_index.url,
        f"{SEARCH_URLS['nl']}?q=stad",
        f"{SEARCH_URLS['en']}?q=city",
        contact_site.url("nl"),
        contact_site.url("en"),
    ]


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache", "no page cache"])
@pytest.mark.parametrize("kind", ["stopped", "black-holed"])
def test_pages_answer_and_wait_for_redis_at_most_once(
    client, settings, contact_site, silent_redis, clock, attempts, kind, page_cache
):
    urls = pages(contact_site)  # page URLs are looked up in the cache too
    redis = redis_url(kind, silent_redis)
    use_redis(settings, redis)
    settings.PAGE_CACHE_ENABLED = page_cache  # on in production (core/page_cache.py)

    per_request = []
    for url in urls:
        before = len(attempts.to(redis))
        response = client.get(url)
        assert response.status_code == 200, url
        per_request.append(len(attempts.to(redis)) - before)

    assert per_request[0] == 1  # the first call failed and opened the breaker
    assert max(per_request) * longest_wait_per_attempt() <= REQUEST_BUDGET
    if kind == "black-holed":
        # Each attempt reached the silent server, and the client gave up on it by itself.
        assert len(silent_redis.accepted) == len(attempts.to(redis))


def test_once_the_breaker_has_passed_redis_is_tried_again(
    client, settings, contact_site, silent_redis, clock, attempts
):
    use_redis(settings, silent_redis.url, breaker_seconds=5)

    client.get("/")
    client.get("/en/")
    assert len(attempts.to(silent_redis.url)) == 1
    clock.now += 5.1
    assert client.get("/").status_code == 200
    assert len(attempts.to(silent_redis.url)) == 2


def test_without_the_breaker_a_page_would_wait_again_and_again(
    client, settings, contact_site, clock, attempts
):
    # What the breaker saves: the same page asks the cache many times.
    url = contact_site.bilingual.nl.urban.url
    redis = refusing_url().replace("http", "redis")
    use_redis(settings, redis, breaker_seconds=0)

    assert client.get(url).status_code == 200

    assert len(attempts.to(redis)) * longest_wait_per_attempt() > REQUEST_BUDGET


def test_failures_are_logged_once_a_minute_not_once_a_call(
    client, settings, contact_site, clock, caplog
):
    use_redis(settings, refusing_url().replace("http", "redis"), breaker_seconds=1)
    caplog.set_level(logging.WARNING, logger="core.cache")

    for _ in range(5):
        client.get("/")
        clock.now += 2  # past the breaker: every request tries and fails again
    assert len(caplog.records) == 1
    assert "treated as a miss" in caplog.records[0].getMessage()

    clock.now += breakers.LOG_INTERVAL
    client.get("/")
    assert len(caplog.records) == 2
    assert "4 failures since the last warning" in caplog.records[1].getMessage()


@pytest.mark.parametrize("kind", ["stopped", "black-holed"])
def test_the_cache_reads_as_empty_and_forgets_writes(settings, silent_redis, clock, kind):
    use_redis(settings, redis_url(kind, silent_redis))
    cache = caches["default"]

    assert cache.add("key", 1) is True  # as Django's DummyCache: nothing there, "stored"
    cache.set("key", 1)
    assert cache.get("key", "missing") == "missing"
    assert cache.get_many(["key", "other"]) == {}
    assert cache.has_key("key") is False
    assert cache.get_or_set("key", 3) == 3
    with pytest.raises(ValueError):
        cache.incr("key")
    assert cache.delete("key") is False
    assert cache.set_many({"a": 1}) == []
    cache.delete_many(["a"])
    cache.clear()


@pytest.mark.parametrize("kind", ["stopped", "black-holed"])
def test_the_contact_form_lets_requests_through(
    client, settings, contact_site, silent_redis, clock, kind
):
    # Its replay check and rate limit live in the cache; they fail open (contact/spam.py).
    settings.CONTACT_FORM_MIN_SECONDS = 0
    settings.CONTACT_RATE_LIMIT = 1
    use_redis(settings, redis_url(kind, silent_redis))
    token = contact_data()["form_token"]

    for _ in range(3):
        response = client.post(contact_site.url("nl"), contact_data(form_token=token))
        assert response.status_code == 302

    assert ContactRequest.objects.filter(is_suspected_spam=False).count() == 3
    assert ContactMail.objects.filter(kind=MailKind.CONFIRMATION).count() == 3
