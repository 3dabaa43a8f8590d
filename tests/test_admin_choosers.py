"""Choosers in the admin open in the language of the page being edited (core/choosers.py)."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def admin_config(html):
    """The admin's `wagtail-config`, from which its chooser modals take `?locale=`."""
    found = re.search(r'id="wagtail-config" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def browse(client, **params):
    response = client.get(reverse("core_choose_page"), params)
    assert response.status_code == 200
    return json.loads(response.content)


def choosable_titles(step):
    return re.findall(r'class="choose-page"[^>]*data-title="([^"]*)"', step["html"])


def modal_urls(html):
    """The modal URL of every chooser in an edit form, those in block definitions included."""
    return re.findall(r'modalUrl(?:&quot;|")\s*:\s*(?:&quot;|")([^&"]+)', html)


def test_every_page_chooser_of_a_page_opens_in_its_language(admin_client, content):
    home = content.tree.home  # key to a page, featured tracks, a call to action block
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    page_choosers = [url for url in modal_urls(html) if "choose-page" in url]
    assert len(page_choosers) >= 3
    assert set(page_choosers) == {"/admin/choose-page-in-language/"}


def test_a_new_english_track_asks_for_modules_in_english(admin_client, bilingual):
    en_index = bilingual.en(bilingual.nl.tree.track_index)
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["trajecten", "leertrajectpage", en_index.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()

    # The modal sends the page's language to our browse view...
    assert admin_config(html)["ACTIVE_CONTENT_LOCALE"] == "en"
    assert (
        'new PageChooser("id_programme_steps-__prefix__-module", {"modelNames": '
        '["trajecten.modulepage"], "canChooseRoot": false, "userPerms": null, '
        '"modalUrl": "/admin/choose-page-in-language/"}' in html
    )

    # ...which starts in the English module index, listing the English modules only.
    step = browse(admin_client, page_type="trajecten.modulepage", locale="en")
    assert step["parent_page_id"] == bilingual.en(bilingual.nl.tree.module_index).pk
    english_titles = [bilingual.en(module).title for module in bilingual.nl.modules]
    assert choosable_titles(step) == english_titles


@pytest.mark.parametrize(
    ("page_type", "index_name"),
    [
        ("trajecten.modulepage", "module_index"),
        ("themes.themepage", "theme_index"),
        ("trajecten.leertrajectpage", "track_index"),
    ],
)
def test_choosers_start_at_the_index_in_the_language_asked_for(
    admin_client, bilingual, page_type, index_name
):
    nl_index = getattr(bilingual.nl.tree, index_name)
    assert browse(admin_client, page_type=page_type, locale="nl")["parent_page_id"] == nl_index.pk
    en_index = bilingual.en(nl_index)
    assert browse(admin_client, page_type=page_type, locale="en")["parent_page_id"] == en_index.pk


def test_a_chooser_for_any_page_starts_at_the_home_page_of_the_language(admin_client, bilingual):
    en_home = bilingual.en(bilingual.nl.tree.home)
    assert browse(admin_client, locale="en")["parent_page_id"] == en_home.pk


def test_without_a_language_the_chooser_behaves_as_wagtails(admin_client, bilingual):
    # Both trees hold modules: Wagtail starts at their common ancestor, the root.
    step = browse(admin_client, page_type="trajecten.modulepage")
    assert step["parent_page_id"] == bilingual.nl.tree.home.get_parent().pk


def test_a_chosen_page_reopens_the_chooser_at_its_parent(admin_client, bilingual):
    en_index = bilingual.en(bilingual.nl.tree.module_index)
    response = admin_client.get(
        reverse("core_choose_page_child", args=[en_index.pk]),
        {"page_type": "trajecten.modulepage", "locale": "nl"},
    )
    assert response.status_code == 200
    assert json.loads(response.content)["parent_page_id"] == en_index.pk


@pytest.mark.parametrize("params", [{"locale": "xx"}, {"page_type": "geen.model", "locale": "en"}])
def test_unknown_language_or_page_type_is_a_404(admin_client, bilingual, params):
    assert admin_client.get(reverse("core_choose_page"), params).status_code == 404


def test_snippet_choosers_list_the_page_language_only(admin_client, bilingual):
    # Wagtail's snippet chooser filters on the `locale` its modal sends from the page's language.
    response = admin_client.get(
        reverse("wagtailsnippetchoosers_core_person:choose"), {"locale": "en"}
    )
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    english_people = {bilingual.en(person).pk for person in bilingual.nl.trainers}
    listed = {
        int(pk) for pk in re.findall(r'data-chooser-modal-choice[^>]*href="[^"]*/(\d+)/"', html)
    }
    assert listed == english_people
