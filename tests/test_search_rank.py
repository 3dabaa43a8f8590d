"""A frequent word on PostgreSQL: the pages with it in their title ranked first, the others
read only as far as needed (search/backends/postgres.py, LocalisedSearchResults.ranked_stages);
and the order of the hits by title (search/ranking.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.links import LinkResolver
from search import views
from search.ranking import holds_all, words
from search.views import _visible_hits
from tests import factories as f

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the staged ranking of the PostgreSQL backend"
)


def hit_ids(text):
    return [pk for pk, _type in _visible_hits(LinkResolver(None, "nl"), text)]


def estimate_as(monkeypatch, entries, titles):
    """Let PostgreSQL's estimate of any query's matches be `entries`, `titles` of them in their
    title (the site in a test is too small for frequent words)."""
    from search.backends import postgres

    monkeypatch.setattr(
        postgres, "estimated_matches", lambda query: postgres.MatchEstimate(entries, titles)
    )


@pytest.fixture
def frequent(monkeypatch):
    """Any query is on thousands of pages, in few titles."""
    estimate_as(monkeypatch, entries=10**6, titles=10)


@pytest.fixture
def word_pages(tree):
    """Modules with "zoekwoord": two in their title, three in their text only, one expired."""
    parent = tree.module_index
    return {
        "short title": f.ModulePageFactory(parent=parent, title="Zoekwoord"),
        "long title": f.ModulePageFactory(
            parent=parent, title="Zoekwoord in een lange titel over iets anders"
        ),
        "text": [
            f.ModulePageFactory(parent=parent, title=f"Module {n}", summary="Over zoekwoord.")
            for n in range(3)
        ],
        "expired": f.ModulePageFactory(
            parent=parent,
            title="Zoekwoord verlopen",
            summary="Zoekwoord zoekwoord.",
            expire_at=timezone.now() - datetime.timedelta(days=1),
        ),
        "other": f.ModulePageFactory(parent=parent, title="Iets anders", summary="Niets."),
    }


@postgresql_only
def test_a_frequent_word_finds_the_same_pages_title_matches_first(word_pages, monkeypatch):
    ranked_in_one_query = hit_ids("zoekwoord")
    estimate_as(monkeypatch, entries=10**6, titles=10)
    with CaptureQueriesContext(connection) as context:
        staged = hit_ids("zoekwoord")

    titled = [word_pages["short title"].pk, word_pages["long title"].pk]
    in_text = {page.pk for page in word_pages["text"]}
    assert staged[:2] == ranked_in_one_query[:2] == titled  # the short title ranks higher
    assert set(staged[2:]) == set(ranked_in_one_query[2:]) == in_text
    # Two stages, each with the visibility rule: the expired page in neither.
    stages = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    assert len(stages) == 2
    assert "ts_rank" in stages[0] and "ts_rank" not in stages[1]


@postgresql_only
def test_a_word_in_thousands_of_titles_ranks_those_by_their_title_alone(word_pages, monkeypatch):
    estimate_as(monkeypatch, entries=10**6, titles=10**5)
    with CaptureQueriesContext(connection) as context:
        hits = hit_ids("zoekwoord")

    assert hits[:2] == [word_pages["short title"].pk, word_pages["long title"].pk]
    stages = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    order = stages[0].split("ORDER BY")[1]
    assert '"title"' in order and '"body"' not in order


@postgresql_only
def test_a_frequent_word_reads_no_more_hits_than_are_kept(word_pages, frequent, monkeypatch):
    monkeypatch.setattr(views, "MAX_HITS", 3)
    with CaptureQueriesContext(connection) as context:
        hits = hit_ids("zoekwoord")

    assert hits[:2] == [word_pages["short title"].pk, word_pages["long title"].pk]
    assert len(hits) == 3 and hits[2] in {page.pk for page in word_pages["text"]}
    stages = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    assert stages[0].endswith("LIMIT 3") and stages[1].endswith("LIMIT 1")


@postgresql_only
def test_the_text_matches_of_a_frequent_word_keep_their_order_from_page_to_page(
    word_pages, frequent
):
    # Paging runs the search again: the unranked stage has an order of its own.
    assert hit_ids("zoekwoord") == hit_ids("zoekwoord")
    with CaptureQueriesContext(connection) as context:
        hit_ids("zoekwoord")
    stages = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    assert (
        stages[1]
        .rstrip(" 0123456789")
        .endswith('ORDER BY "wagtailsearch_indexentry"."id" ASC LIMIT')
    )


@postgresql_only
def test_a_frequent_query_of_several_words_keeps_pages_with_them_in_title_and_text(tree, frequent):
    split = f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord", summary="Vervolg.")
    titled = f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord vervolg")

    assert hit_ids("zoekwoord vervolg") == [titled.pk, split.pk]


@postgresql_only
def test_a_rare_word_is_ranked_in_one_query(word_pages):
    with CaptureQueriesContext(connection) as context:
        hits = hit_ids("zoekwoord")

    assert hits[:2] == [word_pages["short title"].pk, word_pages["long title"].pk]
    stages = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    assert len(stages) == 1 and "ts_rank" in stages[0]


@postgresql_only
def test_the_estimate_tells_a_frequent_word_from_a_rare_one(tree):
    from search.backends.postgres import estimated_matches, tsquery

    for n in range(40):
        f.ModulePageFactory(
            parent=tree.module_index,
            title=f"Gewoon {n}" if n < 20 else f"Module {n}",
            summary="Gewoon." if n else "Gewoon en zeldzaam.",
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")

    common = estimated_matches(tsquery(["gewoon"], "dutch"))
    rare = estimated_matches(tsquery(["zeldzaam"], "dutch"))
    assert common.entries >= 30
    assert 10 <= common.titles < common.entries
    assert rare.entries < common.entries


def test_a_title_holds_the_words_of_the_query_whatever_their_case_and_accents():
    assert holds_all(words("team"), "Het Team")
    assert holds_all(words("financien team"), "Financiën en team")
    assert not holds_all(words("team"), "Teams en meer")
    assert not holds_all(words("team"), "Steam")
    assert not holds_all(words("team"), "Financiën")
    assert not holds_all([], "Team")


@postgresql_only
def test_a_process_asks_for_the_estimate_of_a_query_once_in_a_while(tree):
    from search.backends.postgres import estimated_matches, tsquery

    query = tsquery(["eenmalig"], "dutch")
    with CaptureQueriesContext(connection) as context:
        first = estimated_matches(query)
        second = estimated_matches(query)

    assert first == second
    estimates = [q for q in context.captured_queries if q["sql"].startswith("EXPLAIN")]
    assert len(estimates) == 1
