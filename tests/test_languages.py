"""Both languages for visitors: switcher, hreflang, sitemap, the language suggestion, UI strings
in the visitor's language, filters per language, and bad language input."""

import re
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import PageViewRestriction

from tests.builders import PAGE_NAMES

pytestmark = pytest.mark.django_db


def soup_at(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}


def switcher_links(soup):
    nav = soup.find("nav", class_="language-switcher")
    return {a["hreflang"]: a for a in nav.find_all("a")}


# ---------------------------------------------------------------------------------------------
# Switcher, hreflang, <html lang>


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_version_links_to_the_other_and_lists_the_same_alternates(client, bilingual, name):
    nl_page = bilingual.nl.page(name)
    en_page = bilingual.en(nl_page)
    nl_soup, en_soup = soup_at(client, nl_page.url), soup_at(client, en_page.url)

    assert nl_soup.find("html")["lang"] == "nl"
    assert en_soup.find("html")["lang"] == "en"
    assert switcher_links(nl_soup)["en"]["href"] == en_page.url
    assert switcher_links(en_soup)["nl"]["href"] == nl_page.url
    assert switcher_links(en_soup)["nl"]["lang"] == "nl"
    current = en_soup.find("nav", class_="language-switcher").find(attrs={"aria-current": "true"})
    assert current["lang"] == "en"

    expected = {
        "nl": nl_page.full_url,
        "en": en_page.full_url,
        "x-default": nl_page.full_url,
    }
    assert alternates(nl_soup) == expected
    assert alternates(en_soup) == expected


def test_switcher_leads_to_the_home_page_when_there_is_no_translation(client, bilingual):
    nl_track = bilingual.nl.urban
    bilingual.en(nl_track).unpublish()
    soup = soup_at(client, nl_track.url)
    link = switcher_links(soup)["en"]
    assert link["href"] == "/en/"
    assert "home page" in link.get_text()
    assert set(alternates(soup)) == {"nl", "x-default"}


