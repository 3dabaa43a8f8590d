"""Served the way it is deployed: gunicorn with its configuration (gunicorn.conf.py), the
production settings, static files collected with hashed, compressed names and served by
WhiteNoise, database connections kept and checked (README, "In production")."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_settings import SETTINGS_VARIABLES, import_settings, loaded, random_key

REPO = Path(__file__).resolve().parent.parent
SERVER_START_LIMIT = 60  # seconds to wait for gunicorn to answer; a loaded machine is slow


def clean_environment(**env):
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environment.pop("WEB_CONCURRENCY", None)
    environment.pop("GUNICORN_BIND", None)
    environment.update(env)
    return environment


def production_environment(tmp_path, **env):
    return clean_environment(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=random_key(),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        SECURE_SSL_REDIRECT="0",
        **env,
    )


# ---------------------------------------------------------------------------------------------
# Settings


def test_production_keeps_database_connections_and_checks_them():
    production = loaded(import_settings("config.settings.production", SECRET_KEY=random_key()))
    assert production["conn_max_age"] == 60
    assert production["conn_health_checks"] is True
    shorter = loaded(
        import_settings(
            "config.settings.production", SECRET_KEY=random_key(), DATABASE_CONN_MAX_AGE="0"
        )
    )
    assert shorter["conn_max_age"] == 0


def test_development_and_tests_open_a_connection_per_request():
    postgresql = "postgres://postgres@127.0.0.1/x"
    for module in ("config.settings.dev", "config.settings.test"):
        settings = loaded(import_settings(module, DATABASE_URL=postgresql))
        assert settings["conn_max_age"] == 0
        assert settings["conn_health_checks"] is True


def test_gunicorn_takes_its_configuration_from_the_environment():
    def config(**env):
        # gunicorn reads gunicorn.conf.py as a Python file; its names are the settings.
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); "
                "print(json.dumps({k: v for k, v in c.items() if isinstance(v, (str, int))}))",
            ],
            cwd=REPO,
            env=clean_environment(**env),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(result.stdout)

    defaults = config()
    assert defaults["wsgi_app"] == "config.wsgi:application"
    assert defaults["bind"] == "127.0.0.1:8000"
    assert "accesslog" not in defaults  # None, off: the proxy in front logs requests
    assert defaults["timeout"] == 30
    assert defaults["workers"] >= 3

    chosen = config(WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:9000", GUNICORN_ACCESS_LOG="-")
    assert chosen["workers"] == 3
    assert chosen["bind"] == "0.0.0.0:9000"
    assert chosen["accesslog"] == "-"


# ---------------------------------------------------------------------------------------------
# gunicorn with the production settings and collected static files


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """collectstatic, then gunicorn (one worker) on a free port, with the production
    settings; the database is an empty SQLite file (no page is asked for)."""
    tmp_path = tmp_path_factory.mktemp("served")
    environment = production_environment(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=environment,
        check=True,
        timeout=600,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_LIMIT
    while True:
        try:
            fetch(f"{base}/healthz")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()}")
            time.sleep(0.2)
    yield base, tmp_path / "static", environment
    server.terminate()
    server.wait(timeout=30)


def test_healthz_under_gunicorn(served):
    base, _static_root, _environment = served
    status, headers, body = fetch(f"{base}/healthz")
    assert status == 200
    assert json.loads(body)["database"] == {"ok": True, "detail": "sqlite"}
    assert "no-store" in headers["Cache-Control"]


def test_static_files_are_served_hashed_compressed_and_cached_for_good(served):
    base, static_root, environment = served
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    assert (static_root / f"{hashed}.gz").exists()

    status, headers, body = fetch(f"{base}/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 365 * 86400

    # Templates link the hashed name.
    linked = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.templatetags.static import static; print(static('css/site.css'))",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert linked.stdout.strip() == f"/static/{hashed}"
