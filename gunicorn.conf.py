"""gunicorn's configuration, read from the working directory: `gunicorn` alone serves the site
(README, "In production"). Every value can be changed from the environment."""

import multiprocessing
import os
from pathlib import Path

# `site/` is a source root, not a package (README, "Layout").
pythonpath = str(Path(__file__).resolve().parent / "site")
wsgi_app = "config.wsgi:application"  # production settings unless DJANGO_SETTINGS_MODULE says

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the pages do their work in Python and the database, not waiting on
# slow clients (the proxy in front buffers them).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request running longer than this is stuck: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, staggered, so no slow growth of memory accumulates.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The proxy in front may say the request came over HTTPS (SECURE_PROXY_SSL_HEADER) and who the
# client is; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Errors to stderr; access log off unless GUNICORN_ACCESS_LOG is "-" (stdout) or a file: the
# proxy in front usually keeps one.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Heartbeat files in memory, not on a disk that may stall (containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The control socket (gunicornc) is not used, and instances of one user would share its path.
control_socket_disable = True
