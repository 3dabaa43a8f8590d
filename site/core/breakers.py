"""A circuit breaker: remembers, in this process, that a service failed, so that each request
does not wait for it again (the fail-soft cache, core/cache.py; the Elasticsearch backend)."""

import threading
import time

LOG_INTERVAL = 60  # seconds between two warnings about the same service


class CircuitBreaker:
    """Remembers, in this process, that a service failed, so that each call does not wait for it
    again; and how many failures went unlogged."""

    def __init__(self):
        self._lock = threading.Lock()
        self.open_until = 0.0
        self.logged_at = None
        self.unlogged = 0

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self, seconds):
        self.open_until = time.monotonic() + seconds

    def reset(self):
        self.open_until = 0.0
        self.logged_at = None
        self.unlogged = 0

    def should_log(self):
        """True at most once per LOG_INTERVAL; counts the failures it says False to."""
        with self._lock:
            now = time.monotonic()
            if self.logged_at is not None and now - self.logged_at < LOG_INTERVAL:
                self.unlogged += 1
                return False
            self.logged_at = now
            return True
