"""Share links on tracks, cases and articles: plain links, in the page's language."""

from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from core.templatetags.share_tags import share_links_for
from trajecten.models import LeertrajectPage

pytestmark = pytest.mark.django_db

SHARED_PAGES = ["track", "case", "article"]
SHARE_TITLES = {"nl": "Delen", "en": "Share"}
SHARE_LABELS = {
    "nl": ["Deel via E-mail", "Deel via LinkedIn", "Deel via X", "Deel via WhatsApp"],
    "en": ["Share via Email", "Share via LinkedIn", "Share via X", "Share via WhatsApp"],
}


def share_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").find("section", class_="share")


@pytest.mark.parametrize("name", SHARED_PAGES)
def test_shared_pages_link_to_their_own_address_in_their_own_language(client, bilingual, name):
    nl_page = bilingual.nl.page(name)
    for language, page in [("nl", nl_page), ("en", bilingual.en(nl_page))]:
        section = share_section(client, page)
        assert section.find("h2").get_text(strip=True) == SHARE_TITLES[language]
        links = section.find_all("a")
        assert [link.get_text(" ", strip=True) for link in links] == SHARE_LABELS[language]

        hrefs = [link["href"] for link in links]
        assert len(hrefs) == 4
        assert {urlsplit(href).scheme for href in hrefs} == {"https", "mailto"}
        own_address = quote(page.full_url, safe="")
        assert all(own_address in href for href in hrefs)
        assert all(quote(page.title, safe="") in href for href in hrefs if "mailto:" in href)
        assert section.find("script") is None


def test_other_page_types_have_no_share_links(client, content):
    assert share_section(client, content.page("module")) is None


def test_no_share_links_for_a_page_without_an_address_yet(content):
    unsaved = LeertrajectPage(title="Nog niet opgeslagen", slug="nieuw")
    assert share_links_for(unsaved) == []
