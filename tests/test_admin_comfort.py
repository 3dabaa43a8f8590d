"""Editor comfort: the same tabs on every page type, no third-party requests from the admin."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import get_page_models

from tests.builders import PAGE_NAMES

pytestmark = pytest.mark.django_db

# "Instellingen" holds only Wagtail's publishing and comment panels, which Wagtail 8 shows in
# the side panels, so it is left out as empty; it appears, named so, once it holds a field.
TAB_NAMES = {
    "track": ["Inhoud", "Programma", "Praktisch", "Promotie"],
    "case": ["Inhoud", "Feiten", "Promotie"],
    "article": ["Inhoud", "Relaties", "Promotie"],
}
DEFAULT_TAB_NAMES = ["Inhoud", "Promotie"]


def edit_view(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def tab_names(html):
    return [
        tab.find(string=True, recursive=False).strip()
        for tab in html.select("[role=tablist] [role=tab]")
    ]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_has_the_same_tabs_in_dutch(admin_client, content, name):
    html = edit_view(admin_client, content.page(name))
    assert tab_names(html) == TAB_NAMES.get(name, DEFAULT_TAB_NAMES)


OUR_APPS = {"home", "trajecten", "themes", "cases", "articles"}


@pytest.mark.parametrize(
    "model", [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
)
def test_every_page_type_builds_its_tabs_from_the_shared_layout(model):
    with translation.override("nl"):
        headings = [str(tab.heading) for tab in model.get_edit_handler().children]
    assert headings[0] == "Inhoud"
    assert headings[-2:] == ["Promotie", "Instellingen"]


def external_hosts(html):
    """Hosts of the scripts, images, styles and frames the page loads from elsewhere."""
    urls = [
        *(tag.get("src") for tag in html.find_all(["script", "img", "iframe", "source"])),
        *(tag.get("href") for tag in html.find_all("link")),
        *(tag.get("srcset") for tag in html.find_all(["img", "source"])),
    ]
    hosts = {urlsplit(url.split()[0]).hostname for url in urls if url and url.strip()}
    return hosts - {None, "testserver", "localhost"}


def test_admin_loads_nothing_from_third_parties(admin_client, content):
    dashboard = BeautifulSoup(
        admin_client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser"
    )
    edit = edit_view(admin_client, content.page("track"))
    for html in (dashboard, edit):
        assert external_hosts(html) == set()
        assert not re.search(r"gravatar", str(html), re.IGNORECASE)
