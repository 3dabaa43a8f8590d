"""The one rule for every link between pages (core/links.py), in both languages.

A visitor sees a page in their own language when that version is live and public; else the
live, public version in the other language, marked `lang`/`hreflang` and labelled; else
nothing: no link, no title, no summary. Each test builds one of the leaks this rule closes.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from core.links import LinkResolver
from tests import factories as f
from themes.models import ThemePage
from trajecten.models import ModulePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]


def version(bilingual, page, language):
    return page.specific if language == "nl" else bilingual.en(page)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def visitor_pages(bilingual, language, *, leave_out=()):
    """The URLs of every page of the small site in `language`, except those left out."""
    nl = bilingual.nl
    pages = [
        nl.tree.home,
        nl.tree.track_index,
        nl.tree.module_index,
        nl.tree.theme_index,
        nl.tree.case_index,
        nl.tree.article_index,
        nl.urban,
        nl.business,
        *nl.modules,
        *nl.themes,
        *nl.cases,
        nl.article,
    ]
    left_out = {page.translation_key for page in leave_out}
    return [
        version(bilingual, page, language).url
        for page in pages
        if page.translation_key not in left_out
    ]


def assert_never_shown(client, bilingual, page, language):
    """Neither language version of `page` is named or linked on any page of `language`."""
    versions = [page.specific, bilingual.en(page)]
    for url in visitor_pages(bilingual, language, leave_out=[page]):
        text = html(client, url)
        for hidden in versions:
            assert f'href="{hidden.url}"' not in text, (url, hidden.url)
            assert hidden.title not in text, (url, hidden.title)


def restrict(page, restriction_type):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="geheim"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name="Editors")])
    return restriction


# ---------------------------------------------------------------------------------------------
# Private pages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "restriction_type",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
def test_a_private_track_is_shown_nowhere(client, bilingual, language, restriction_type):
    """Home page, case, article, module, theme and index pages: not a card, link or title."""
    restrict(bilingual.nl.urban, restriction_type)
    assert_never_shown(client, bilingual, bilingual.nl.urban, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_under_a_private_section_is_shown_nowhere(client, bilingual, language):
    restrict(bilingual.nl.tree.module_index, PageViewRestriction.PASSWORD)
    module = bilingual.nl.modules[0]
    for url in visitor_pages(bilingual, language, leave_out=bilingual.nl.modules):
        text = html(client, url)
        assert bilingual.en(module).title not in text
        assert f'href="{module.url}"' not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_restriction_added_after_translating_holds_for_the_translation(
    client, bilingual, language
):
    """wagtail#11015: the translation of a page made private later stayed public."""
    track = version(bilingual, bilingual.nl.urban, language)
    other = version(bilingual, bilingual.nl.urban, "en" if language == "nl" else "nl")
    restriction = restrict(track, PageViewRestriction.PASSWORD)

    copy = PageViewRestriction.objects.get(page=other)
    assert (copy.restriction_type, copy.password) == ("password", "geheim")
    for page in [track, other]:
        response = client.get(page.url)
        text = response.content.decode()
        assert 'name="password"' in text, page.url
        assert page.title not in text
        assert page.intro not in text

    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.get(name="Moderators")])
    copy.refresh_from_db()
    assert copy.restriction_type == PageViewRestriction.GROUPS
    assert [group.name for group in copy.groups.all()] == ["Moderators"]

    restriction.delete()
    assert not PageViewRestriction.objects.filter(page=other).exists()
    assert client.get(other.url).status_code == 200


def test_deleting_a_private_page_leaves_its_translation_private(bilingual):
    nl_case = bilingual.nl.cases[2]
    restrict(nl_case, PageViewRestriction.LOGIN)
    en_case = bilingual.en(nl_case)
    Page.objects.get(pk=nl_case.pk).delete()
    assert PageViewRestriction.objects.filter(page=en_case).exists()


