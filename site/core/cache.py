"""A Redis cache that fails soft: while Redis cannot answer, the cache is an empty one.

Django's own `RedisCache` raises on every call when Redis is stopped (each page a 500) and, with
redis-py's defaults, waits without limit when Redis accepts connections but never answers (each
worker tied up). This backend:

- waits at most `socket_connect_timeout` to connect and `socket_timeout` for an answer (both
  0.25 s unless OPTIONS say otherwise) and never retries;
- treats a failure as a miss, like Django's DummyCache: reads find nothing, `add` reports the
  key as absent and stored, `incr` raises ValueError (no such key), other writes are dropped;
- after a connection failure or timeout leaves Redis alone for `breaker_seconds` (default 5)
  in this process, so a page making many cache calls waits for one timeout at most: a request
  costs at most connect + read timeout (0.5 s) however often it uses the cache;
- logs a failure as one warning a minute (`core.breakers.LOG_INTERVAL`), with the number of
  failures since.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

from .breakers import CircuitBreaker

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 0.25
DEFAULT_BREAKER_SECONDS = 5

# Failures that say Redis cannot be reached now: the breaker opens. Other errors (a refused
# command, out of memory) are misses too, but the next call may succeed.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


# One breaker per server and process: Django makes a cache object per thread.
_breakers = {}


def breaker_for(server):
    return _breakers.setdefault(str(server), CircuitBreaker())


def reset_breakers():
    for breaker in _breakers.values():
        breaker.reset()


def _key_not_found(*args, **kwargs):
    raise ValueError("Key not found (the cache is unavailable).")


def _fail_soft(miss):
    """Call the method unless the breaker is open; on a Redis error return `miss` (or, when it
    is callable, what it returns or raises)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not self.breaker.is_open():
                try:
                    return method(self, *args, **kwargs)
                except RedisError as error:
                    self._failed(method.__name__, error)
            return miss(*args, **kwargs) if callable(miss) else miss

        return wrapper

    return decorate


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.breaker_seconds = float(options.pop("breaker_seconds", DEFAULT_BREAKER_SECONDS))
        options.setdefault("socket_connect_timeout", DEFAULT_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_TIMEOUT)
        # redis-py retries nothing by default today; say so, as a retry doubles the wait.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(server)

    def _failed(self, operation, error):
        if isinstance(error, UNREACHABLE):
            self.breaker.trip(self.breaker_seconds)
        if self.breaker.should_log():
            unlogged, self.breaker.unlogged = self.breaker.unlogged, 0
            logger.warning(
                "Cache unavailable (%s in %s: %s): treated as a miss%s%s.",
                type(error).__name__,
                operation,
                error,
                f", Redis left alone for {self.breaker_seconds:g} s"
                if isinstance(error, UNREACHABLE)
                else "",
                f"; {unlogged} failures since the last warning" if unlogged else "",
            )

    add = _fail_soft(True)(RedisCache.add)
    get = _fail_soft(lambda key, default=None, version=None: default)(RedisCache.get)
    set = _fail_soft(None)(RedisCache.set)
    touch = _fail_soft(False)(RedisCache.touch)
    delete = _fail_soft(False)(RedisCache.delete)
    get_many = _fail_soft(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    incr = _fail_soft(_key_not_found)(RedisCache.incr)
    set_many = _fail_soft(lambda *args, **kwargs: [])(RedisCache.set_many)
    delete_many = _fail_soft(None)(RedisCache.delete_many)
    clear = _fail_soft(None)(RedisCache.clear)
