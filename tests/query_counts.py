"""Measuring SQL queries per page request, for the query-count tests.

Every page is measured twice (`Measure`, the `measure` fixture in conftest.py): with a warm
cache, and with the cache emptied after the warm-up request, as after a deploy or a cache flush,
so image renditions must come from one prefetch rather than one query per image.
"""

import re
from collections import Counter

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Django's local-memory cache holds 300 entries, then culls a third of them: with a few hundred
# image renditions that would empty the warm cache between warm-up and measurement.
ROOMY_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "query-counts",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}


def normalise(sql):
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\s+", " ", sql)


class Measure:
    """Counts the queries of page requests, each with a warm and with a cold cache."""

    def queries(self, client, url, *, cold_cache=False):
        """The SQL of one request to `url` after a warm-up request, and the page's HTML."""
        warm = client.get(url)
        assert warm.status_code == 200, (url, warm.status_code)
        if cold_cache:
            caches["default"].clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return [query["sql"] for query in context.captured_queries], response.content.decode()

    def counts(self, client, url):
        """{"warm cache": n, "cold cache": n} for `url`."""
        return {
            state: len(self.queries(client, url, cold_cache=state == "cold cache")[0])
            for state in CACHE_STATES
        }

    def assert_flat(self, client, url, grow, size):
        """The number of queries for `url` does not change when `grow(size)` adds items, with a
        warm cache and with a cold one.

        `grow` returns texts (titles, names) the page must show afterwards, so a page cannot be
        flat by leaving the new items out. A difference is an N+1 query: the failure message
        shows the query that repeats.
        """
        before = {state: self._measure(client, url, state) for state in CACHE_STATES}
        expected = grow(size)
        for state in CACHE_STATES:
            small, _ = before[state]
            large, html = self._measure(client, url, state)
            text = html.replace("&#x27;", "'")
            missing = [item for item in expected if item not in text]
            assert not missing, f"{url} does not show {missing}"
            if len(small) != len(large):
                extra = Counter(map(normalise, large)) - Counter(map(normalise, small))
                report = "\n\n".join(
                    f"{count}x more: {sql[:200]} ... {sql[-400:]}"
                    for sql, count in extra.most_common(5)
                )
                pytest.fail(
                    f"{url}, {state}: {len(small)} queries before adding {size} items, "
                    f"{len(large)} after; repeating:\n{report}"
                )

    def _measure(self, client, url, state):
        return self.queries(client, url, cold_cache=state == "cold cache")


CACHE_STATES = ["warm cache", "cold cache"]


# After a cache flush (a deploy, a restart of Redis) the first request of a page refills what is
# kept across requests: Wagtail's site root paths (2 queries); the site with its root page in
# every language (core.middleware.KeptSiteMiddleware: 2); and what
# `LinkResolver.remember_for_site` keeps: locales, site settings, menu, contact page, footer
# text, home page, and per page its language versions, breadcrumbs, programme, themes, people,
# methods and related sections.
CACHE_REFILL = 15


def assert_within_budget(counts, budget):
    """`counts` (from `Measure.counts`) within `budget` queries with a warm cache, and with a
    cold one but for the refill of what is kept across requests."""
    assert counts["warm cache"] <= budget, counts
    assert counts["cold cache"] <= budget + CACHE_REFILL, counts
