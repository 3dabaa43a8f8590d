"""Did-you-mean (site/search/suggestions.py), the fallback to some of the words, and the title
order (site/search/ranking.py).

Searches the bilingual small site (tests/builders.py): English texts are the Dutch ones with
"EN " in front.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from core.links import LinkResolver
from search.ranking import titles_first
from search.suggestions import check_spelling, correct
from search.views import SEARCHABLE_MODELS, _visible_hits
from tests import factories as f
from tests.query_counts import assert_within_budget
from tests.search_pages import result_links, search
from trajecten.models import ModulePage

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15


def spelling(soup):
    message = soup.select_one(".search-page__spelling")
    return " ".join(message.get_text().split()) if message else ""


# ---------------------------------------------------------------------------------------------
# Correcting words


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("leiderschao", "leiderschap"),
        ("Urbam Professionel", "urban professional"),
        ("ambtenaar", "ambtenaren"),
        ("leiderschap", None),  # known: nothing to correct
        ("xqzvwk", None),  # like nothing known
        ("pad", None),  # too short to correct
    ],
)
def test_words_are_corrected_to_the_most_alike_known_word(query, expected):
    known = {"leiderschap": 3, "urban": 2, "professional": 2, "ambtenaren": 1, "paden": 1}
    assert correct(query, known) == expected


def test_the_most_alike_word_is_chosen_and_of_equally_alike_ones_the_most_frequent():
    assert correct("trainer", {"trainers": 1, "trainen": 9}) == "trainers"
    assert correct("trainer", {"trainee": 1, "trainen": 9}) == "trainen"
    assert correct("trainer", {"trainee": 9, "trainen": 1}) == "trainee"


def test_with_a_few_hits_the_correction_is_offered_not_searched(rf, bilingual):
    request = rf.get("/zoeken/", {"q": "Urbam", "type": "leertrajectpage"})
    resolver = LinkResolver(request, "nl")
    hits = [(bilingual.nl.urban.pk, 0)]
    searched = []

    def search_visible(text, loose=None):
        searched.append(text)
        return _visible_hits(resolver, text, loose=loose)

    offered, shown = check_spelling(
        request, "Urbam", hits, search_visible, resolver, SEARCHABLE_MODELS
    )
    assert shown == hits
    assert searched == ["urban"]  # only to see that the correction finds pages
    assert not offered.replaced
    assert offered.corrected == "urban"
    assert offered.corrected_url == "/zoeken/?q=urban&type=leertrajectpage"
    assert (
        str(offered.corrected_link)
        == '<a href="/zoeken/?q=urban&amp;type=leertrajectpage">urban</a>'
    )


# ---------------------------------------------------------------------------------------------
# The results page


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_misspelled_query_shows_the_results_of_the_corrected_one(client, bilingual, language):
    soup = search(client, language, q="Urbam Profesional")
    urban = bilingual.nl.urban if language == "nl" else bilingual.en(bilingual.nl.urban)
    assert result_links(soup)[0] == urban.url
    message = spelling(soup)
    assert "urban professional" in message
    assert "Urbam Profesional" in message
    assert soup.select_one(".results-title").get_text().count("urban professional") == 1
    # "Search instead for ...": the query as typed, not corrected again.
    original = soup.select_one(".search-page__spelling a")["href"]
    assert "exact=1" in original
    response = client.get(original)
    exact = BeautifulSoup(response.content, "html.parser")
    assert not result_links(exact)
    assert not spelling(exact)


def test_the_correction_keeps_the_type_filter(client, bilingual):
    soup = search(client, q="Samenn", type="modulepage")
    assert result_links(soup)
    assert all("/modules/" in link for link in result_links(soup))
    assert "type=modulepage" in soup.select_one(".search-page__spelling a")["href"]


def test_words_only_in_drafts_or_private_pages_are_never_suggested(client, bilingual):
    tree = bilingual.nl.tree
    f.ModulePageFactory(parent=tree.module_index, title="Zeldzaamheid", live=False)
    private = f.ModulePageFactory(parent=tree.module_index, title="Geheimzinnigheid")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for typo in ["Zeldzaamhied", "Geheimzinnighied"]:
        soup = search(client, q=typo)
        assert not result_links(soup)
        assert not spelling(soup)
        assert "Zeldzaamheid" not in str(soup)
        assert "Geheimzinnigheid" not in str(soup)


def test_words_of_the_other_language_are_never_suggested(client, bilingual):
    # "Stadhuisplein" is only on a Dutch page: an English visitor is not led to it.
    f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title="Stadhuisplein")
    assert result_links(search(client, "nl", q="Stadhuisplien"))
    soup = search(client, "en", q="Stadhuisplien")
    assert not result_links(soup)
    assert "Stadhuisplein" not in str(soup)


def test_a_newly_published_word_is_suggested_at_once(client, bilingual):
    tree = bilingual.nl.tree
    assert not result_links(search(client, q="Kwartiermakr"))  # the vocabulary is now cached
    module = f.ModulePageFactory(parent=tree.module_index, title="Kwartiermaker", live=False)
    module.save_revision().publish()
    soup = search(client, q="Kwartiermakr")
    assert result_links(soup) == [module.url]
    module.refresh_from_db()
    module.unpublish()
    soup = search(client, q="Kwartiermakr")
    assert not result_links(soup)
    assert not spelling(soup)


def test_when_no_page_has_all_words_as_typed_alike_forms_are_found(client, bilingual):
    # Both words are known, but only in other forms on the page that has them both.
    tree = bilingual.nl.tree
    both = f.ModulePageFactory(parent=tree.module_index, title="Ontwerp van leerpaden")
    f.ModulePageFactory(parent=tree.module_index, title="Een eigen leerpad")
    soup = search(client, q="ontwerp leerpad")
    assert result_links(soup)[0] == both.url
    assert not soup.select(".search-page__message")


def test_when_no_page_has_all_words_pages_with_some_of_them_are_shown(client, bilingual):
    soup = search(client, q="Nieuwsgierig Wendbaar")
    links = result_links(soup)
    assert bilingual.nl.article.url in links
    assert bilingual.nl.cases[0].url in links
    assert soup.select_one(".search-page__message").get_text(strip=True)


def test_a_corrected_search_stays_within_the_query_budget(client, tree, measure):
    f.ModulePageFactory(parent=tree.module_index, title="Zoekwoord module")
    assert_within_budget(measure.counts(client, "/zoeken/?q=Zoekwrd"), MAX_QUERIES)
    assert "Zoekwoord module" in measure.queries(client, "/zoeken/?q=Zoekwrd")[1]


# ---------------------------------------------------------------------------------------------
# The order


def test_pages_whose_title_holds_every_word_come_first():
    titles = {1: "Over leren", 2: "Business Partner", 3: "Business en meer", 4: "Partner business"}
    assert titles_first([1, 3, 2, 4], titles, "business partner") == [2, 4, 1, 3]
    assert titles_first([1, 3], titles, "") == [1, 3]


def test_a_page_named_in_the_query_comes_first(client, bilingual):
    # The module mentions the track by name more often than the track's own text does.
    module = ModulePage.objects.get(pk=bilingual.nl.modules[0].pk)  # shared: fetched afresh
    module.summary = "Urban Professional, Urban Professional: Urban Professional."
    module.save_revision().publish()
    assert result_links(search(client, q="Urban Professional"))[0] == bilingual.nl.urban.url


# ---------------------------------------------------------------------------------------------
# What a page shows of other pages


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_track_is_found_by_its_modules_titles_as_published(client, bilingual, language):
    # The Urban Professional track's programme has the module; the track is indexed again.
    first = bilingual.nl.modules[0]
    version = first if language == "nl" else bilingual.en(first)
    module = ModulePage.objects.get(pk=version.pk)  # shared: fetched afresh
    module.title = "Kwartiermaken in de wijk"
    module.save_revision().publish()
    links = result_links(search(client, language, q="Kwartiermaken"))
    urban = bilingual.nl.urban if language == "nl" else bilingual.en(bilingual.nl.urban)
    assert module.url in links
    assert urban.url in links
