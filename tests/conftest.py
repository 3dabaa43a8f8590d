"""Shared fixtures: a small Dutch site, both locales, users and clean caches."""

import sys

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from tests.builders import build_bilingual, build_content, build_site
from tests.elasticsearch_standin import BlackHole, StandInCluster
from tests.query_counts import ROOMY_CACHE, Measure
from tests.support import clear_cache, shared_data


def pytest_configure(config):
    # WhiteNoise warns when STATIC_ROOT has not been collected; tests never serve static files.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def pytest_collection_modifyitems(items):
    # Browser tests last (stable sort): Playwright's sync API runs an event loop in this thread
    # until the session ends, and Django refuses database access from a thread with one.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_terminal_summary(terminalreporter):
    # The search relevance report, when tests/test_search_relevance.py ran.
    module = sys.modules.get("tests.test_search_relevance")
    for text in getattr(module, "REPORTS", []):
        terminalreporter.write_sep("-", "search relevance")
        terminalreporter.write_line(text)


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def locale_nl(db):
    return Locale.objects.get(language_code="nl")


@pytest.fixture
def locale_en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def tree(db):
    """Home page (Dutch, the default site's root) with the five index pages under it."""
    return build_site()


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="beheerder", email="beheerder@example.org", password="wachtwoord"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """The small complete site of `tests.builders.build_content`, built once per module.

    Tests using it must also request `db` (or be marked django_db). Each test's own changes
    are rolled back, but Python objects in `content` are shared: re-fetch before mutating.
    """
    with shared_data(django_db_blocker):
        clear_cache()
        yield build_content()


@pytest.fixture(scope="module")
def bilingual(django_db_setup, django_db_blocker):
    """`content` translated into English and published, built once per module (see `content`)."""
    with shared_data(django_db_blocker):
        clear_cache()
        translator = get_user_model().objects.create_superuser(
            username="vertaler", email="vertaler@example.org", password="x"
        )
        yield build_bilingual(translator)


@pytest.fixture
def measure(settings):
    """Counts a page's queries with a warm and with a cold cache (tests/query_counts.py)."""
    settings.CACHES = ROOMY_CACHE
    clear_cache()  # the roomy cache outlives the tests that filled it
    return Measure()


# A stand-in Elasticsearch cluster, and an address that accepts connections but never answers
# (tests/elasticsearch_standin.py).
@pytest.fixture
def cluster():
    standin = StandInCluster()
    yield standin
    standin.close()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()
