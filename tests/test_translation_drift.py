"""Ways a translation can drift from its Dutch source, and what visitors must see regardless.

A page translated only as a related object of another (wagtail-localize goes one level deep,
with fallback) may keep links to Dutch pages; listings match on translation keys and locale so
visitors still see one language. Translating the home page first (with its related pages) must
still give every translated page a working URL (see core/signals.py).
"""

import pytest
from bs4 import BeautifulSoup
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail.signals import page_published
from wagtail_localize.operations import TranslationCreator, translate_object

from tests.builders import build_content

pytestmark = pytest.mark.django_db


def translate(user, locale, page, include_related_objects=True):
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(user, [locale]).create_translations(
            page, include_related_objects=include_related_objects
        )


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


def test_translating_the_home_page_first_gives_the_featured_track_a_url(superuser, en):
    content = build_content()
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(content.tree.home, [en], user=superuser)
    en_track = content.urban.get_translation(en)
    en_home = content.tree.home.get_translation(en)
    assert en_track.url_path.startswith(en_home.url_path)
    assert en_track.url == "/en" + content.urban.url


@pytest.fixture
def track_translated_alone(superuser, en):
    """Home and index pages translated, then only the Urban Professional track: its modules
    are translated as related objects, one level deep, so their theme links are not re-pointed."""
    content = build_content()
    tree = content.tree
    translate(superuser, en, tree.home, include_related_objects=False)
    for index in [tree.track_index, tree.module_index, tree.theme_index]:
        translate(superuser, en, index)
    translate(superuser, en, content.urban)
    return content


def test_track_translated_alone_still_links_to_english_modules_and_themes(
    track_translated_alone, en
):
    content = track_translated_alone
    en_track = content.urban.get_translation(en).specific
    assert {step.module.locale for step in en_track.programme_steps.exclude(module=None)} == {en}
    assert {link.theme.locale for link in en_track.theme_links.all()} == {en}


def test_dutch_theme_page_never_lists_english_pages(client, track_translated_alone):
    theme = track_translated_alone.themes[0]
    response = client.get(theme.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    english_links = [a["href"] for a in main.find_all("a", href=True) if "/en/" in a["href"]]
    assert english_links == []


def test_english_theme_page_lists_the_english_module(client, track_translated_alone, en):
    content = track_translated_alone
    en_theme = content.themes[0].get_translation(en).specific
    en_module = content.modules[0].get_translation(en).specific
    tagged = [page for section in en_theme.get_tagged_sections() for page in section["pages"]]
    assert en_module in tagged


def test_a_page_published_with_a_stale_url_path_is_repaired_with_its_descendants():
    content = build_content()
    index, track = content.tree.track_index, content.urban
    stale_root = "/home-old/"
    Page.objects.filter(pk__in=[index.pk, track.pk]).update(
        url_path=Concat(Value(stale_root), Substr("url_path", len(content.tree.home.url_path) + 1))
    )
    stale = Page.objects.get(pk=index.pk).specific
    assert stale.url_path.startswith(stale_root)

    page_published.send(sender=type(stale), instance=stale, revision=None)

    index.refresh_from_db()
    track.refresh_from_db()
    assert index.url_path == f"{content.tree.home.url_path}{index.slug}/"
    assert track.url_path == f"{index.url_path}{track.slug}/"
    assert track.url == f"/{index.slug}/{track.slug}/"
