"""Promoted search results (site/search/promotions.py): first, marked, once, in the visitor's
language, and never a page the visitor may not see.

On the bilingual small site (tests/builders.py): "Urban" finds the track Urban Professional in
either language; the article "Nieuwsgierig blijven" is no hit for it, so promoting it shows.
"""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests import factories as f
from tests.query_counts import assert_within_budget
from tests.search_pages import LANGUAGES, search, version

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string),
        page=page,
        sort_order=SearchPromotion.objects.count(),
        **fields,
    )


def promoted_links(soup):
    return [a["href"] for a in soup.select(".search-result--promoted .card__title a")]


def organic_links(soup):
    return [
        a["href"]
        for a in soup.select(".search-result:not(.search-result--promoted) .card__title a")
    ]


def result_count(soup):
    return soup.select_one("#results-title").get_text(" ", strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_promoted_page_comes_first_and_is_marked(client, bilingual, language):
    promote("urban", bilingual.nl.article, description="Lees dit eerst.")
    soup = search(client, language, q="Urban")
    article = version(bilingual, bilingual.nl.article, language)
    track = version(bilingual, bilingual.nl.urban, language)
    assert promoted_links(soup) == [article.url]
    promoted = soup.select_one(".search-result--promoted")
    label = {"nl": "Aanbevolen", "en": "Recommended"}[language]
    assert promoted.select_one(".card__label").get_text(strip=True) == label
    assert promoted.select_one(".card__summary").get_text(strip=True) == "Lees dit eerst."
    all_links = [a["href"] for a in soup.select(".search-result .card__title a")]
    assert all_links[0] == article.url
    assert track.url in organic_links(soup)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_promoted_hit_is_not_repeated_or_counted_twice(client, bilingual, language):
    before = search(client, language, q="Urban")
    count_before = result_count(before)
    track = version(bilingual, bilingual.nl.urban, language)
    assert track.url in organic_links(before)
    promote("urban", bilingual.nl.urban)
    soup = search(client, language, q="Urban")
    assert promoted_links(soup) == [track.url]
    assert track.url not in organic_links(soup)
    assert result_count(soup) == count_before


def test_the_promotion_of_an_english_page_shows_its_dutch_translation(client, bilingual):
    english = bilingual.en(bilingual.nl.article)
    promote("urban", english)
    assert promoted_links(search(client, "nl", q="Urban")) == [bilingual.nl.article.specific.url]
    assert promoted_links(search(client, "en", q="Urban")) == [english.url]


def test_the_query_matches_whatever_the_case_and_spacing(client, bilingual):
    promote("Urban   Professional", bilingual.nl.article)
    soup = search(client, "nl", q="  urban PROFESSIONAL ")
    assert promoted_links(soup) == [bilingual.nl.article.specific.url]
    assert promoted_links(search(client, "nl", q="Urban")) == []


def test_a_promotion_for_a_query_with_signs_is_found_as_typed(client, bilingual):
    promote("urban!", bilingual.nl.article)
    soup = search(client, "nl", q="Urban!")
    assert promoted_links(soup) == [bilingual.nl.article.specific.url]


def test_an_untranslated_page_is_promoted_in_its_own_language_only(client, bilingual):
    dutch_only = f.ArticlePageFactory(
        parent=bilingual.nl.tree.article_index, title="Alleen in het Nederlands"
    )
    promote("urban", dutch_only)
    assert promoted_links(search(client, "nl", q="Urban")) == [dutch_only.url]
    english = search(client, "en", q="Urban")
    assert promoted_links(english) == []
    assert "Alleen in het Nederlands" not in english.select_one("main").get_text()


def test_an_unpublished_page_is_never_promoted(client, bilingual):
    article = bilingual.nl.article
    promote("urban", article)
    for version_ in [article.specific, bilingual.en(article)]:
        version_.unpublish()
    for language in LANGUAGES:
        soup = search(client, language, q="Urban")
        assert promoted_links(soup) == []
        assert "Nieuwsgierig" not in soup.select_one("main").get_text()


def test_a_draft_is_never_promoted(client, bilingual):
    draft = f.ArticlePageFactory(
        parent=bilingual.nl.tree.article_index, title="Onaf concept", live=False
    )
    promote("urban", draft)
    soup = search(client, "nl", q="Urban")
    assert promoted_links(soup) == []
    assert "Onaf concept" not in soup.select_one("main").get_text()


def test_a_private_page_is_never_promoted(client, bilingual):
    article = bilingual.nl.article
    promote("urban", article)
    for version_ in [article.specific, bilingual.en(article)]:
        PageViewRestriction.objects.create(
            page=version_, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    for language in LANGUAGES:
        soup = search(client, language, q="Urban")
        assert promoted_links(soup) == []
        assert "Nieuwsgierig" not in soup.select_one("main").get_text()


def test_an_unpublished_translation_is_not_replaced_by_the_other_language(client, bilingual):
    article = bilingual.nl.article
    promote("urban", article)
    bilingual.en(article).unpublish()
    english = search(client, "en", q="Urban")
    assert promoted_links(english) == []
    assert "Nieuwsgierig" not in english.select_one("main").get_text()
    assert promoted_links(search(client, "nl", q="Urban")) == [article.specific.url]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_external_link_is_promoted_in_every_language(client, bilingual, language):
    promote(
        "urban",
        external_link_url="https://example.org/gids",
        external_link_text="Gids <b>extern</b>",
    )
    soup = search(client, language, q="Urban")
    assert promoted_links(soup) == ["https://example.org/gids"]
    link = soup.select_one(".search-result--promoted .card__title a")
    assert link.get_text() == "Gids <b>extern</b>"  # escaped, shown as typed
    assert link.find("b") is None


def test_an_unsafe_external_link_is_never_shown(client, bilingual):
    promote("urban", external_link_url="javascript:alert(1)", external_link_text="Klik")
    soup = search(client, "nl", q="Urban")
    assert promoted_links(soup) == []
    assert "javascript:" not in str(soup.select_one("main"))


def test_promotions_alone_are_a_result(client, bilingual):
    promote("onvindbaar", bilingual.nl.article)
    soup = search(client, "nl", q="onvindbaar")
    assert promoted_links(soup) == [bilingual.nl.article.specific.url]
    assert soup.select_one(".empty-state") is None
    assert result_count(soup).startswith("1 resultaat")


def test_a_filtered_list_shows_no_promotions_and_keeps_its_hits(client, bilingual):
    promote("urban", bilingual.nl.urban)
    soup = search(client, "nl", q="Urban", type="leertrajectpage")
    assert promoted_links(soup) == []
    assert bilingual.nl.urban.specific.url in organic_links(soup)


def test_promotions_head_the_first_page_only(client, bilingual):
    for number in range(12):
        f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title=f"Veelvoud {number}")
    promote("veelvoud", bilingual.nl.article)
    first = search(client, "nl", q="Veelvoud")
    second = search(client, "nl", q="Veelvoud", page="2")
    assert promoted_links(first) == [bilingual.nl.article.specific.url]
    assert promoted_links(second) == []
    assert len(organic_links(first)) + len(organic_links(second)) == 12
    assert result_count(second).startswith("13 resultaten")


def test_promotions_cost_the_same_queries_however_many(client, bilingual, measure):
    url = "/zoeken/?q=Urban"
    # Not the track itself: an organic hit must stay, or the organic page query is skipped.
    pages = [bilingual.nl.article, *bilingual.nl.modules, *bilingual.nl.cases]
    promoted = []

    def grow(count):
        for page in pages[len(promoted) : len(promoted) + count]:
            promote("urban", page)
            promoted.append(page)
        return [page.title for page in promoted]

    grow(1)
    measure.assert_flat(client, url, grow, 6)
    assert_within_budget(measure.counts(client, url), MAX_QUERIES)
