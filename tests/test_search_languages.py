"""Dutch pages searched as Dutch and English as English, and the highlighted excerpts.

On PostgreSQL each page's index entry is built with its locale's text search configuration and
a query with the active language's (search/backends/postgres.py). The excerpts (search/
snippets.py) are tested on both databases.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search.backends.postgres import LocalisedPostgresSearchBackend, text_search_config
from search.snippets import highlighted_excerpts
from tests import factories as f
from tests.search_pages import SEARCH_URLS

pytestmark = pytest.mark.django_db

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="text search configurations per language exist only on PostgreSQL",
)
BLANK = {"subtitle": "", "summary": "", "listing_summary": "", "duration": ""}


def module(bilingual, language, title, text):
    """A live module in `language` whose only text besides its title is `text`."""
    index = bilingual.nl.tree.module_index
    if language == "en":
        index = bilingual.en(index)
    return f.ModulePageFactory(
        parent=index, locale=index.locale, title=title, **{**BLANK, "summary": text}
    )


def search(client, language, query):
    response = client.get(SEARCH_URLS[language], {"q": query})
    assert response.status_code == 200
    return response.content.decode(), BeautifulSoup(response.content, "html.parser")


def found(client, language, query):
    return [a["href"] for a in search(client, language, query)[1].select(".search-result h3 a")]


def entry(page):
    """The page's index entry (of its specific type)."""
    return IndexEntry.objects.get(content_type_id=page.content_type_id, object_id=str(page.pk))


def configs_of(page):
    """The configurations that give the stored vectors of the page's entry from its plain text
    (title and body): the one it was indexed with, plus any that stems these words alike."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT config FROM unnest(ARRAY['dutch', 'english', 'simple']) AS config,
                {IndexEntry._meta.db_table} AS entry
            WHERE entry.id = %s
              AND strip(entry.body) = strip(to_tsvector(config::regconfig, entry.body_text))
              AND strip(entry.title) = strip(to_tsvector(config::regconfig, entry.title_text))
            """,  # noqa: S608 (the table name is Django's)
            [entry(page).pk],
        )
        return {config for (config,) in cursor.fetchall()}


def lexemes(vector):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(%s::tsvector)", [vector])
        return set(cursor.fetchone()[0])


# ---------------------------------------------------------------------------------------------
# Each language its own stemming (PostgreSQL)


@only_on_postgresql
def test_the_backend_is_ours_on_postgresql():
    assert isinstance(get_search_backend(), LocalisedPostgresSearchBackend)


@only_on_postgresql
@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("leertrajecten", "Een kort leertraject voor iedereen."),
        ("organisaties", "Voor elke organisatie een plan."),
        ("organisatie", "Voor publieke organisaties een plan."),
        ("relatie", "Over relaties op het werk."),
    ],
)
def test_a_dutch_word_finds_its_other_forms_on_dutch_pages(client, bilingual, query, text):
    page = module(bilingual, "nl", "Zonder trefwoord", text)
    assert query not in text.split()
    assert page.url in found(client, "nl", query)


@only_on_postgresql
def test_an_english_word_finds_its_other_forms_on_english_pages(client, bilingual):
    page = module(bilingual, "en", "No keyword", "A day of training for managers.")
    assert page.url in found(client, "en", "trainings")


@only_on_postgresql
def test_english_pages_are_stemmed_as_english_and_dutch_as_dutch(bilingual):
    text = "Training, trainings en organisaties."
    dutch = module(bilingual, "nl", "Dutch", text)
    english = module(bilingual, "en", "English", text)
    # English stems "training(s)" to 'train' and "organisaties" to 'organisati'; Dutch keeps
    # 'training' and 'organisaties' and drops the stop word "en" ("and"), which English keeps.
    assert lexemes(entry(english).body) == {"train", "en", "organisati"}
    assert lexemes(entry(dutch).body) == {"training", "organisaties"}
    assert configs_of(english) == {"english"}
    assert configs_of(dutch) == {"dutch"}


@only_on_postgresql
def test_both_versions_of_a_page_keep_their_own_entry_when_either_is_reindexed(bilingual):
    dutch = bilingual.nl.modules[0]
    english = bilingual.en(dutch)
    backend = get_search_backend()
    backend.add(dutch)
    backend.add(english)
    before = {page.pk: entry(page).body for page in [dutch, english]}
    # Each reindexed with the other language active: the page's locale decides.
    with translation.override("nl"):
        backend.add(english)
    with translation.override("en"):
        backend.add(dutch)
    after = {page.pk: entry(page).body for page in [dutch, english]}
    assert after == before
    assert entry(dutch).pk != entry(english).pk
    assert configs_of(dutch) == {"dutch"}
    assert configs_of(english) == {"english"}


