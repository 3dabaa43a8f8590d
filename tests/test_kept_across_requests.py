"""What every page shows alike is kept across requests (`LinkResolver.remember_for_site`, the
request's site: `core.middleware.KeptSiteMiddleware`), with the page cache off as in these
tests: a change shows on the next request all the same, previews neither read nor fill it,
and who may see a page is still decided on every request.

The page cache's own tests (tests/test_page_cache.py) show the same with whole pages cached.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core import page_cache
from core.models import FooterText, SiteSettings
from tests import factories as f
from tests.translating import translate_and_publish
from trajecten.models import ProgrammeStep

pytestmark = pytest.mark.django_db


def soup_at(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def menu_titles(client, url):
    return [link.get_text(strip=True) for link in soup_at(client, url).select(".site-nav__link")]


def crumbs(client, url):
    return [link.get_text(strip=True) for link in soup_at(client, url).select(".breadcrumbs a")]


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def queries_of(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_second_request_reads_less(client, bilingual):
    """The kept parts cost the first request their queries and later ones none."""
    url = bilingual.nl.urban.url
    cache.clear()
    first = queries_of(client, url)
    second = queries_of(client, url)
    assert second < first - 8, (first, second)
    assert queries_of(client, url) == second


def test_a_new_menu_page_shows_on_the_next_request(client, bilingual):
    home = bilingual.nl.tree.home
    assert "Over ons" not in menu_titles(client, home.url)
    page = f.ThemeIndexPageFactory.build(title="Over ons", slug="over-ons", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    assert "Over ons" in menu_titles(client, bilingual.nl.urban.url)

    fresh(page).unpublish()
    assert "Over ons" not in menu_titles(client, home.url)


def test_a_menu_page_saved_live_outside_the_editor_shows_on_the_next_request(client, bilingual):
    """Imports and commands save live pages without publishing a revision."""
    home = bilingual.nl.tree.home
    menu_titles(client, home.url)
    f.ThemeIndexPageFactory(parent=home, title="Werken bij", slug="werken-bij", show_in_menus=True)
    assert "Werken bij" in menu_titles(client, home.url)


def test_a_retitled_section_shows_in_the_breadcrumbs_and_the_menu_at_once(client, bilingual):
    track = bilingual.nl.urban
    index = fresh(bilingual.nl.tree.track_index)
    assert index.title in crumbs(client, track.url)
    index.title = "Alle leertrajecten"
    index.save_revision().publish()
    assert "Alle leertrajecten" in crumbs(client, track.url)
    assert "Alle leertrajecten" in menu_titles(client, track.url)


def test_a_changed_footer_text_shows_at_once(client, bilingual):
    home = bilingual.nl.tree.home
    footer, _ = FooterText.objects.get_or_create(
        locale=home.locale, defaults={"body": "<p>Eerste tekst</p>"}
    )
    footer.body = "<p>Eerste tekst</p>"
    footer.save_revision().publish()
    assert "Eerste tekst" in soup_at(client, home.url).select_one(".site-footer").text
    footer = FooterText.objects.get(pk=footer.pk)
    footer.body = "<p>Tweede tekst</p>"
    footer.save_revision().publish()
    assert "Tweede tekst" in soup_at(client, home.url).select_one(".site-footer").text


def test_changed_site_settings_show_at_once_in_both_languages(client, bilingual):
    home = bilingual.nl.tree.home
    for page in (home, bilingual.en(home)):
        soup_at(client, page.url)
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.email = "nieuw@example.org"
    site_settings.save()
    for page in (home, bilingual.en(home)):
        assert "nieuw@example.org" in soup_at(client, page.url).select_one(".site-footer").text


def test_a_published_translation_shows_in_the_language_switcher_at_once(client, bilingual):
    article = f.ArticlePageFactory(parent=bilingual.nl.tree.article_index, title="Nieuw stuk")
    article.save_revision().publish()

    def english_link():
        return soup_at(client, article.url).select_one('.language-switcher a[hreflang="en"]')

    assert english_link()["href"] == bilingual.en(bilingual.nl.tree.home).url
    (translation,) = translate_and_publish(bilingual.user, bilingual.en_locale, fresh(article))
    assert english_link()["href"] == translation.url


def test_a_page_restricted_after_it_was_seen_is_private_on_the_next_request(client, bilingual):
    track = bilingual.nl.urban
    assert client.get(track.url).status_code == 200
    PageViewRestriction.objects.create(
        page=fresh(bilingual.nl.tree.track_index),
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",
    )
    response = client.get(track.url)
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert track.title not in BeautifulSoup(response.content, "html.parser").select_one("main").text


def test_an_alias_takes_its_sources_restriction(client, bilingual):
    """An alias in the same language has no restriction of its own: its source's applies
    (Wagtail's rule), also now that unrestricted pages skip Wagtail's check."""
    source = fresh(bilingual.nl.article)
    alias = source.create_alias(parent=fresh(bilingual.nl.tree.case_index), update_slug="kopie")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(alias.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_pages_are_found_at_every_depth_and_nothing_else(client, bilingual):
    tree = bilingual.nl.tree
    for page in (tree.home, tree.track_index, bilingual.nl.urban, bilingual.en(bilingual.nl.urban)):
        assert client.get(page.url).status_code == 200, page.url
    assert client.get(bilingual.nl.urban.url + "bestaat-niet/").status_code == 404
    assert client.get(tree.track_index.url + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/").status_code == 404
    track = fresh(bilingual.nl.urban)
    track.unpublish()
    assert client.get(track.url).status_code == 404


def test_a_page_under_a_draft_section_is_served_as_wagtail_would(client, bilingual):
    """Wagtail routes through a section that is not live to a live page under it."""
    track_index = fresh(bilingual.nl.tree.track_index)
    track_index.unpublish()  # the page alone, not what is under it
    assert client.get(bilingual.nl.urban.url).status_code == 200


def test_a_preview_neither_reads_nor_fills_what_is_kept(client, bilingual):
    request = RequestFactory().get("/")
    request.is_preview = True
    calls = []
    for _ in range(2):
        page_cache.kept(request, "test", lambda: calls.append(1) or "waarde")
    assert len(calls) == 2

    request = RequestFactory().get("/")
    for _ in range(2):
        assert page_cache.kept(request, "test", lambda: calls.append(1) or "waarde") == "waarde"
    assert len(calls) == 3


def test_a_previewed_draft_programme_never_reaches_visitors(client, bilingual):
    """What a page shows of its relations (programme, themes, people) is kept per page: a
    preview of a draft renders the draft's own, and visitors keep getting the live one."""
    track = fresh(bilingual.nl.urban)
    assert client.get(track.url).status_code == 200  # the live programme is kept
    draft = track.get_latest_revision_as_object()
    draft.programme_steps.add(
        ProgrammeStep(kind=ProgrammeStep.Kind.INTERVIEW, label="Dag 99", note="Geheime dag")
    )
    preview = draft.make_preview_request()
    assert "Geheime dag" in preview.content.decode()
    assert "Geheime dag" not in client.get(track.url).content.decode()
    assert "Geheime dag" in draft.make_preview_request().content.decode()