def test_private_pages_have_no_alternates(client, bilingual, superuser):
    PageViewRestriction.objects.create(
        page=bilingual.nl.urban, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(superuser)
    for page in [bilingual.nl.urban, bilingual.en(bilingual.nl.urban)]:
        soup = soup_at(client, page.url)
        assert alternates(soup) == {}
        assert switcher_links(soup)  # to the home pages


def test_english_error_page_is_english(client, bilingual):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("html")["lang"] == "en"
    assert soup.find("h1").get_text() == "Page not found"
    assert switcher_links(soup)["nl"]["href"] == "/"


def test_dates_are_written_in_the_page_language(client, bilingual):
    article = bilingual.nl.article
    assert soup_at(client, article.url).find("main").find("time").get_text() == "1 maart 2024"
    en_time = soup_at(client, bilingual.en(article).url).find("main").find("time")
    assert en_time.get_text() == "1 March 2024"


def ui_strings():
    """The site's own interface strings, Dutch source and English translation, where they differ."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"))
    strings = {}
    for entry in catalogue.translated_entries():
        if entry.msgid_plural or "%(" in entry.msgid:
            continue
        if entry.msgstr != entry.msgid:
            strings[entry.msgid] = entry.msgstr
    return strings


def texts_and_labels(soup):
    """Every text a visitor reads or hears: text nodes and label attributes, outside elements
    marked as being in another language."""
    foreign = soup.find_all(lambda tag: tag.get("lang") not in (None, soup.html["lang"]))
    for tag in foreign:
        if tag.name != "html":
            tag.decompose()
    for text in soup.find_all(string=True):
        if text.parent.name not in ("script", "style"):
            yield " ".join(text.split())
    for tag in soup.find_all(True):
        for attribute in ("aria-label", "title", "alt", "placeholder"):
            if tag.get(attribute):
                yield " ".join(tag[attribute].split())


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_english_pages_show_no_dutch_interface_strings(client, bilingual, name):
    dutch_ui = ui_strings()
    en_page = bilingual.en(bilingual.nl.page(name))
    soup = soup_at(client, en_page.url)
    dutch = sorted({text for text in texts_and_labels(soup) if text in dutch_ui})
    assert dutch == []
    english = set(texts_and_labels(soup)) & set(dutch_ui.values())
    assert english  # the check above looked at translated text at all


# ---------------------------------------------------------------------------------------------
# The language suggestion (shown by site.js; its markup here)


def test_dutch_page_offers_its_english_version_in_english(client, bilingual):
    track = bilingual.nl.urban
    soup = soup_at(client, track.url)
    [suggestion] = soup.find_all("aside", class_="language-suggestion")
    assert suggestion.has_attr("hidden")
    assert (suggestion["lang"], suggestion["data-language"]) == ("en", "en")
    assert suggestion.find("a")["href"] == bilingual.en(track).url
    assert suggestion.find("a").get_text() == "This page is also available in English."


def test_english_page_offers_its_dutch_version_in_dutch(client, bilingual):
    soup = soup_at(client, bilingual.en(bilingual.nl.urban).url)
    [suggestion] = soup.find_all("aside", class_="language-suggestion")
    assert suggestion["lang"] == "nl"
    assert suggestion.find("a").get_text() == "Deze pagina is er ook in het Nederlands."


def test_no_suggestion_without_a_translation(client, bilingual):
    bilingual.en(bilingual.nl.urban).unpublish()
    soup = soup_at(client, bilingual.nl.urban.url)
    assert soup.find_all("aside", class_="language-suggestion") == []


# ---------------------------------------------------------------------------------------------
# sitemap.xml


SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("sm:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_both_languages_with_alternates(client, bilingual):
    entries = sitemap_entries(client)
    for name in PAGE_NAMES:
        nl_page = bilingual.nl.page(name)
        en_page = bilingual.en(nl_page)
        expected = {"nl": nl_page.full_url, "en": en_page.full_url, "x-default": nl_page.full_url}
        assert entries[nl_page.full_url] == expected
        assert entries[en_page.full_url] == expected


def test_sitemap_leaves_out_private_and_draft_pages(client, bilingual):
    PageViewRestriction.objects.create(
        page=bilingual.nl.business, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    bilingual.en(bilingual.nl.urban).unpublish()
    entries = sitemap_entries(client)
    hidden = [
        bilingual.nl.business.full_url,
        bilingual.en(bilingual.nl.business).full_url,
        bilingual.en(bilingual.nl.urban).full_url,
    ]
    assert not set(hidden) & set(entries)
    assert entries[bilingual.nl.urban.full_url] == {
        "nl": bilingual.nl.urban.full_url,
        "x-default": bilingual.nl.urban.full_url,
    }


# ---------------------------------------------------------------------------------------------
# Filters follow the visitor's language


def track_titles(soup):
    return {
        " ".join(a.get_text().split()) for a in soup.find("main").find_all("a", class_="card__link")
    }


def test_theme_filter_takes_the_theme_in_the_visitor_language(client, bilingual):
    nl, en = bilingual.nl, bilingual.en
    nl_theme, en_theme = nl.themes[0], en(nl.themes[0])
    assert nl_theme.slug != en_theme.slug
    nl_index, en_index = nl.tree.track_index, en(nl.tree.track_index)
    all_nl = {track.title for track in [nl.urban, nl.business, nl.untagged_track]}

    filtered = soup_at(client, nl_index.url, data={"theme": nl_theme.slug})
    assert track_titles(filtered) == {nl.urban.title}
    filtered = soup_at(client, en_index.url, data={"theme": en_theme.slug})
    assert track_titles(filtered) == {en(nl.urban).title}

    # The other language's slug is not a theme this visitor can pick: ignored, all tracks shown.
    response = client.get(nl_index.url, {"theme": en_theme.slug})
    assert response.context["filterset"].ignored_parameters == ["theme"]
    assert track_titles(BeautifulSoup(response.content.decode(), "html.parser")) == all_nl
    response = client.get(en_index.url, {"theme": nl_theme.slug})
    assert response.context["filterset"].ignored_parameters == ["theme"]


def test_english_filter_lists_english_themes(client, bilingual):
    en_index = bilingual.en(bilingual.nl.tree.track_index)
    options = soup_at(client, en_index.url).find("select", attrs={"name": "theme"})
    labels = [option.get_text() for option in options.find_all("option")]
    assert labels == ["All themes", *sorted(bilingual.en(t).title for t in bilingual.nl.themes)]


# ---------------------------------------------------------------------------------------------
# Bad language input: a normal page, never a 5xx


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9," + "x" * 10_000},
        {"HTTP_ACCEPT_LANGUAGE": ",".join(f"l{n};q=0.{n % 10}" for n in range(2_000))},
        {"HTTP_ACCEPT_LANGUAGE": "en;q=abc, nl;q=-1, fr;q=1.5, *;q=0, ;q=, en;q=0.5;q=1"},
        {"HTTP_ACCEPT_LANGUAGE": "\u00e9\u00e8\u00ea;q=0.8, \U0001f600"},
        {"HTTP_COOKIE": "django_language=\u0000garbage%%%; other=1"},
        {"HTTP_COOKIE": "django_language=" + "e" * 5_000},
    ],
    ids=["10 KB", "many weights", "odd weights", "non-ascii", "cookie garbage", "long cookie"],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_bad_language_headers_give_a_normal_page(client, bilingual, headers, language):
    track = bilingual.nl.urban if language == "nl" else bilingual.en(bilingual.nl.urban)
    soup = soup_at(client, track.url, **headers)
    assert soup.find("html")["lang"] == language
    assert soup.find("h1").get_text(strip=True) == track.title


@pytest.mark.parametrize("query", ["?lang=en", "?lang=xx", "?lang=", "?language=%00", "?lang[]=1"])
def test_language_query_parameters_change_nothing(client, bilingual, query):
    soup = soup_at(client, bilingual.nl.urban.url + query)
    assert soup.find("html")["lang"] == "nl"


@pytest.mark.parametrize(
    "url", ["/de/", "/fr/leertrajecten/", "/nl/", "/en-gb/", "/EN/", "/xx-yy-zz/", "/en/%00/"]
)
def test_unknown_language_prefixes_give_a_404(client, bilingual, url):
    response = client.get(url)
    assert response.status_code == 404
    assert re.search(r'<html lang="(nl|en)"', response.content.decode())


def test_a_dutch_path_under_en_is_not_routed(client, bilingual):
    """/en/ + a Dutch path is no way round the English tree."""
    assert client.get("/en" + bilingual.nl.urban.url).status_code == 404
