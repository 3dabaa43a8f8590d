"""Translating with wagtail-localize: the English tree links to English pages and people.

The whole Dutch site of `build_content` is translated once for this module, in the order an
editor would: the home page first, then the index pages, then the content (which pulls in its
related themes, modules and people).
"""

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from core.models import Person
from home.models import HomePage
from tests import factories as f
from tests.builders import Content, build_content
from tests.support import clear_cache, shared_data
from themes.models import ThemePage
from trajecten.models import LeertrajectPage, ModulePage, ProgrammeStep

pytestmark = pytest.mark.django_db


@dataclass
class Translated:
    nl: Content
    en_locale: Locale
    user: object

    def en(self, page):
        """The English translation of a Dutch page (or snippet)."""
        return page.get_translation(self.en_locale)


def translate(user, locale, page, include_related_objects=True):
    """Translate like the admin's "Translate" action does, publishing on commit.

    wagtail-localize publishes translated pages in `transaction.on_commit`, which never fires
    inside a test transaction: run the callbacks when the block ends.
    """
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(user, [locale]).create_translations(
            page, include_related_objects=include_related_objects
        )


@pytest.fixture(scope="module")
def translated(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        clear_cache()
        content = build_content()
        user = get_user_model().objects.create_superuser(
            username="vertaler", email="vertaler@example.org", password="x"
        )
        en = Locale.objects.get(language_code="en")
        tree = content.tree
        # The home page first, so every other page has an English parent; its featured track
        # later, with the track's own relations (see test_translating_the_home_page_first...).
        # Themes and modules before the tracks: wagtail-localize translates related objects
        # only one level deep (see test_module_translated_only_through_a_track...).
        translate(user, en, tree.home, include_related_objects=False)
        for page in [
            tree.track_index,
            tree.module_index,
            tree.theme_index,
            tree.case_index,
            tree.article_index,
            *content.themes,
            *content.modules,
            content.urban,
            content.business,
            content.untagged_track,
            *content.cases,
            content.article,
        ]:
            translate(user, en, page)
        # Sync the home page again now that its featured track has an English version.
        translate(user, en, tree.home)
        yield Translated(nl=content, en_locale=en, user=user)


def test_english_tree_mirrors_the_dutch_one(translated):
    tree = translated.nl.tree
    en_home = translated.en(tree.home)
    assert isinstance(en_home.specific, HomePage)
    assert en_home.depth == tree.home.depth
    assert en_home.live
    # The site stays rooted at the Dutch home page; English is served through its translation.
    assert Site.objects.get(is_default_site=True).root_page_id == tree.home.pk
    for index in [tree.track_index, tree.module_index, tree.theme_index, tree.case_index]:
        en_index = translated.en(index)
        assert en_index.get_parent().pk == en_home.pk
        assert en_index.specific_class is index.specific_class


def test_related_themes_modules_and_people_are_translated_too(translated):
    nl = translated.nl
    for obj in [*nl.themes, *nl.modules, *nl.trainers, *nl.methods]:
        english = translated.en(obj)
        assert english.pk != obj.pk
        assert english.locale == translated.en_locale


def test_english_track_links_to_english_themes(translated):
    nl_track = translated.nl.urban
    en_track = translated.en(nl_track).specific
    en_themes = [link.theme for link in en_track.theme_links.all()]
    nl_themes = [link.theme for link in nl_track.theme_links.all()]
    assert en_themes == [translated.en(theme).specific for theme in nl_themes]
    assert all(theme.locale == translated.en_locale for theme in en_themes)


def test_english_programme_points_at_english_modules_in_the_same_order(translated):
    nl_track = translated.nl.urban
    en_track = translated.en(nl_track).specific
    nl_steps = list(nl_track.programme_steps.all())
    en_steps = list(en_track.programme_steps.all())
    assert [step.kind for step in en_steps] == [step.kind for step in nl_steps]
    assert [step.translation_key for step in en_steps] == [
        step.translation_key for step in nl_steps
    ]
    for nl_step, en_step in zip(nl_steps, en_steps, strict=True):
        assert en_step.locale == translated.en_locale
        if nl_step.kind == ProgrammeStep.Kind.MODULE:
            assert en_step.module == translated.en(nl_step.module).specific
            assert en_step.module.locale == translated.en_locale
        else:
            assert en_step.module is None


def test_english_track_links_to_english_trainers_and_methods(translated):
    nl_track = translated.nl.urban
    en_track = translated.en(nl_track).specific
    assert [link.person for link in en_track.trainer_links.all()] == [
        translated.en(link.person) for link in nl_track.trainer_links.all()
    ]
    assert [link.method for link in en_track.method_links.all()] == [
        translated.en(link.method) for link in nl_track.method_links.all()
    ]


def test_english_case_and_article_link_to_english_pages(translated):
    nl = translated.nl
    en_urban = translated.en(nl.urban).specific
    for case in nl.cases:
        en_case = translated.en(case).specific
        assert en_case.track == en_urban
        assert [link.theme for link in en_case.theme_links.all()] == [
            translated.en(link.theme).specific for link in case.theme_links.all()
        ]
    en_article = translated.en(nl.article).specific
    assert [link.track for link in en_article.related_track_links.all()] == [en_urban]
    assert [link.person for link in en_article.author_links.all()] == [
        translated.en(person) for person in nl.trainers
    ]
    assert all(link.theme.locale == translated.en_locale for link in en_article.theme_links.all())


def test_english_home_features_the_english_track(translated):
    en_home = translated.en(translated.nl.tree.home).specific
    assert [link.track for link in en_home.featured_track_links.all()] == [
        translated.en(translated.nl.urban).specific
    ]


def test_english_theme_lists_only_english_pages(translated):
    nl_theme = translated.nl.themes[0]
    en_theme = translated.en(nl_theme).specific
    tagged = [page for section in en_theme.get_tagged_sections() for page in section["pages"]]
    assert tagged
    assert all(page.locale == translated.en_locale for page in tagged)
    assert translated.en(translated.nl.urban).specific in tagged
    dutch_tagged = [page for section in nl_theme.get_tagged_sections() for page in section["pages"]]
    assert all(page.locale != translated.en_locale for page in dutch_tagged)


def hrefs(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {a["href"] for a in soup.find("main").find_all("a", href=True)}


def test_english_theme_page_links_to_the_english_track(client, translated):
    nl_track = translated.nl.urban
    en_track = translated.en(nl_track)
    response = client.get(translated.en(translated.nl.themes[0]).url)
    assert response.status_code == 200
    links = hrefs(response)
    assert en_track.url in links
    assert nl_track.url not in links


def test_english_module_page_lists_the_english_track(client, translated):
    nl_module = translated.nl.modules[1]
    en_module = translated.en(nl_module).specific
    nl_tracks = {translated.nl.urban, translated.nl.business}
    en_tracks = {translated.en(track).specific for track in nl_tracks}
    assert set(en_module.get_tracks_using_module()) == en_tracks
    response = client.get(en_module.url)
    assert response.status_code == 200
    links = hrefs(response)
    for track in en_tracks:
        assert track.url in links
    for track in nl_tracks:
        assert track.url not in links


def test_english_track_page_links_to_english_modules(client, translated):
    en_track = translated.en(translated.nl.urban)
    response = client.get(en_track.url)
    assert response.status_code == 200
    links = hrefs(response)
    for module in translated.nl.modules:
        assert translated.en(module).url in links
        assert module.url not in links


@pytest.mark.parametrize(
    "name", ["home", "track_index", "urban", "module", "theme", "case", "article"]
)
def test_english_pages_are_served_under_en_and_dutch_at_the_root(client, translated, name):
    nl = translated.nl
    page = {
        "home": nl.tree.home,
        "track_index": nl.tree.track_index,
        "urban": nl.urban,
        "module": nl.modules[0],
        "theme": nl.themes[0],
        "case": nl.cases[0],
        "article": nl.article,
    }[name]
    english = translated.en(page)
    assert english.url.startswith("/en/")
    assert not page.url.startswith("/en/")
    assert english.url == "/en" + page.url

    for url, language in [(english.url, "en"), (page.url, "nl")]:
        response = client.get(url)
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content.decode(), "html.parser")
        assert soup.find("html")["lang"] == language
        assert " ".join(soup.find("h1").get_text().split())


def test_english_home_page_is_served_at_en(client, translated):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["page"].pk == translated.en(translated.nl.tree.home).pk


# ---------------------------------------------------------------------------------------------
# Person snippets


def person_source(person):
    return TranslationSource.objects.get_for_instance(person)


def test_person_translation_is_a_separate_row_with_the_same_name_and_photo(translated):
    nl_person = translated.nl.trainers[0]
    en_person = translated.en(nl_person)
    assert en_person.pk != nl_person.pk
    assert en_person.translation_key == nl_person.translation_key
    assert en_person.name == nl_person.name
    assert en_person.photo_id == nl_person.photo_id is not None
    assert Person.objects.filter(translation_key=nl_person.translation_key).count() == 2


def test_person_role_and_bio_are_translated_but_the_name_is_not(translated):
    nl_person = translated.nl.trainers[0]
    paths = set(
        StringSegment.objects.filter(source=person_source(nl_person)).values_list(
            "context__path", flat=True
        )
    )
    assert "role" in paths
    assert any(path.startswith("bio") for path in paths)
    assert "name" not in paths


def translate_string(source, path, locale, text):
    segment = StringSegment.objects.get(source=source, context__path=path)
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )


