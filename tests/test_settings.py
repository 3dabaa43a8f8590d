"""Settings read from the environment: production refuses to start without a real secret key,
the database comes from DATABASE_URL, and boolean variables reject garbage."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.environment import env_bool, env_list, env_str

SITE_DIR = Path(__file__).resolve().parent.parent / "site"

# Variables the settings read; each subprocess starts without them unless a test sets them.
SETTINGS_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_SETTINGS_MODULE",
}

PRINT_SETTINGS = """
import json, importlib
settings = importlib.import_module({module!r})
db = settings.DATABASES["default"]
print(json.dumps({{
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""),
    "port": db.get("PORT", ""), "user": db.get("USER", ""), "conn_max_age": db.get("CONN_MAX_AGE"),
    "conn_health_checks": db.get("CONN_HEALTH_CHECKS"),
    "debug": settings.DEBUG, "cache": settings.CACHES["default"]["BACKEND"],
    "cache_options": settings.CACHES["default"].get("OPTIONS", {{}}),
}}))
"""


def import_settings(module, **env):
    """Import a settings module in a fresh interpreter with only `env` set; return the result."""
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environment.update(env)
    environment["PYTHONPATH"] = str(SITE_DIR)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS.format(module=module)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def random_key():
    return secrets.token_urlsafe(50)  # about 67 characters


@pytest.mark.parametrize(
    "secret_key",
    [
        None,
        "",
        "kort",
        "x" * 49,
        "dev-only-insecure-key-never-use-in-production-" + "x" * 20,
        "test-only-secret-key" + "y" * 40,
        "change-me" + "z" * 50,
    ],
    ids=["unset", "empty", "short", "49-chars", "dev-key", "test-key", "placeholder"],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    env = {} if secret_key is None else {"SECRET_KEY": secret_key}
    result = import_settings("config.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_random_key():
    settings = loaded(import_settings("config.settings.production", SECRET_KEY=random_key()))
    assert settings["debug"] is False


def test_production_rejects_a_garbled_debug_flag():
    result = import_settings("config.settings.production", SECRET_KEY=random_key(), DEBUG="ja")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG" in result.stderr


def test_database_url_selects_postgresql():
    settings = loaded(
        import_settings(
            "config.settings.production",
            SECRET_KEY=random_key(),
            DATABASE_URL="postgres://leer:geheim@db.internal:6543/leertrajecten",
            DATABASE_CONN_MAX_AGE="60",
        )
    )
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "leertrajecten"
    assert settings["host"] == "db.internal"
    assert int(settings["port"]) == 6543
    assert settings["user"] == "leer"
    assert settings["conn_max_age"] == 60


def test_without_database_url_the_site_uses_the_sqlite_file():
    settings = loaded(import_settings("config.settings.dev"))
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert Path(settings["name"]) == SITE_DIR.parent / "db.sqlite3"


def test_test_settings_use_sqlite_in_memory_unless_database_url_is_set():
    assert loaded(import_settings("config.settings.test"))["name"] == ":memory:"
    with_url = loaded(
        import_settings("config.settings.test", DATABASE_URL="postgres://postgres@127.0.0.1/x")
    )
    assert with_url["engine"] == "django.db.backends.postgresql"


def test_redis_url_selects_the_redis_cache():
    assert loaded(import_settings("config.settings.dev"))["cache"].endswith("LocMemCache")
    redis = loaded(import_settings("config.settings.dev", REDIS_URL="redis://127.0.0.1:6379/1"))
    assert redis["cache"] == "core.cache.FailSoftRedisCache"
    # An unavailable Redis costs a request at most one connect and one read (core/cache.py).
    assert redis["cache_options"]["socket_connect_timeout"] <= 0.25
    assert redis["cache_options"]["socket_timeout"] <= 0.25


# ---------------------------------------------------------------------------------------------
# Environment readers


@pytest.mark.parametrize("value", ["1", "true", "True", " yes ", "ON"])
def test_env_bool_true(monkeypatch, value):
    monkeypatch.setenv("LEER_FLAG", value)
    assert env_bool("LEER_FLAG") is True


@pytest.mark.parametrize("value", ["0", "false", "No", "off", ""])
def test_env_bool_false(monkeypatch, value):
    monkeypatch.setenv("LEER_FLAG", value)
    assert env_bool("LEER_FLAG", default=True) is False


@pytest.mark.parametrize("value", ["ja", "2", "truee", "y e s", "-1"])
def test_env_bool_rejects_garbage(monkeypatch, value):
    monkeypatch.setenv("LEER_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="LEER_FLAG"):
        env_bool("LEER_FLAG")


def test_env_bool_default_when_unset(monkeypatch):
    monkeypatch.delenv("LEER_FLAG", raising=False)
    assert env_bool("LEER_FLAG") is False
    assert env_bool("LEER_FLAG", default=True) is True


def test_env_list_and_str(monkeypatch):
    monkeypatch.setenv("LEER_HOSTS", " a.example , b.example,,")
    assert env_list("LEER_HOSTS") == ["a.example", "b.example"]
    monkeypatch.delenv("LEER_HOSTS")
    assert env_list("LEER_HOSTS", ["localhost"]) == ["localhost"]
    assert env_str("LEER_HOSTS", "standaard") == "standaard"