# ---------------------------------------------------------------------------------------------
# Drafts and unpublished pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unpublished_module_is_left_out_of_every_programme(client, bilingual, language):
    module = bilingual.nl.modules[2]
    for page in ModulePage.objects.filter(translation_key=module.translation_key):
        page.summary = f"Samenvatting van {page.title}"
        page.save_revision().publish()
        page.unpublish()
    text = html(client, version(bilingual, bilingual.nl.urban, language).url)
    for hidden in [module, bilingual.en(module)]:
        assert hidden.title not in text
        assert f"Samenvatting van {hidden.title}" not in text
    assert_never_shown(client, bilingual, module, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unpublished_theme_is_linked_nowhere(client, bilingual, language):
    theme = bilingual.nl.themes[0]
    for page in ThemePage.objects.filter(translation_key=theme.translation_key):
        page.unpublish()
    assert_never_shown(client, bilingual, theme, language)
    index = version(bilingual, bilingual.nl.tree.track_index, language)
    response = client.get(index.url, {"theme": version(bilingual, theme, language).slug})
    assert response.context["filterset"].ignored_parameters == ["theme"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_expired_page_is_shown_nowhere(client, bilingual, language):
    """Expired but not yet unpublished by the scheduler: already gone for visitors."""
    case = bilingual.nl.cases[0]
    past = timezone.now() - datetime.timedelta(minutes=1)
    Page.objects.filter(translation_key=case.translation_key).update(expire_at=past)
    assert_never_shown(client, bilingual, case, language)


# ---------------------------------------------------------------------------------------------
# Fallbacks: the other language's page, marked


def marked_links(text, href):
    soup = BeautifulSoup(text, "html.parser")
    return list(soup.find("main").find_all("a", href=href))


def test_english_home_shows_the_english_featured_track(client, bilingual):
    text = html(client, "/en/")
    assert marked_links(text, bilingual.nl.urban.url) == []
    [link] = marked_links(text, bilingual.en(bilingual.nl.urban).url)
    assert link.get("lang") is None


def test_english_home_shows_an_untranslated_featured_track_in_dutch_marked(client, bilingual):
    bilingual.en(bilingual.nl.urban).unpublish()
    text = html(client, "/en/")
    links = marked_links(text, bilingual.nl.urban.url)
    assert links
    for link in links:
        assert (link["lang"], link["hreflang"]) == ("nl", "nl")
        assert link.find_next_sibling("span", class_="fallback-note").get_text() == "(in Dutch)"
    assert bilingual.en(bilingual.nl.urban).title not in text


def test_dutch_pages_show_an_english_only_page_in_english_marked(client, bilingual):
    """The rule runs both ways: a page written in English first is marked on Dutch pages."""
    nl_case = bilingual.nl.cases[0]
    nl_case.specific.unpublish()
    text = html(client, bilingual.nl.tree.case_index.url)
    [link] = marked_links(text, bilingual.en(nl_case).url)
    assert (link["lang"], link["hreflang"]) == ("en", "en")
    assert link.find_next_sibling("span", class_="fallback-note").get_text() == "(in het Engels)"


def test_english_programme_shows_an_untranslated_module_in_dutch_marked(client, bilingual):
    module = bilingual.nl.modules[2]
    en_module = bilingual.en(module)
    en_module.unpublish()
    text = html(client, bilingual.en(bilingual.nl.urban).url)
    assert en_module.title not in text
    programme = BeautifulSoup(text, "html.parser").find("ol", class_="programme")
    [link] = programme.find_all("a", href=module.url)
    assert link["hreflang"] == "nl"
    assert programme.find("a", href=module.url).find("span", lang="nl").get_text() == module.title


# ---------------------------------------------------------------------------------------------
# The resolver itself


def test_resolving_costs_one_query_per_kind_of_page_however_many(bilingual):
    modules = list(ModulePage.objects.filter(locale__language_code="nl"))
    themes = list(ThemePage.objects.filter(locale__language_code="nl"))
    resolver = LinkResolver(language_code="en")
    with CaptureQueriesContext(connection) as context:
        resolved = resolver.resolve([*modules, *themes])
    # One per kind of page, and one read of what hides pages (once per resolver, so per request).
    assert len(context.captured_queries) == 3
    with CaptureQueriesContext(connection) as context:
        resolver.resolve([bilingual.nl.urban, bilingual.nl.business])
    assert len(context.captured_queries) == 1
    assert {page.locale_id for page in resolved} == {bilingual.en_locale.pk}
    assert len(resolved) == len(modules) + len(themes)


def test_resolving_keeps_the_order_and_drops_repeats(bilingual):
    nl = bilingual.nl
    refs = [nl.modules[3], bilingual.en(nl.modules[0]), nl.modules[3], nl.modules[1]]
    resolved = LinkResolver(language_code="nl").resolve(refs)
    assert resolved == [nl.modules[3], nl.modules[0], nl.modules[1]]


def test_a_new_page_nobody_translated_falls_back_to_dutch(bilingual):
    module = f.ModulePageFactory(parent=bilingual.nl.tree.module_index)
    [resolved] = LinkResolver(language_code="en").resolve([module])
    assert (resolved.pk, resolved.fallback_language) == (module.pk, "nl")
    assert LinkResolver(language_code="nl").resolve_one(module).fallback_language == ""
