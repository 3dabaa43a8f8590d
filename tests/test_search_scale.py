"""What keeps the search fast with many pages (figures: bench/search.py): PostgreSQL can match
and join through indexes, the visibility rule is part of the ranked query; and the bench only
touches its own databases."""

import datetime
import importlib.util
import random
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.links import LinkResolver
from search.views import _visible_hits
from tests import factories as f

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parent.parent / "bench" / "search.py"


def is_search(query):
    """Whether `query` (captured) is a search, not the planner's estimate before it."""
    return "@@" in query["sql"] and not query["sql"].startswith("EXPLAIN")


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_search", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_postgresql_can_match_a_search_through_the_title_body_index(client, tree):
    f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord")
    with CaptureQueriesContext(connection) as context:
        assert client.get("/zoeken/?q=zoekwoord").status_code == 200
    search_sql = next(query["sql"] for query in context.captured_queries if is_search(query))
    matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'

    # The view filters on the indexed expression, and PostgreSQL answers it from the index
    # (a handful of rows is read fastest without any index: plan as for a large site instead).
    assert matched in search_sql
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('simple', 'zoekwoord')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_postgresql_can_find_the_pages_of_matching_entries_through_an_index(client, tree):
    f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord")
    with CaptureQueriesContext(connection) as context:
        assert client.get("/zoeken/?q=zoekwoord").status_code == 200
    search_sql = next(query["sql"] for query in context.captured_queries if is_search(query))
    joined = '"wagtailsearch_indexentry"."object_id" = ("wagtailcore_page"."id")::varchar(50)'

    # The search joins each entry to its page on the page id as text, and PostgreSQL can look
    # that up in an index of that very expression instead of reading every page of the
    # language. (Read from the catalogue: whether a plan may use an index just built also
    # depends on the oldest transaction running on the server.)
    assert joined in search_sql
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_page_id_text'")
        (definition,) = cursor.fetchone()
    assert "wagtailcore_page USING btree (((id)::character varying(50)))" in definition


def test_the_search_and_the_visibility_rule_are_one_query(client, tree):
    shown = f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord zichtbaar")
    expired = f.ModulePageFactory(
        parent=tree.module_index,
        title="Zoekwoord verlopen",
        expire_at=timezone.now() - datetime.timedelta(days=1),
    )
    with CaptureQueriesContext(connection) as context:
        hits = _visible_hits(LinkResolver(None, "nl"), "zoekwoord")

    assert [pk for pk, _type in hits] == [shown.pk]
    assert expired.pk not in [pk for pk, _type in hits]
    # The backend's ranked query carries the rule: no second query with the hits' ids.
    searches = [query["sql"] for query in context.captured_queries if "expire_at" in query["sql"]]
    assert len(searches) == 1
    assert "MATCH" in searches[0] or "@@" in searches[0]


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/leertrajecten",
        "postgres://postgres@127.0.0.1:5432/test_bench_search",
        "sqlite:///bench_search.sqlite3",
    ],
)
def test_the_bench_refuses_a_database_that_is_not_its_own(url):
    with pytest.raises(SystemExit):
        load_bench().database_name(url)


def test_the_bench_takes_a_bench_database():
    bench = load_bench()

    assert bench.database_name(bench.DEFAULT_DATABASE_URL) == "bench_search"


def test_the_bench_misspells_by_one_letter():
    bench = load_bench()
    rng = random.Random(1)
    for word in ["leiderschap", "omgevingswet", "organisation"]:
        typo = bench.misspell(word, rng)
        assert typo != word
        assert len(typo) in (len(word), len(word) - 1)
        assert typo[0] == word[0]
        assert sorted(typo) == sorted(word) or len(typo) == len(word) - 1
