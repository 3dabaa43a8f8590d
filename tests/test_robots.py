"""What crawlers may index: robots.txt, and `noindex` on search results and on pages behind a
password or login (and on Wagtail's password form)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests import factories as f
from tests.builders import make_track

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def robots_meta(soup):
    return [tag["content"] for tag in soup.head.find_all("meta", attrs={"name": "robots"})]


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, tree):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow")]
    # Previews of drafts are served under /admin/ only.
    assert disallowed == ["/admin/", "/zoeken/", "/en/search/"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("url", ["/zoeken/?q=traject", "/zoeken/", "/en/search/?q=track"])
def test_search_results_are_not_indexed(client, tree, url):
    soup = soup_of(client.get(url))
    assert robots_meta(soup) == ["noindex"]
    assert soup.find("script", type="application/ld+json") is None


def test_public_pages_are_indexed(client, tree):
    track = make_track(tree)
    for page in (tree.home, tree.track_index, track):
        assert robots_meta(soup_of(client.get(page.url))) == []


def test_a_password_protected_page_is_never_indexed_nor_described(client, tree):
    track = make_track(tree, title="Geheim traject", listing_summary="Alleen voor de klant.")
    PageViewRestriction.objects.create(
        page=track, restriction_type=PageViewRestriction.PASSWORD, password="sesam"
    )

    form = client.get(track.url)
    soup = soup_of(form)
    assert robots_meta(soup) == ["noindex"]
    html = form.content.decode()
    assert "Geheim traject" not in html and "Alleen voor de klant" not in html
    assert soup.find("script", type="application/ld+json") is None
    assert soup.find("meta", property="og:title") is None

    password_form = soup.find("form", class_="password-form")
    data = {field["name"]: field.get("value", "") for field in password_form.find_all("input")}
    client.post(password_form["action"], {**data, "password": "sesam"})
    page = soup_of(client.get(track.url))
    assert "Geheim traject" in page.get_text()
    assert robots_meta(page) == ["noindex"]


def test_pages_below_a_login_restricted_page_are_not_indexed(client, tree, superuser):
    module = f.ModulePageFactory(parent=tree.module_index)
    PageViewRestriction.objects.create(
        page=tree.module_index, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(superuser)
    assert robots_meta(soup_of(client.get(module.url))) == ["noindex"]
