"""The site search (site/search): what it finds, what it never shows, and bad input.

Searches the bilingual small site (tests/builders.py): English texts are the Dutch ones with
"EN " in front, so one word finds a page in both languages and each search must keep to its own.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from search.query import MAX_CHARS, MAX_WORDS, clean_query
from tests import factories as f
from tests.builders import PAGE_NAMES
from tests.search_pages import LANGUAGES, SEARCH_URLS, result_links, search, version

pytestmark = pytest.mark.django_db


# (page type, a word of its title, a word only in its summary or introduction)
FINDABLE = [
    ("track", "Urban", "inwoners"),
    ("module", "pad", "samenwerken"),
    ("theme", "Flexibele", "thema"),
    ("case", "Wendbaar", "leerde"),
    ("article", "Nieuwsgierig", "reflectie"),
]


# ---------------------------------------------------------------------------------------------
# Finding


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "title_word", "summary_word"), FINDABLE)
def test_each_page_type_is_found_by_title_and_summary(
    client, bilingual, language, name, title_word, summary_word
):
    page = version(bilingual, bilingual.nl.page(name), language)
    assert title_word in page.title
    assert summary_word in page.card_summary
    for word in [title_word, summary_word]:
        soup = search(client, language, q=word)
        assert page.url in result_links(soup), (word, result_links(soup))
        result = soup.select_one(f'.search-result:has(a[href="{page.url}"])')
        assert result.select_one(".card__label").get_text(strip=True) == str(page.card_label)
        assert result.select_one(".card__summary").get_text(strip=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_keep_to_the_language_of_the_search(client, bilingual, language):
    other = "en" if language == "nl" else "nl"
    links = result_links(search(client, language, q="Urban Professional"))
    assert version(bilingual, bilingual.nl.urban, language).url in links
    assert version(bilingual, bilingual.nl.urban, other).url not in links


def test_the_search_page_is_not_indexed_by_search_engines(client, bilingual):
    soup = search(client, "nl", q="Urban")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_type_facet_counts_and_filters(client, bilingual, language):
    soup = search(client, language, q="Samen")
    facets = {a.get_text(strip=True): a["href"] for a in soup.select(".search-facets a")}
    assert any(label.startswith("Modules (1)") for label in facets), facets
    filtered = search(client, language, q="Samen", type="modulepage")
    module = version(bilingual, bilingual.nl.modules[1], language)
    assert result_links(filtered) == [module.url]


def test_results_are_paginated(client, bilingual):
    for number in range(12):
        f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title=f"Veelvoud {number}")
    first = search(client, "nl", q="Veelvoud")
    second = search(client, "nl", q="Veelvoud", page="2")
    assert len(result_links(first)) == 10
    assert len(result_links(second)) == 2
    assert not set(result_links(first)) & set(result_links(second))


# ---------------------------------------------------------------------------------------------
# Never shown


def assert_not_found(client, bilingual, page, word):
    hidden = {page.specific.url, bilingual.en(page).url}
    for language in LANGUAGES:
        soup = search(client, language, q=word)
        assert not hidden & set(result_links(soup)), (language, word)
        assert word not in soup.select_one("main .search-results, main .empty-state").get_text()


@pytest.mark.parametrize(
    "restriction_type",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
@pytest.mark.parametrize("name", ["track", "case"])
def test_private_pages_are_never_found(client, bilingual, restriction_type, name):
    page = bilingual.nl.page(name)
    for version_ in [page, bilingual.en(page)]:
        restriction = PageViewRestriction.objects.create(
            page=version_, restriction_type=restriction_type, password="geheim"
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.get(name="Editors")])
    word = {n: t for n, t, _s in FINDABLE}[name]
    assert_not_found(client, bilingual, page, word)


def test_pages_under_a_private_section_are_never_found(client, bilingual):
    for index in [bilingual.nl.tree.module_index, bilingual.en(bilingual.nl.tree.module_index)]:
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert_not_found(client, bilingual, bilingual.nl.modules[0], "Kennismaken")


def test_unpublished_pages_are_never_found(client, bilingual):
    article = bilingual.nl.article
    for version_ in [article.specific, bilingual.en(article)]:
        version_.unpublish()
    assert_not_found(client, bilingual, article, "Nieuwsgierig")


def test_drafts_are_never_found(client, bilingual):
    draft = f.ModulePageFactory(
        parent=bilingual.nl.tree.module_index, title="Onaf concept", live=False
    )
    assert not draft.live
    soup = search(client, "nl", q="Onaf")
    assert draft.url not in result_links(soup)
    assert "Onaf concept" not in soup.select_one("main").get_text()


def test_expired_pages_are_never_found(client, bilingual):
    case = bilingual.nl.cases[0]
    past = timezone.now() - datetime.timedelta(days=1)
    Page.objects.filter(translation_key=case.translation_key).update(expire_at=past)
    assert_not_found(client, bilingual, case, "Wendbaar")


def test_only_the_searchable_page_types_are_found(client, bilingual):
    # The home page and the index pages are navigation, not answers.
    soup = search(client, "nl", q=bilingual.nl.tree.module_index.title)
    assert bilingual.nl.tree.module_index.url not in result_links(soup)


# ---------------------------------------------------------------------------------------------
# Bad input: always a normal page with a message, never an error


BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    " ".join(["leiderschap"] * 200),
    "Urban\x00\x01\x1f\x7f",
    "& | ! : * ( )",
    "Urban & | !Professional:* (",
    '"Urban',
    "Urban'",
    "NEAR(Urban Professional)",
    "Urban* -Professional ^Urban",
    "😀 Urban 🚀",
    "שלום עולם مرحبا بالعالم",
    "'; DROP TABLE wagtailcore_page; --",
    'Urban" OR 1=1 --',
    "%_\\",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_answer_with_a_normal_page(client, bilingual, language, query):
    soup = search(client, language, q=query)
    main = soup.select_one("main")
    assert main.select_one(".results-title, .empty-state"), query
    assert "\x00" not in str(soup)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_query_asks_for_words(client, bilingual, language):
    soup = search(client, language)
    assert soup.select_one("main .empty-state").get_text(strip=True)
    assert not soup.select(".search-result")


def test_a_long_query_is_cut_short_and_the_visitor_told(client, bilingual):
    soup = search(client, "nl", q="Urban " * 200)
    assert f"eerste {MAX_WORDS} woorden" in soup.select_one(".search-page__message").get_text()
    assert bilingual.nl.urban.url in result_links(soup)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "onbekend"},
        {"type": ["modulepage", "leertrajectpage"]},
        {"type": ["modulepage", "modulepage"]},
        {"type": "<script>alert(1)</script>"},
        {"page": "-1"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "99999999999999999999"},
        {"page": ["1", "2"]},
        {"q": ["Urban", "Professional"]},
    ],
)
def test_bad_parameters_answer_with_a_normal_page(client, bilingual, params):
    soup = search(client, "nl", **{"q": "Samen", **params})
    assert soup.select(".search-result"), params
    if "type" in params:
        assert soup.select_one(".search-page__message").get_text(strip=True)
    assert "<script>alert" not in str(soup)


# ---------------------------------------------------------------------------------------------
# The search box in the header


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_has_a_search_box_for_its_language(client, bilingual, language, name):
    page = version(bilingual, bilingual.nl.page(name), language)
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one('header form[role="search"]')
    assert form["action"] == SEARCH_URLS[language]
    assert form["method"] == "get"
    field = form.select_one('input[name="q"]')
    assert soup.select_one(f'label[for="{field["id"]}"]').get_text(strip=True)


# ---------------------------------------------------------------------------------------------
# Cleaning the query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  Urban   Professional ", "Urban Professional"),
        ("a&b|c!d:e*f(g)h", "a b c d e f g h"),
        ('"onevenwichtig', "onevenwichtig"),
        ("leer\x00traject", "leer traject"),
        ("😀", ""),
        ("ontwikkel_ling", "ontwikkel ling"),
        ("مرحبا", "مرحبا"),
    ],
)
def test_clean_query_keeps_only_words(raw, expected):
    assert clean_query(raw).text == expected
    assert not clean_query(raw).was_truncated


def test_clean_query_cuts_long_queries_short():
    many = clean_query("woord " * 151)
    assert len(many.words) == MAX_WORDS
    assert many.was_truncated
    long = clean_query("x" * 10_000)
    assert len(long.text) == MAX_CHARS
    assert long.was_truncated
    assert len(clean_query("abcdefghij " * 30).text) <= MAX_CHARS


@pytest.mark.parametrize(
    ("language", "other", "other_url"), [("nl", "en", "/en/search/"), ("en", "nl", "/zoeken/")]
)
def test_language_switcher_keeps_the_search(client, bilingual, language, other, other_url):
    soup = search(client, language, q="Urban", type="leertrajectpage")
    link = soup.select_one(f'.language-switcher a[hreflang="{other}"]')
    assert link["href"] == f"{other_url}?q=Urban&type=leertrajectpage"
    assert not soup.select(f'link[rel="alternate"][hreflang="{other}"]')
