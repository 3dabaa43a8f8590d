"""A search results page costs the same number of queries however many pages match."""

import pytest

from search.suggestions import FEW_HITS
from tests import factories as f
from tests.query_counts import assert_within_budget

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
URL = "/zoeken/?q=Zoekwoord"


def test_search_results_cost_the_same_queries_however_many_hits(client, tree, measure):
    modules = []

    def grow(count):
        for _ in range(count):
            number = len(modules)
            modules.append(
                f.ModulePageFactory(parent=tree.module_index, title=f"Zoekwoord module {number}")
            )
        # The first page shows ten results: the count proves the new hits were found.
        return [f"{len(modules)} resultaten"]

    # From FEW_HITS on: a search with fewer hits also reads the vocabulary for "did you mean"
    # (one query, cached), whatever the number of pages.
    grow(FEW_HITS)
    measure.assert_flat(client, URL, grow, 20)


def test_a_results_page_of_every_page_type_stays_within_the_query_budget(client, tree, measure):
    theme = f.ThemePageFactory(parent=tree.theme_index, title="Zoekwoord thema")
    for number in range(2):
        f.ModulePageFactory(parent=tree.module_index, title=f"Zoekwoord module {number}")
        f.LeertrajectPageFactory(parent=tree.track_index, title=f"Zoekwoord traject {number}")
        f.CaseStudyPageFactory(parent=tree.case_index, title=f"Zoekwoord case {number}")
        article = f.ArticlePageFactory(
            parent=tree.article_index, title=f"Zoekwoord artikel {number}"
        )
        f.ArticleThemeLinkFactory(page=article, theme=theme)
    assert_within_budget(measure.counts(client, URL), MAX_QUERIES)
