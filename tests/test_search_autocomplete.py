"""Search suggestions while typing (site/search/autocomplete.py): what is suggested, what never
is, the JSON, and bad input.

Uses the bilingual small site (tests/builders.py): English titles are the Dutch ones with "EN "
in front, so one prefix matches a page in both languages and each language must keep to its own.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from search.autocomplete import MAX_SUGGESTIONS
from tests import factories as f
from tests.builders import PAGE_NAMES
from tests.search_pages import LANGUAGES, version
from tests.test_search import BAD_QUERIES

pytestmark = pytest.mark.django_db


def suggestions_url(language):
    with translation.override(language):
        return reverse("search_suggestions")


def suggest(client, language, **params):
    response = client.get(suggestions_url(language), params)
    assert response.status_code == 200, params
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


def urls(suggestions):
    return [suggestion["url"] for suggestion in suggestions]


def test_the_endpoint_has_a_url_in_each_language():
    assert suggestions_url("nl") == "/zoeken/suggesties/"
    assert suggestions_url("en").startswith("/en/")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["home", "track", "theme"])
def test_every_search_form_names_the_suggestions_of_its_language(client, bilingual, language, name):
    assert name in PAGE_NAMES
    page = version(bilingual, bilingual.nl.page(name), language)
    pages = [page.url, reverse_in(language, "search") + "?q=Urban"]
    for url in pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        forms = soup.select('form[role="search"]')
        assert forms
        for form in forms:
            assert form["data-suggest-url"] == suggestions_url(language)
            assert form["data-suggest-label"]
            assert "%(count)s" in form["data-suggest-many"]
        # The combobox script is a file loaded with defer: nothing inline.
        script = soup.select_one('script[src$="js/search_combobox.js"]')
        assert script.has_attr("defer")
        assert not [s for s in soup.select("script:not([src])") if "combobox" in s.get_text()]


def reverse_in(language, name):
    with translation.override(language):
        return reverse(name)


# ---------------------------------------------------------------------------------------------
# Suggesting


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("track", "Urb"),
        ("module", "Samen op p"),
        ("theme", "Flexib"),
        ("case", "Wendb"),
        ("article", "Nieuwsg"),
    ],
)
def test_a_title_prefix_suggests_the_page_in_the_visitors_language(
    client, bilingual, language, name, prefix
):
    page = version(bilingual, bilingual.nl.page(name), language)
    other = version(bilingual, bilingual.nl.page(name), "en" if language == "nl" else "nl")
    suggestions = suggest(client, language, q=prefix)
    assert page.url in urls(suggestions), suggestions
    assert other.url not in urls(suggestions)
    suggestion = next(s for s in suggestions if s["url"] == page.url)
    assert suggestion == {"title": page.title, "type": str(page.card_label), "url": page.url}


def test_several_words_narrow_the_suggestions(client, bilingual):
    suggestions = suggest(client, "nl", q="Urban Prof")
    assert urls(suggestions) == [bilingual.nl.urban.url]


def test_at_most_eight_suggestions(client, bilingual):
    for number in range(MAX_SUGGESTIONS + 4):
        f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title=f"Veelvoud {number}")
    suggestions = suggest(client, "nl", q="Veelv")
    assert len(suggestions) == MAX_SUGGESTIONS == 8
    assert all(s["title"].startswith("Veelvoud") for s in suggestions)


def test_only_the_searchable_page_types_are_suggested(client, bilingual):
    index = bilingual.nl.tree.module_index
    assert index.url not in urls(suggest(client, "nl", q=index.title))


# ---------------------------------------------------------------------------------------------
# Never suggested


def assert_never_suggested(client, bilingual, page, prefix):
    hidden = {page.specific.url, bilingual.en(page).url}
    for language in LANGUAGES:
        suggestions = suggest(client, language, q=prefix)
        assert not hidden & set(urls(suggestions)), (language, suggestions)


def test_drafts_are_never_suggested(client, bilingual):
    draft = f.ModulePageFactory(
        parent=bilingual.nl.tree.module_index, title="Onaf concept", live=False
    )
    assert not draft.live
    assert suggest(client, "nl", q="Onaf") == []


@pytest.mark.parametrize(
    "restriction_type",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
def test_private_pages_are_never_suggested(client, bilingual, restriction_type):
    page = bilingual.nl.urban
    for version_ in [page, bilingual.en(page)]:
        PageViewRestriction.objects.create(
            page=version_, restriction_type=restriction_type, password="geheim"
        )
    assert_never_suggested(client, bilingual, page, "Urb")


def test_pages_under_a_private_section_are_never_suggested(client, bilingual):
    for index in [bilingual.nl.tree.case_index, bilingual.en(bilingual.nl.tree.case_index)]:
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert_never_suggested(client, bilingual, bilingual.nl.cases[0], "Wendb")


def test_unpublished_and_expired_pages_are_never_suggested(client, bilingual):
    article = bilingual.nl.article
    for version_ in [article.specific, bilingual.en(article)]:
        version_.unpublish()
    assert_never_suggested(client, bilingual, article, "Nieuwsg")
    case = bilingual.nl.cases[0]
    past = timezone.now() - datetime.timedelta(days=1)
    Page.objects.filter(translation_key=case.translation_key).update(expire_at=past)
    assert_never_suggested(client, bilingual, case, "Wendb")


def test_a_page_only_in_dutch_is_not_suggested_in_english(client, bilingual):
    dutch_only = f.ModulePageFactory(
        parent=bilingual.nl.tree.module_index, title="Alleenstaand onderwerp"
    )
    assert urls(suggest(client, "nl", q="Alleenst")) == [dutch_only.url]
    assert suggest(client, "en", q="Alleenst") == []


# ---------------------------------------------------------------------------------------------
# The response


def test_the_json_carries_the_cleaned_query(client, bilingual):
    response = client.get(suggestions_url("nl"), {"q": ' "Urban & !Prof* '})
    assert response.json()["query"] == "Urban Prof"


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggestions_may_be_cached_briefly_by_the_browser_only(client, bilingual, language):
    response = client.get(suggestions_url(language), {"q": "Urb"})
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in cache_control
    max_age = next(int(p.split("=")[1]) for p in cache_control if p.startswith("max-age="))
    assert 0 < max_age <= 300
    assert "Accept-Language" in response["Vary"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Language"] == language


def test_suggestions_cost_a_few_queries_however_many_match(
    client, bilingual, django_assert_max_num_queries
):
    for number in range(20):
        f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title=f"Veelvoud {number}")
    client.get(suggestions_url("nl"), {"q": "Veelv"})  # warm the site root paths cache
    with django_assert_max_num_queries(6):
        assert len(suggest(client, "nl", q="Veelv")) == MAX_SUGGESTIONS


def test_only_get_is_answered(client, bilingual):
    assert client.post(suggestions_url("nl"), {"q": "Urb"}).status_code == 405


# ---------------------------------------------------------------------------------------------
# Bad input: always 200 with a list, never an error


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", [*BAD_QUERIES, " ".join(["leiderschap"] * 151)])
def test_bad_queries_answer_with_a_list(client, bilingual, language, query):
    suggestions = suggest(client, language, q=query)
    assert isinstance(suggestions, list)
    assert all(set(s) == {"title", "type", "url"} for s in suggestions)


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", "& | ! : * ( )", "😀 🚀", "%_\\"])
def test_nothing_searchable_suggests_nothing(client, bilingual, query):
    assert suggest(client, "nl", q=query) == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ["Urb", "Prof"]},
        {"q": "Urb", "type": "onbekend"},
        {"q": "Urb", "page": "99999999999999999999"},
        {"q": "Urb", "theme": ["a", "b"]},
    ],
)
def test_bad_parameters_answer_with_a_list(client, bilingual, params):
    assert isinstance(suggest(client, "nl", **params), list)
