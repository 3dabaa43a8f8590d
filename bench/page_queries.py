"""Prints, for every live page of the demo site (both languages), its SQL queries and render time.

Run after `make demo` (or `manage.py load_demo`) against the same database:

    .venv/bin/python bench/page_queries.py [--repeat 20]

First: the first request (it may create image renditions). Cold: the next request with the cache
cleared (renditions and site root paths come from the database). Warm: the median of --repeat
further requests. Figures only; nothing is asserted here.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402


def measure(client, url):
    # Django keeps at most 9000 queries in its log; start each measurement with an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1:8000")
        elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, len(context.captured_queries), elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    client = Client()
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    print(
        f"{'url':55} {'type':22} {'status':>6} {'q first':>7} {'q cold':>6} {'q warm':>6} "
        f"{'ms warm':>8}"
    )
    for page in pages:
        url = page.get_url()
        _, first_queries, _ = measure(client, url)
        caches["default"].clear()
        status, cold_queries, _ = measure(client, url)
        warm = [measure(client, url) for _ in range(args.repeat)]
        warm_queries = warm[-1][1]
        warm_ms = statistics.median(ms for _, _, ms in warm)
        print(
            f"{url:55} {type(page).__name__:22} {status:>6} {first_queries:>7} {cold_queries:>6} "
            f"{warm_queries:>6} {warm_ms:>8.1f}"
        )


if __name__ == "__main__":
    main()
