"""A restarted database costs no failed request: connections are kept between requests
(production's DATABASE_CONN_MAX_AGE) and checked before their first use in a request
(CONN_HEALTH_CHECKS, settings/base.py), so one the server dropped is replaced.

PostgreSQL only: the restart is simulated by ending the app's connection from another one
(pg_terminate_backend), between requests served the way gunicorn's workers serve them (Django's
WSGI handler in one thread, with its request_started/finished signals). Not applicable to the
SQLite run (a file, no server to restart): skipped there, and only there.
"""

import os

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import RequestFactory

from tests.builders import build_content

# Transactional: ending a connection ends any transaction a test would run in. The data the
# migrations made (locales, the root page) is put back after each test for the tests after it.
pytestmark = [
    # Skipped before any database set-up: a transactional test empties the database when done.
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL"),
        reason="SQLite run (DATABASE_URL unset): no database server to restart",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRODUCTION_CONN_MAX_AGE = 60  # settings/production.py's default


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor == "postgresql":
        return
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("SQLite run (DATABASE_URL unset): no database server to restart")
    pytest.fail(f"DATABASE_URL is set but the tests run on {connection.vendor}")


@pytest.fixture
def kept_connections(monkeypatch):
    """The test thread's connection kept between requests, as in production."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", PRODUCTION_CONN_MAX_AGE)
    connection.close()  # the next one is opened with these settings
    yield
    connection.close()


def serve(path):
    """The status of a GET of `path` through Django's WSGI handler, as gunicorn calls it."""
    statuses = []
    result = WSGIHandler()(
        RequestFactory().get(path).environ, lambda status, headers, *args: statuses.append(status)
    )
    b"".join(result)
    result.close()  # request_finished: where a kept connection is kept, or closed
    return int(statuses[0].split()[0])


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def restart_database(pid):
    """Ends the app's connection from another, as a database restart does."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


@pytest.fixture
def pages(db):
    content = build_content()
    return ["/", content.urban.url, content.themes[0].url, content.tree.track_index.url]


def test_a_restarted_database_costs_no_failed_request(kept_connections, pages):
    assert serve(pages[0]) == 200
    first = backend_pid()
    assert serve(pages[1]) == 200
    assert backend_pid() == first  # the connection is kept between requests

    statuses = []
    for path in pages:
        restart_database(backend_pid())
        statuses.append(serve(path))

    assert statuses == [200] * len(pages)
    assert backend_pid() != first


def test_without_health_checks_the_first_request_after_a_restart_fails(
    kept_connections, pages, monkeypatch
):
    # What the health checks prevent, shown by switching them off.
    monkeypatch.setitem(connection.settings_dict, "CONN_HEALTH_CHECKS", False)
    connection.close()
    assert serve(pages[0]) == 200

    restart_database(backend_pid())

    assert serve(pages[1]) == 500
    assert serve(pages[1]) == 200  # the broken connection was closed after the failure
