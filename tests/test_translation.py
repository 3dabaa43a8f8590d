"""Translating with wagtail-localize, the way editors do, and what English visitors then get.

A translation starts as a draft and goes live only when the translator publishes it. Stored
references keep pointing at one page (wagtail-localize synchronises page keys), and the link
resolver shows each in the visitor's language at display time.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from core.links import LinkResolver
from core.models import Method, Person
from home.models import HomePage
from tests import factories as f
from tests.builders import build_content
from tests.translating import publish_translation, send_for_translation
from trajecten.models import LeertrajectPage, ProgrammeStep

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def internal_links(response):
    """(href, hreflang) of every link to a page of this site, anywhere on the page."""
    return [
        (a["href"], a.get("hreflang"))
        for a in soup_of(response).find_all("a", href=True)
        if a["href"].startswith("/")
    ]


# ---------------------------------------------------------------------------------------------
# Translations start as drafts


@pytest.fixture
def fresh(db, superuser, locale_en):
    """A Dutch site of which nothing is translated yet."""
    return build_content()


def test_a_page_sent_for_translation_is_a_draft_until_the_translator_publishes_it(
    client, fresh, superuser, locale_en
):
    tree = fresh.tree
    for index in [tree.home, tree.track_index]:
        send_for_translation(superuser, index, locale_en)
        publish_translation(superuser, index, locale_en)
    draft = send_for_translation(superuser, fresh.urban, locale_en)

    assert not draft.live
    assert draft.title == fresh.urban.title  # still the Dutch text
    assert client.get(draft.url).status_code == 404
    # English visitors get the live Dutch track, marked as Dutch.
    response = client.get(tree.track_index.get_translation(locale_en).url)
    assert (fresh.urban.url, "nl") in internal_links(response)

    published = publish_translation(superuser, fresh.urban, locale_en)
    assert published.live
    assert published.title == f"EN {fresh.urban.title}"
    assert client.get(published.url).status_code == 200


def test_a_snippet_sent_for_translation_is_a_draft_too(fresh, superuser, locale_en):
    person = fresh.trainers[0]
    draft = send_for_translation(superuser, person, locale_en)
    assert not draft.live
    assert LinkResolver(language_code="en").resolve([person]) == [Person.objects.get(pk=person.pk)]

    published = publish_translation(superuser, person, locale_en)
    assert published.live
    assert LinkResolver(language_code="en").resolve([person]) == [published]


def test_parents_that_are_not_translated_yet_never_reach_visitors(
    client, fresh, superuser, locale_en
):
    """Translating a track first makes wagtail-localize put stand-ins (aliases carrying the Dutch
    text) for its parents in the English tree: visitors go to the Dutch pages instead."""
    send_for_translation(superuser, fresh.urban, locale_en)
    en_index = fresh.tree.track_index.get_translation(locale_en)
    en_home = fresh.tree.home.get_translation(locale_en)
    assert en_index.alias_of_id == fresh.tree.track_index.pk
    assert en_home.alias_of_id == fresh.tree.home.pk

    response = client.get(en_index.url)
    assert response.status_code == 302
    assert response["Location"] == fresh.tree.track_index.url
    assert client.get("/en/")["Location"] == "/"
    resolved = LinkResolver(language_code="en").resolve([en_index])
    assert [(page.pk, page.fallback_language) for page in resolved] == [
        (fresh.tree.track_index.pk, "nl")
    ]


def test_translating_the_parents_later_gives_every_page_its_english_url(
    client, fresh, superuser, locale_en
):
    """The same track first, then its parents: the stand-ins become real translations and the
    track, published last, lives at its English address."""
    tree = fresh.tree
    send_for_translation(superuser, fresh.urban, locale_en)
    for page in [tree.home, tree.track_index]:
        send_for_translation(superuser, page, locale_en)
        publish_translation(superuser, page, locale_en)
    en_track = publish_translation(superuser, fresh.urban, locale_en)

    en_home = tree.home.get_translation(locale_en)
    assert en_home.alias_of_id is None
    assert en_track.url == "/en/en-leertrajecten/en-urban-professional/"
    assert client.get(en_track.url).status_code == 200


# ---------------------------------------------------------------------------------------------
# The translated site


def test_english_tree_mirrors_the_dutch_one(bilingual):
    tree = bilingual.nl.tree
    en_home = bilingual.en(tree.home)
    assert isinstance(en_home, HomePage)
    assert en_home.live and en_home.alias_of_id is None
    # The site stays rooted at the Dutch home page; English is served through its translation.
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk
    for index in [tree.track_index, tree.module_index, tree.theme_index, tree.case_index]:
        en_index = bilingual.en(index)
        assert en_index.get_parent().pk == en_home.pk
        assert en_index.specific_class is index.specific_class
        assert en_index.url == f"/en/en-{index.slug}/"


def test_stored_references_keep_pointing_at_the_dutch_pages(bilingual):
    """wagtail-localize synchronises page keys: the resolver, not the data, picks the language."""
    nl_track = bilingual.nl.urban
    en_track = bilingual.en(nl_track)
    assert [step.module_id for step in en_track.programme_steps.all()] == [
        step.module_id for step in nl_track.programme_steps.all()
    ]
    assert [link.theme_id for link in en_track.theme_links.all()] == [
        link.theme_id for link in nl_track.theme_links.all()
    ]


def test_english_programme_shows_the_english_modules_in_the_same_order(bilingual):
    nl_track = bilingual.nl.urban
    en_track = bilingual.en(nl_track)
    resolver = LinkResolver(language_code="en")
    nl_steps = list(nl_track.programme_steps.all())
    en_steps = en_track.get_programme(resolver)
    assert [step.kind for step in en_steps] == [step.kind for step in nl_steps]
    for nl_step, en_step in zip(nl_steps, en_steps, strict=True):
        assert en_step.locale == bilingual.en_locale
        if nl_step.kind == ProgrammeStep.Kind.MODULE:
            assert en_step.shown_module == bilingual.en(nl_step.module)
            assert en_step.shown_module.fallback_language == ""
        assert en_step.note == (f"EN {nl_step.note}" if nl_step.note else "")


@pytest.mark.parametrize(
    "name", ["home", "track_index", "urban", "module", "theme", "case", "article"]
)
def test_english_pages_link_only_to_english_pages(client, bilingual, name):
    nl = bilingual.nl
    page = {
        "home": nl.tree.home,
        "track_index": nl.tree.track_index,
        "urban": nl.urban,
        "module": nl.modules[1],
        "theme": nl.themes[0],
        "case": nl.cases[0],
        "article": nl.article,
    }[name]
    english = bilingual.en(page)
    assert english.url.startswith("/en/")
    response = client.get(english.url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "en"
    links = internal_links(response)
    assert links
    # Links to Dutch pages: only the language switcher and the suggestion, marked hreflang="nl".
    dutch = [(href, lang) for href, lang in links if not href.startswith("/en/")]
    assert dutch and all(lang == "nl" for _, lang in dutch), dutch
    assert {href for href, _ in dutch} == {page.url}


def test_english_module_page_lists_the_english_tracks(client, bilingual):
    nl = bilingual.nl
    en_module = bilingual.en(nl.modules[1])
    tracks = en_module.get_tracks_using_module(LinkResolver(language_code="en"))
    assert set(tracks) == {bilingual.en(nl.urban), bilingual.en(nl.business)}


def test_english_theme_lists_only_english_pages(bilingual):
    nl_theme = bilingual.nl.themes[0]
    en_theme = bilingual.en(nl_theme)
    sections = en_theme.get_tagged_sections(LinkResolver(language_code="en"))
    tagged = [card.page for section in sections for card in section.cards]
    assert bilingual.en(bilingual.nl.urban) in tagged
    assert {page.locale_id for page in tagged} == {bilingual.en_locale.pk}


def test_english_track_shows_english_trainers_and_methods(client, bilingual):
    response = client.get(bilingual.en(bilingual.nl.urban).url)
    text = soup_of(response).find("main").get_text(" ")
    assert "EN trainer en coach" in text
    assert "EN Een werkvorm om samen te leren." in text


def test_a_translated_person_still_in_draft_is_shown_in_dutch_and_marked(client, bilingual):
    nl_person = bilingual.nl.trainers[0]
    en_person = bilingual.en(nl_person)
    Person.objects.filter(pk=en_person.pk).update(live=False)
    response = client.get(bilingual.en(bilingual.nl.urban).url)
    main = soup_of(response).find("main")
    roles = [p for p in main.find_all("p", class_="person__role") if "trainer en coach" in p.text]
    assert roles and all(role.get("lang") == "nl" for role in roles)
    assert "EN trainer en coach" not in main.get_text(" ")


def test_an_unpublished_method_is_shown_nowhere(client, bilingual):
    method = bilingual.nl.methods[0]
    Method.objects.filter(translation_key=method.translation_key).update(live=False)
    for url in [bilingual.nl.urban.url, bilingual.en(bilingual.nl.urban).url]:
        assert method.name not in client.get(url).content.decode()


def test_a_changed_dutch_programme_reaches_the_english_track_after_sync(client, bilingual):
    """The stale link: the Dutch track swaps a module, the translation is synced and published,
    and the English track shows the English version of the new module."""
    nl = bilingual.nl
    nl_track = LeertrajectPage.objects.get(pk=nl.urban.pk)
    old_module, new_module = nl.modules[0], nl.modules[5]
    first_step = nl_track.programme_steps.first()
    first_step.module = new_module
    first_step.save()
    nl_track.save_revision().publish()
    publish_translation(bilingual.user, nl_track, bilingual.en_locale)

    html = client.get(bilingual.en(nl_track).url).content.decode()
    programme = BeautifulSoup(html, "html.parser").find("ol", class_="programme")
    hrefs = [a["href"] for a in programme.find_all("a", href=True)]
    assert hrefs[0] == bilingual.en(new_module).url
    assert bilingual.en(old_module).url not in hrefs


def test_translating_a_new_track_later_links_it_to_the_existing_english_pages(client, bilingual):
    nl = bilingual.nl
    nl_track = f.LeertrajectPageFactory(parent=nl.tree.track_index, title="Nieuw traject")
    f.ProgrammeStepFactory(page=nl_track, module=nl.modules[3])
    f.LeertrajectThemeLinkFactory(page=nl_track, theme=nl.themes[1])
    send_for_translation(bilingual.user, nl_track, bilingual.en_locale)
    en_track = publish_translation(bilingual.user, nl_track, bilingual.en_locale)

    assert en_track.get_parent().pk == bilingual.en(nl.tree.track_index).pk
    hrefs = {href for href, _ in internal_links(client.get(en_track.url))}
    assert bilingual.en(nl.modules[3]).url in hrefs
    assert bilingual.en(nl.themes[1]).url in hrefs
    assert Page.objects.filter(depth=2).count() == 2
    assert LeertrajectPage.objects.filter(locale=bilingual.en_locale).count() == 4


def test_english_home_page_is_served_at_en(client, bilingual):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["page"].pk == bilingual.en(bilingual.nl.tree.home).pk


def test_admin_preview_of_an_english_page_is_in_english(admin_client, bilingual):
    """The editor's admin is Dutch; the preview still shows the English page in English."""
    en_track = bilingual.en(bilingual.nl.urban)
    response = admin_client.get(f"/admin/pages/{en_track.pk}/view_draft/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("html")["lang"] == "en"
    assert "Programme" in soup.find("main").get_text(" ")
