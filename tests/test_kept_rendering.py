"""A page's head and content are rendered once per generation of the page cache and kept for
every later request of the same URL, whoever asks (`{% keep_rendered %}`,
`core.page_cache.kept_rendering`), with the page cache off as in these tests. What varies by
visitor is never kept: forms, a password form, a filtered listing, a preview.

What renews the generation (publishing, snippets, settings) is tested in
tests/test_page_cache.py and tests/test_kept_across_requests.py.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from core import page_cache
from tests.builders import make_track
from tests.contact_support import build_contact_site
from trajecten.models import LeertrajectPage, ProgrammeStep

pytestmark = pytest.mark.django_db


def main_text(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def change_unseen(track, **fields):
    """A change no editor path makes: not published, so the generation stays."""
    LeertrajectPage.objects.filter(pk=track.pk).update(**fields)


def test_the_content_is_kept_until_the_content_changes(client, bilingual):
    track = bilingual.nl.urban
    assert track.intro in main_text(client.get(track.url))
    change_unseen(track, intro="Een andere inleiding")
    assert track.intro in main_text(client.get(track.url)), "the content was rendered again"

    page_cache.clear()  # what publishing does
    assert "Een andere inleiding" in main_text(client.get(track.url))


def test_a_published_change_shows_at_once(client, bilingual):
    track = fresh(bilingual.nl.urban)
    main_text(client.get(track.url))
    track.programme_steps.add(
        ProgrammeStep(kind=ProgrammeStep.Kind.INTERVIEW, label="Dag 99", note="Nieuwe dag")
    )
    track.save_revision().publish()
    assert "Nieuwe dag" in main_text(client.get(track.url))


def test_each_language_has_its_own(client, bilingual):
    track = bilingual.nl.urban
    english = bilingual.en(track)
    for _ in range(2):
        dutch = main_text(client.get(track.url))
        assert track.intro in dutch and english.intro not in dutch
        assert english.intro in main_text(client.get(english.url))


def test_an_editor_gets_the_same_content_and_their_own_user_bar(client, bilingual, superuser):
    track = bilingual.nl.urban
    anonymous = client.get(track.url)
    editor = Client()
    editor.force_login(superuser)
    logged_in = editor.get(track.url)
    assert main_text(logged_in) == main_text(anonymous)
    assert b"wagtail-userbar" in logged_in.content
    assert b"wagtail-userbar" not in client.get(track.url).content


def test_a_filtered_listing_is_rendered_for_its_filter(client, bilingual):
    index = bilingual.nl.tree.track_index
    tracks = LeertrajectPage.objects.live().filter(locale=index.locale)
    open_track = tracks.get(pk=bilingual.nl.urban.pk)
    others = [track for track in tracks if track.form != open_track.form]
    assert others, "the fixtures have tracks of more than one form"
    unfiltered = main_text(client.get(index.url))
    filtered = main_text(client.get(index.url, {"form": open_track.form}))
    assert open_track.title in filtered
    assert others[0].title in unfiltered and others[0].title not in filtered
    assert others[0].title in main_text(client.get(index.url))


def test_a_preview_never_reads_nor_fills_the_kept_content(client, bilingual):
    track = fresh(bilingual.nl.urban)
    assert track.intro in main_text(client.get(track.url))
    draft = track.get_latest_revision_as_object()
    draft.intro = "Nog geheime inleiding"
    assert "Nog geheime inleiding" in main_text(draft.make_preview_request())
    assert "Nog geheime inleiding" not in main_text(client.get(track.url))


def test_a_page_with_a_form_is_rendered_for_each_visitor(bilingual):
    """The contact form carries each visitor's CSRF token."""
    contact = build_contact_site(bilingual)

    def token():
        soup = BeautifulSoup(Client().get(contact.url("nl")).content, "html.parser")
        return soup.select_one('main input[name="csrfmiddlewaretoken"]')["value"]

    assert token() != token()


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def pass_password(client, page):
    form = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(
        'main form:has(input[name="password"])'
    )
    fields = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    response = client.post(form["action"], {**fields, "password": "geheim"})
    assert response.status_code == 302, response.status_code


@pytest.mark.parametrize("first", ["without the password", "with the password"])
def test_a_password_protected_pages_content_never_reaches_a_visitor_without_it(bilingual, first):
    track = bilingual.nl.urban
    restrict(fresh(track))
    with_password, without = Client(), Client()
    pass_password(with_password, track)
    visits = (
        [without, with_password] if first == "without the password" else [with_password, without]
    )
    for visitor in visits * 2:
        text = main_text(visitor.get(track.url))
        if visitor is with_password:
            assert track.intro in text
        else:
            assert track.intro not in text
            assert 'name="password"' in visitor.get(track.url).content.decode()


def test_a_theme_page_lists_a_new_track_at_once(client, bilingual):
    theme = bilingual.nl.themes[0]
    assert "Nieuw traject" not in main_text(client.get(theme.url))
    track = make_track(bilingual.nl.tree, title="Nieuw traject", themes=[theme])
    track.save_revision().publish()
    assert "Nieuw traject" in main_text(client.get(theme.url))
