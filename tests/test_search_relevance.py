"""How well the search answers: the relevance test set (tests/search_relevance.py) on the demo.

The demo site is built once for the module, in both languages, as `manage.py load_demo` builds
it. The report (a rank per query, MRR and hit@3 per language) is printed (`pytest -s`) and
added to the terminal summary.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from tests.search_relevance import QUERIES, evaluate, report, scores
from tests.support import clear_cache, shared_data

pytestmark = pytest.mark.django_db

MIN_MRR = 0.9
MIN_HIT_AT_3 = 0.9

# Reports of this run, for the terminal summary (see pytest_terminal_summary in conftest.py).
REPORTS = []


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        clear_cache()
        # wagtail-localize publishes the English pages when the transaction commits, which
        # never happens inside a test: run the commit callbacks when the command is done.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=StringIO())
        clear_cache()
        yield


def test_the_query_set_is_half_dutch_half_english_and_covers_every_kind():
    languages = [query.language for query in QUERIES]
    assert len(QUERIES) >= 40
    assert languages.count("nl") == languages.count("en")
    kinds = {(query.language, query.kind) for query in QUERIES}
    for language in ["nl", "en"]:
        assert len({kind for lang, kind in kinds if lang == language}) == 6, kinds


def test_every_expected_page_is_a_live_demo_page(client, demo):
    for query in QUERIES:
        for url in query.expected:
            assert client.get(url).status_code == 200, (query, url)


def test_the_search_finds_what_visitors_look_for(client, demo):
    outcomes = evaluate(client)
    text = report(outcomes, title=f"Search relevance on the demo content ({connection.vendor})")
    print("\n" + text)
    REPORTS.append(text)
    for language, (mrr, hit_at_3, _count) in scores(outcomes).items():
        assert mrr >= MIN_MRR, f"{language}: MRR {mrr:.3f}\n{text}"
        assert hit_at_3 >= MIN_HIT_AT_3, f"{language}: hit@3 {hit_at_3:.3f}\n{text}"
