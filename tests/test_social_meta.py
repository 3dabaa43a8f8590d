"""What a shared link and a search engine read in a page's head: Open Graph and Twitter card
tags, the description and the canonical URL (see core/templatetags/seo_tags.py)."""

import pytest
from bs4 import BeautifulSoup

from core.models import SiteSettings
from tests import factories as f
from tests.builders import make_track
from tests.translating import translate_and_publish

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser").head


def meta(soup, key):
    """The content of the meta tag with property or name `key`, or None."""
    tag = soup.find("meta", property=key) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def canonical(soup):
    links = soup.find_all("link", rel="canonical")
    assert len(links) == 1
    return links[0]["href"]


def big_image():
    return f.ImageFactory(file__width=1600, file__height=1000)


def test_a_track_shared_shows_its_title_summary_address_and_language(client, tree):
    track = make_track(tree, title='Track "met" <b>opmaak</b>', listing_summary="Kort & <goed>.")
    soup = head(client, track.url)

    assert meta(soup, "og:title") == track.title
    assert meta(soup, "twitter:title") == track.title
    assert meta(soup, "og:description") == "Kort & <goed>."
    assert meta(soup, "description") == "Kort & <goed>."
    assert meta(soup, "og:url") == canonical(soup) == track.full_url
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:locale") == "nl_NL"
    assert soup.find("meta", property="og:locale:alternate") is None  # not translated
    assert meta(soup, "og:site_name") == "Leertrajecten"
    assert meta(soup, "twitter:card") == "summary"  # no image at all
    assert meta(soup, "robots") is None


def test_the_search_description_comes_before_the_summary(client, tree):
    track = make_track(tree, search_description="Voor zoekmachines.", listing_summary="Kaart.")
    soup = head(client, track.url)
    assert meta(soup, "description") == meta(soup, "og:description") == "Voor zoekmachines."


def test_an_article_is_shared_as_an_article(client, tree):
    article = f.ArticlePageFactory(parent=tree.article_index)
    assert meta(head(client, article.url), "og:type") == "article"


def test_a_translated_page_names_its_other_language(client, tree, superuser, locale_en):
    track = make_track(tree)
    translate_and_publish(superuser, locale_en, tree.home, tree.track_index, track)
    english = track.get_translation(locale_en)

    nl, en = head(client, track.url), head(client, english.url)

    assert (meta(nl, "og:locale"), meta(nl, "og:locale:alternate")) == ("nl_NL", "en_GB")
    assert (meta(en, "og:locale"), meta(en, "og:locale:alternate")) == ("en_GB", "nl_NL")
    assert meta(en, "og:title") == english.title
    assert meta(en, "og:site_name") == "Learning tracks"
    assert canonical(en) == english.full_url


def rendition_url(image):
    return f"http://localhost{image.get_rendition('fill-1200x630').url}"


def test_the_share_image_is_the_social_image_else_the_main_image_else_the_site_default(
    client, tree
):
    social, hero, listing, default = big_image(), big_image(), big_image(), big_image()
    SiteSettings.objects.update_or_create(
        site=tree.site, defaults={"default_social_image": default}
    )
    chosen = make_track(tree, social_image=social, hero_image=hero, listing_image=listing)
    main = make_track(tree, hero_image=hero, listing_image=listing)
    listing_only = make_track(tree, listing_image=listing)
    bare = make_track(tree)

    expected = {chosen: social, main: hero, listing_only: listing, bare: default}
    for page, image in expected.items():
        soup = head(client, page.url)
        assert meta(soup, "og:image") == meta(soup, "twitter:image") == rendition_url(image)
        assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
        assert meta(soup, "og:image:alt") == image.title
        assert meta(soup, "twitter:card") == "summary_large_image"


def test_a_missing_image_file_leaves_the_image_out(client, tree):
    image = big_image()
    track = make_track(tree, social_image=image)
    image.file.storage.delete(image.file.name)

    soup = head(client, track.url)
    assert meta(soup, "og:image") is None
    assert meta(soup, "twitter:card") == "summary"


# ---------------------------------------------------------------------------------------------
# Canonical URLs


@pytest.mark.parametrize(
    "query", ["?theme=flexibel&form=op_maat", "?form=open", "?theme=<script>", "?page=2"]
)
def test_a_filtered_track_listing_points_at_the_plain_one(client, tree, query):
    f.ThemePageFactory(parent=tree.theme_index, slug="flexibel")
    make_track(tree, form="op_maat")
    soup = head(client, tree.track_index.url + query)
    assert canonical(soup) == meta(soup, "og:url") == tree.track_index.full_url


def test_a_filtered_case_listing_points_at_the_plain_one(client, tree):
    theme = f.ThemePageFactory(parent=tree.theme_index)
    assert canonical(head(client, f"{tree.case_index.url}?theme={theme.slug}")) == (
        tree.case_index.full_url
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ""),
        ("?page=1", ""),
        ("?page=2", "?page=2"),
        ("?page=99", "?page=2"),  # past the end: the last page is shown, and named
        ("?page=abc", ""),  # not a number: the first page
        ("?page=2&utm_source=nieuwsbrief", "?page=2"),
    ],
)
def test_each_page_of_the_article_listing_is_its_own_canonical(client, tree, query, expected):
    """The listing's pages show different articles, so each is indexed under its own number
    (the first under the plain URL); anything else in the query string is dropped."""
    for _ in range(tree.article_index.specific.articles_per_page + 1):
        f.ArticlePageFactory(parent=tree.article_index)
    soup = head(client, tree.article_index.url + query)
    assert canonical(soup) == tree.article_index.full_url + expected


def test_a_page_reached_with_a_query_string_points_at_itself_without_it(client, tree):
    track = make_track(tree)
    assert canonical(head(client, f"{track.url}?utm_source=x&ref=%22%3E")) == track.full_url