def test_translated_role_stays_english_and_name_follows_the_dutch_source(translated):
    nl_person = Person.objects.get(pk=translated.nl.trainers[0].pk)
    en = translated.en_locale
    source = person_source(nl_person)
    translate_string(source, "role", en, "trainer and coach")
    translation = Translation.objects.get(source=source, target_locale=en)
    translation.save_target(user=translated.user)

    en_person = nl_person.get_translation(en)
    assert en_person.role == "trainer and coach"
    nl_person.refresh_from_db()
    assert nl_person.role == "trainer en coach"

    # An editor renames the Dutch person and gives a new photo, then syncs the translation.
    new_photo = f.ImageFactory()
    nl_person.name = "Anna de Vries-Bakker"
    nl_person.photo = new_photo
    nl_person.save()
    source, _ = TranslationSource.update_or_create_from_instance(nl_person)
    translation.refresh_from_db()
    translation.save_target(user=translated.user)

    en_person.refresh_from_db()
    assert en_person.name == "Anna de Vries-Bakker"
    assert en_person.photo_id == new_photo.pk
    assert en_person.role == "trainer and coach"


def test_translating_a_new_track_later_reuses_existing_english_pages(translated):
    """A track added after the first round links to the English themes made back then."""
    nl = translated.nl
    nl_track = f.LeertrajectPageFactory(parent=nl.tree.track_index, title="Nieuw traject")
    f.ProgrammeStepFactory(page=nl_track, module=nl.modules[3])
    f.LeertrajectThemeLinkFactory(page=nl_track, theme=nl.themes[1])
    translate(translated.user, translated.en_locale, nl_track)

    en_track = nl_track.get_translation(translated.en_locale).specific
    assert en_track.get_parent().pk == translated.en(nl.tree.track_index).pk
    assert [step.module for step in en_track.programme_steps.all()] == [
        translated.en(nl.modules[3]).specific
    ]
    assert [link.theme for link in en_track.theme_links.all()] == [
        translated.en(nl.themes[1]).specific
    ]
    assert ModulePage.objects.filter(translation_key=nl.modules[3].translation_key).count() == 2
    assert ThemePage.objects.filter(locale=translated.en_locale).count() == len(nl.themes)
    assert LeertrajectPage.objects.filter(locale=translated.en_locale).count() == 4
    assert Page.objects.filter(depth=2).count() == 2
