"""The theme facet of the search results and the empty state (site/search/facets.py).

Searches the bilingual small site (tests/builders.py). "Samen" finds three tracks, a module and
a case: the case "Samen sterker" and the track "Business partner" carry the theme Samenwerken,
the track "Urban Professional" carries Flexibele organisatie, the others carry none.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from search.suggestions import FEW_HITS
from tests import factories as f
from tests.search_pages import LANGUAGES, SEARCH_URLS, result_links, search, version

pytestmark = pytest.mark.django_db

QUERY = "Samen"


def theme_facets(soup):
    """{label: link or None for the active one} of the theme facet."""
    nav = soup.select_one(".search-facets--themes")
    facets = {}
    for item in nav.select("li"):
        link = item.select_one("a")
        facets[item.get_text(" ", strip=True)] = link["href"] if link else None
    return facets


def themes(bilingual, language):
    flexibel, samenwerken = bilingual.nl.themes
    return version(bilingual, flexibel, language), version(bilingual, samenwerken, language)


def message(soup):
    return " ".join(p.get_text(strip=True) for p in soup.select(".search-page__message"))


def result_themes(soup):
    """{result url: [theme link urls]}."""
    return {
        result.select_one(".card__title a")["href"]: [a["href"] for a in result.select(".tag")]
        for result in soup.select(".search-result")
    }


# ---------------------------------------------------------------------------------------------
# The facet


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_theme_facet_counts_the_hits_per_theme_in_the_visitors_language(
    client, bilingual, language
):
    flexibel, samenwerken = themes(bilingual, language)
    soup = search(client, language, q=QUERY)
    facets = theme_facets(soup)
    assert f"{flexibel.title} (1)" in facets
    assert f"{samenwerken.title} (2)" in facets
    assert facets[f"{samenwerken.title} (2)"].startswith("?")
    assert f"theme={samenwerken.slug}" in facets[f"{samenwerken.title} (2)"]
    assert f"q={QUERY}" in facets[f"{samenwerken.title} (2)"]
    # "All themes" is the current choice, not a link.
    assert [label for label, href in facets.items() if href is None] != []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_theme_filters_the_results_through_a_plain_link(client, bilingual, language):
    flexibel, samenwerken = themes(bilingual, language)
    soup = search(client, language, q=QUERY, theme=samenwerken.slug)
    expected = {
        version(bilingual, bilingual.nl.business, language).url,
        version(bilingual, bilingual.nl.cases[2], language).url,
    }
    assert set(result_links(soup)) == expected
    facets = theme_facets(soup)
    # The active theme is marked, not linked; "All themes" leads back without the theme.
    active = soup.select_one('.search-facets--themes [aria-current="true"]')
    assert active.get_text(strip=True) == f"{samenwerken.title} (2)"
    assert facets[f"{samenwerken.title} (2)"] is None
    all_themes = next(href for label, href in facets.items() if href and "theme=" not in href)
    assert len(result_links(search_href(client, language, all_themes))) == 5
    # The search form keeps the theme for the next query.
    assert soup.select_one('form.search-form input[name="theme"]')["value"] == samenwerken.slug
    # The other themes stay on offer, counted without the active theme, to switch to.
    assert f"theme={flexibel.slug}" in facets[f"{flexibel.title} (1)"]


def search_href(client, language, href):
    response = client.get(SEARCH_URLS[language] + href)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_theme_and_type_facets_combine(client, bilingual, language):
    _flexibel, samenwerken = themes(bilingual, language)
    soup = search(client, language, q=QUERY, theme=samenwerken.slug, type="casestudypage")
    assert result_links(soup) == [version(bilingual, bilingual.nl.cases[2], language).url]
    # The type facet counts within the theme, the theme facet within the type.
    type_labels = [a.get_text(strip=True) for a in soup.select(".search-facets a[href*='type=']")]
    assert any(label.endswith("(1)") for label in type_labels), type_labels
    assert not any(label.endswith("(3)") for label in type_labels), type_labels
    assert f"{samenwerken.title} (1)" in theme_facets(soup)
    # Each facet's links keep the other facet's choice.
    type_nav, theme_nav = soup.select(".search-facets")
    assert theme_nav is soup.select_one(".search-facets--themes")
    for link in type_nav.select("a"):
        assert f"theme={samenwerken.slug}" in link["href"], link
    for link in theme_nav.select("a"):
        assert "type=casestudypage" in link["href"], link


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_result_shows_its_themes_in_the_visitors_language(client, bilingual, language):
    flexibel, samenwerken = themes(bilingual, language)
    shown = result_themes(search(client, language, q=QUERY))
    assert shown[version(bilingual, bilingual.nl.urban, language).url] == [flexibel.url]
    assert shown[version(bilingual, bilingual.nl.business, language).url] == [samenwerken.url]
    assert shown[version(bilingual, bilingual.nl.untagged_track, language).url] == []


def test_a_page_with_two_themes_counts_for_both(client, bilingual):
    flexibel, samenwerken = bilingual.nl.themes
    module = f.ModulePageFactory(parent=bilingual.nl.tree.module_index, title="Dubbelzinnig")
    for theme in [samenwerken, flexibel]:
        f.ModuleThemeLinkFactory(page=module, theme=theme)
    soup = search(client, "nl", q="Dubbelzinnig")
    assert set(theme_facets(soup)) >= {f"{flexibel.title} (1)", f"{samenwerken.title} (1)"}
    # In title order, as in the facet.
    assert result_themes(soup)[module.url] == [flexibel.url, samenwerken.url]


@pytest.mark.parametrize("hide", ["unpublish", "restrict"])
def test_a_hidden_theme_is_never_shown_nor_offered(client, bilingual, hide):
    samenwerken = bilingual.nl.themes[1]
    for version_ in [samenwerken.specific, bilingual.en(samenwerken)]:
        if hide == "unpublish":
            version_.unpublish()
        else:
            PageViewRestriction.objects.create(
                page=version_, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
            )
    for language in LANGUAGES:
        hidden = version(bilingual, samenwerken, language)
        soup = search(client, language, q=QUERY)
        assert not any(label.startswith(hidden.title) for label in theme_facets(soup))
        assert hidden.url not in str(soup.select_one("main"))
        filtered = search(client, language, q=QUERY, theme=hidden.slug)
        assert len(result_links(filtered)) == 5
        assert message(filtered)
        empty = search(client, language, q="Onvindbaar")
        assert hidden.url not in [a["href"] for a in empty.select(".search-suggestions a")]


# ---------------------------------------------------------------------------------------------
# Bad theme parameters: a normal page with a message


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "theme", ["onbekend", "", "<script>alert(1)</script>", "flexibele-organisatie\x00", "-1"]
)
def test_an_unknown_theme_searches_all_themes_and_says_so(client, bilingual, language, theme):
    soup = search(client, language, q=QUERY, theme=theme)
    assert len(result_links(soup)) == 5
    assert message(soup)
    assert "<script>alert" not in str(soup)


@pytest.mark.parametrize(("language", "other"), [("nl", "en"), ("en", "nl")])
def test_the_slug_of_another_language_names_the_same_theme(client, bilingual, language, other):
    # The language switcher keeps the query string, theme included.
    theme = version(bilingual, bilingual.nl.themes[1], language)
    other_theme = version(bilingual, bilingual.nl.themes[1], other)
    assert theme.slug != other_theme.slug
    soup = search(client, other, q=QUERY, theme=theme.slug)
    switch = soup.select_one(f'.language-switcher a[hreflang="{language}"]')["href"]
    assert f"theme={theme.slug}" in switch
    response = client.get(switch)
    assert response.status_code == 200
    switched = BeautifulSoup(response.content, "html.parser")
    assert len(result_links(switched)) == 2
    assert not message(switched)
    # The form and the facet carry the slug in the visitor's language from here on.
    assert switched.select_one('form.search-form input[name="theme"]')["value"] == theme.slug
    soup = search(client, language, q=QUERY, theme=other_theme.slug)
    assert len(result_links(soup)) == 2
    assert soup.select_one('form.search-form input[name="theme"]')["value"] == theme.slug


def test_many_repeated_themes_are_cut_short(client, bilingual):
    soup = search(client, "nl", q=QUERY, theme=[f"onbekend-{n}" for n in range(500)])
    assert len(result_links(soup)) == 5
    assert message(soup)


@pytest.mark.parametrize("language", LANGUAGES)
def test_repeated_themes_filter_on_the_first_known_one_and_say_so(client, bilingual, language):
    flexibel, samenwerken = themes(bilingual, language)
    soup = search(client, language, q=QUERY, theme=["onbekend", samenwerken.slug, flexibel.slug])
    assert len(result_links(soup)) == 2
    assert message(soup)
    assert soup.select_one('form.search-form input[name="theme"]')["value"] == samenwerken.slug


def test_a_theme_without_a_query_asks_for_words(client, bilingual):
    soup = search(client, "nl", theme=bilingual.nl.themes[0].slug)
    assert soup.select_one("main .empty-state")
    assert not soup.select(".search-result")


# ---------------------------------------------------------------------------------------------
# The empty state


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["", "Onvindbaar", "😀"])
def test_the_empty_state_suggests_the_themes_in_the_visitors_language(
    client, bilingual, language, query
):
    soup = search(client, language, q=query)
    assert not soup.select(".search-result")
    assert soup.select_one("main .empty-state")
    section = soup.select_one(".search-suggestions")
    assert section.select_one("h2").get_text(strip=True)
    links = [a["href"] for a in section.select("a")]
    assert links == [theme.url for theme in themes(bilingual, language)]
    for theme in themes(bilingual, language):
        response = client.get(theme.url)
        assert response.status_code == 200


def test_a_theme_only_in_dutch_is_suggested_in_english_marked_as_dutch(client, bilingual):
    dutch_only = f.ThemePageFactory(parent=bilingual.nl.tree.theme_index, title="Alleen Nederlands")
    soup = search(client, "en", q="Onvindbaar")
    link = soup.select_one(f'.search-suggestions a[href="{dutch_only.url}"]')
    assert link["lang"] == "nl"
    assert link.find_next_sibling(class_="fallback-note")


def test_results_show_no_suggestions(client, bilingual):
    soup = search(client, "nl", q=QUERY)
    assert soup.select(".search-result")
    assert not soup.select(".search-suggestions")


# ---------------------------------------------------------------------------------------------
# Cost


def test_a_theme_filtered_results_page_costs_the_same_queries_however_many_hits(
    client, bilingual, measure
):
    flexibel, samenwerken = bilingual.nl.themes
    modules = []

    def grow(count):
        for _ in range(count):
            module = f.ModulePageFactory(
                parent=bilingual.nl.tree.module_index, title=f"Zoekwoord module {len(modules)}"
            )
            f.ModuleThemeLinkFactory(page=module, theme=flexibel)
            f.ModuleThemeLinkFactory(page=module, theme=samenwerken)
            f.ThemePageFactory(parent=bilingual.nl.tree.theme_index, title=f"Thema {len(modules)}")
            modules.append(module)
        return [f"{len(modules)} resultaten"]

    grow(FEW_HITS)  # enough hits that no "Did you mean?" is looked for (search/suggestions.py)
    url = f"/zoeken/?q=Zoekwoord&theme={flexibel.slug}&type=modulepage"
    measure.assert_flat(client, url, grow, 12)
    for state, count in measure.counts(client, url).items():
        assert count <= 15, (state, count)