@only_on_postgresql
def test_update_index_rebuilds_each_page_in_its_own_language(bilingual):
    dutch = bilingual.nl.modules[0]
    english = bilingual.en(dutch)
    entries = set(IndexEntry.objects.values_list("content_type_id", "object_id"))
    IndexEntry.objects.all().delete()
    call_command("update_index", verbosity=0)
    assert set(IndexEntry.objects.values_list("content_type_id", "object_id")) >= entries
    assert configs_of(dutch) == {"dutch"}
    assert configs_of(english) == {"english"}


@only_on_postgresql
def test_a_query_is_stemmed_in_the_active_language(bilingual):
    page = module(bilingual, "en", "No keyword", "A day of training for managers.")
    english_pages = Page.objects.live().filter(locale=bilingual.en_locale)
    with translation.override("en"):
        assert page.pk in [hit.pk for hit in english_pages.search("trainings")]
    with translation.override("nl"):  # Dutch stems "trainings" to 'training', not 'train'
        assert page.pk not in [hit.pk for hit in english_pages.search("trainings")]


def test_each_content_language_has_its_configuration():
    assert text_search_config("nl") == "dutch"
    assert text_search_config("en") == "english"
    assert text_search_config("en-gb") == "english"
    assert text_search_config("de") == "dutch"  # not a content language: the default one
    with translation.override("en"):
        assert text_search_config() == "english"
    with translation.override("nl"):
        assert text_search_config() == "dutch"


# ---------------------------------------------------------------------------------------------
# Highlighted excerpts (both databases)


def excerpt_of(soup, page):
    result = soup.select_one(f'.search-result:has(a[href="{page.url}"])')
    assert result is not None, page.url
    return result.select_one(".card__summary")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_words_found_are_marked_in_the_excerpt(client, bilingual, language):
    page = module(
        bilingual, language, "Zonder trefwoord", "Wie goed wil samenwerken, leert eerst luisteren."
    )
    _html, soup = search(client, language, "samenwerken luisteren")
    summary = excerpt_of(soup, page)
    assert [mark.get_text() for mark in summary.select("mark")] == ["samenwerken", "luisteren"]
    # A short text whole (PostgreSQL's excerpt may leave out the final full stop).
    assert summary.get_text().startswith("Wie goed wil samenwerken, leert eerst luisteren")
    assert "…" not in summary.get_text()


def test_markup_in_page_text_is_escaped(client, bilingual):
    text = (
        '<script>alert("x")</script> <b>vet</b> 1 < 2 & samenwerken \x02geen\x03 <mark>nee</mark>'
    )
    page = module(bilingual, "nl", "Zonder trefwoord", text)
    html, soup = search(client, "nl", "samenwerken geen nee")
    summary = excerpt_of(soup, page)
    assert not summary.select("script, b")
    assert '<script>alert("x")' not in html
    # Only the excerpt's own marks: the page's "<mark>" and control characters are text.
    assert "samenwerken" in [mark.get_text() for mark in summary.select("mark")]
    assert all(mark.get_text() in {"samenwerken", "geen", "nee"} for mark in summary.select("mark"))
    assert "\x02" not in html
    assert "\x03" not in html
    assert "1 &lt; 2 &amp; " in str(summary)


def test_a_page_without_text_has_no_excerpt(client, bilingual):
    page = f.ThemePageFactory(
        parent=bilingual.nl.tree.theme_index, title="Zoekwoordloos", intro="", listing_summary=""
    )
    _html, soup = search(client, "nl", "Zoekwoordloos")
    assert excerpt_of(soup, page) is None
    with translation.override("nl"):
        assert highlighted_excerpts([page], ["Zoekwoordloos"]) == {page.pk: ""}


def test_excerpts_are_made_in_one_query_whatever_the_number_of_results(
    bilingual, django_assert_num_queries
):
    pages = [
        module(bilingual, "nl", f"Excerpt {number}", "Samenwerken in de wijk.")
        for number in range(6)
    ]
    queries = 1 if connection.vendor == "postgresql" else 0  # SQLite: the card summary
    with translation.override("nl"):
        for count in [1, 6]:
            with django_assert_num_queries(queries):
                excerpts = highlighted_excerpts(pages[:count], ["samenwerken"])
            assert all("<mark>Samenwerken</mark>" in excerpts[page.pk] for page in pages[:count])
