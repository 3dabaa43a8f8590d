"""bench/http.sh's settings: production's, with one extra URL, /bench/bare/, a Django view that
does nothing, the ceiling the pages are compared with (same gunicorn, same middleware)."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "http_bench_urls"
