"""The way in to the contact page: the intake call to action on every track page, and the links
from the home page, theme pages and the footer, in the visitor's language, and only to a contact
page a visitor may see."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from contact.links import contact_link
from contact.models import ContactPage
from core.links import LinkResolver
from tests import factories as f
from tests.builders import PAGE_NAMES
from tests.translating import translate_and_publish

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "en"]


@pytest.fixture(scope="module")
def site(bilingual, django_db_blocker):
    """`bilingual` with a contact page under both home pages (the English one a translation)."""
    with django_db_blocker.unblock():
        contact = f.ContactPageFactory(parent=bilingual.nl.tree.home)
        translate_and_publish(bilingual.user, bilingual.en_locale, contact)
    return bilingual


def in_language(site, language, page):
    """`page` (Dutch, from the builder) in `language`, as stored now."""
    page = type(page.specific).objects.get(pk=page.pk)
    return page if language == "nl" else site.en(page)


def contact_page(site, language):
    dutch = ContactPage.objects.get(locale__language_code="nl")
    return in_language(site, language, dutch)


def soup_at(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def links_to(soup, contact, within=None):
    """The links inside `within` (the whole page by default) that lead to `contact`, with their
    query parameters: [(link, {parameter: value})]."""
    scope = soup.select_one(within) if within else soup
    found = []
    for link in scope.find_all("a", href=True):
        url = urlsplit(link["href"])
        if url.path == contact.url:
            parameters = {key: values[0] for key, values in parse_qs(url.query).items()}
            found.append((link, parameters))
    return found


def text_of(link):
    return " ".join(link.get_text().split())


def translated(language, dutch):
    with translation.override(language):
        return gettext(dutch)


# ---------------------------------------------------------------------------------------------
# The track page: "Vraag een intake aan", with the track prefilled


@pytest.mark.parametrize("language", LANGUAGES)
def test_track_page_asks_for_an_intake_of_that_track_in_its_language(client, site, language):
    track = in_language(site, language, site.nl.urban)
    contact = contact_page(site, language)
    soup = soup_at(client, track.url)

    calls = links_to(soup, contact, within="main")
    # Near the practical facts, and at the end of the page.
    assert len(calls) == 2
    assert links_to(soup, contact, within="main .fact-card")
    assert links_to(soup, contact, within="main .cta--contact")
    label = translated(language, "Vraag een intake aan")
    for link, parameters in calls:
        assert parameters == {"soort": "intake", "traject": str(track.pk), "bron": str(track.pk)}
        assert text_of(link) == label
        assert not link.has_attr("hreflang")  # the contact page in the visitor's language


def test_english_track_leads_to_the_english_contact_page_with_the_english_track(client, site):
    dutch_track = site.nl.urban
    english_track = site.en(dutch_track)
    english_contact = contact_page(site, "en")
    assert english_contact.url.startswith("/en/")
    hrefs = [a["href"] for a in soup_at(client, english_track.url).find("main").find_all("a")]
    expected = f"{english_contact.url}?soort=intake&traject={english_track.pk}"
    assert f"{expected}&bron={english_track.pk}" in hrefs
    assert not [href for href in hrefs if f"traject={dutch_track.pk}" in href]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_track_has_the_call_to_action(client, site, language):
    for dutch_track in [site.nl.urban, site.nl.business, site.nl.untagged_track]:
        track = in_language(site, language, dutch_track)
        calls = links_to(soup_at(client, track.url), contact_page(site, language), "main")
        assert {parameters["traject"] for _link, parameters in calls} == {str(track.pk)}


# ---------------------------------------------------------------------------------------------
# Home, theme pages and the footer: "Neem contact op"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["home", "theme"])
def test_home_and_theme_pages_lead_to_the_contact_form(client, site, language, name):
    page = in_language(site, language, site.nl.page(name))
    calls = links_to(soup_at(client, page.url), contact_page(site, language), "main .cta--contact")
    assert len(calls) == 1
    link, parameters = calls[0]
    # A contact question (no "soort"), from this page.
    assert parameters == {"bron": str(page.pk)}
    assert text_of(link) == translated(language, "Neem contact op")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_the_footer_of_every_page_leads_to_the_contact_form(client, site, language, name):
    page = in_language(site, language, site.nl.page(name))
    calls = links_to(soup_at(client, page.url), contact_page(site, language), "footer.site-footer")
    assert [parameters for _link, parameters in calls] == [{"bron": str(page.pk)}]
    assert text_of(calls[0][0]) == translated(language, "Neem contact op")


def test_the_footer_of_a_page_that_is_not_a_page_leads_to_the_contact_form(client, site):
    soup = BeautifulSoup(client.get("/en/does-not-exist/").content.decode(), "html.parser")
    calls = links_to(soup, contact_page(site, "en"), "footer.site-footer")
    assert [parameters for _link, parameters in calls] == [{}]


def test_the_contact_page_is_not_its_own_source(site):
    contact = contact_page(site, "nl")
    resolver = LinkResolver(language_code="nl")
    assert contact_link(resolver, source=contact).url == contact.url
    intake = contact_link(resolver, kind="intake", source=contact)
    assert intake.url == f"{contact.url}?soort=intake"


# ---------------------------------------------------------------------------------------------
# Only to a contact page a visitor may see


def unpublish(page):
    page.unpublish()


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def expire(page):
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now())


HIDING = {"draft": unpublish, "private": restrict, "expired": expire}


@pytest.mark.parametrize("how", HIDING)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_call_to_action_without_a_contact_page_a_visitor_may_see(client, site, language, how):
    # Hidden in both languages: a private Dutch page hides its translations too, the others
    # are hidden one by one.
    for code in LANGUAGES:
        HIDING[how](contact_page(site, code))
    contact_urls = {contact_page(site, code).url for code in LANGUAGES}
    for name in ["track", "home", "theme"]:
        page = in_language(site, language, site.nl.page(name))
        soup = soup_at(client, page.url)
        hrefs = {urlsplit(a["href"]).path for a in soup.find_all("a", href=True)}
        assert not hrefs & contact_urls, page.url
        assert not soup.select(".cta--contact, .fact-card__action, .site-footer__action")


def test_without_the_english_contact_page_english_pages_lead_to_the_dutch_one_marked(client, site):
    contact_page(site, "en").unpublish()
    dutch_contact = contact_page(site, "nl")
    track = site.en(site.nl.urban)
    calls = links_to(soup_at(client, track.url), dutch_contact)
    assert len(calls) == 3  # facts, end of the page, footer
    for link, parameters in calls:
        # Marked as Dutch; the English track's id, which the Dutch form resolves to Dutch.
        assert link["hreflang"] == "nl"
        assert link.find(class_="fallback-note")
        assert parameters["bron"] == str(track.pk)


def test_a_contact_page_of_another_site_is_not_linked(client, site):
    """Only a contact page in the request's site's tree (in any of its languages) counts."""
    for page in ContactPage.objects.all():
        page.delete()
    other_home = f.HomePageFactory(
        parent=site.nl.tree.home.get_parent(), locale=site.nl.tree.home.locale, slug="elders"
    )
    f.ContactPageFactory(parent=other_home)
    soup = soup_at(client, site.nl.urban.url)
    assert not soup.select(".cta--contact, .fact-card__action, .site-footer__action")


# ---------------------------------------------------------------------------------------------
# Cost: one query, however many calls to action, kept until the content changes


def contact_queries(queries):
    """The lookups of the contact page (contact.links.contact_page: pages of its type)."""
    content_type = ContentType.objects.get_for_model(ContactPage)
    return [sql for sql in queries if f'"content_type_id" IN ({content_type.pk})' in sql]


def captured(client, url):
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    return [query["sql"] for query in context.captured_queries], html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_calls_to_action_cost_one_query_together(client, site, language):
    """Two calls to action on a track page and one in the footer: one lookup of the contact
    page, and none on later requests until something is published."""
    track = in_language(site, language, site.nl.urban)
    first, html = captured(client, track.url)
    assert html.count("soort=intake") == 2 and "site-footer__action" in html
    assert len(contact_queries(first)) == 1
    with_contact, html = captured(client, track.url)
    assert html.count("soort=intake") == 2 and "site-footer__action" in html
    assert contact_queries(with_contact) == []

    # Without a contact page the lookup still runs once, and nothing else: the calls to action
    # add that one query and no more.
    for code in LANGUAGES:
        contact_page(site, code).unpublish()
    first, html = captured(client, track.url)
    assert "soort=intake" not in html
    assert len(contact_queries(first)) == 1
    without_contact, html = captured(client, track.url)
    assert "soort=intake" not in html
    assert len(with_contact) == len(without_contact)
