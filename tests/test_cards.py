"""What a card shows of its image, and the favicon every page links."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from tests import factories as f
from tests.builders import make_track

pytestmark = pytest.mark.django_db


def test_a_card_image_is_avif_and_webp_with_a_jpeg_fallback_in_three_renditions(client, tree):
    track = make_track(tree, listing_image=f.ImageFactory())
    html = BeautifulSoup(client.get(tree.track_index.url).content, "html.parser")

    card = next(
        article for article in html.select("article.card") if article.find("a", string=track.title)
    )
    picture = card.select_one(".card__media picture")
    sources = picture.find_all("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]
    assert sources[0]["srcset"].split(" ")[0].endswith(".avif")
    assert sources[1]["srcset"].split(" ")[0].endswith(".webp")
    fallback = picture.find("img")
    assert fallback["src"].endswith(".jpg")
    assert fallback["alt"] == ""
    # One size in three formats: three files for the card, whatever the image.
    assert track.listing_image.renditions.count() == 3


def test_a_card_whose_image_file_is_gone_shows_no_image_and_the_listing_still_answers(client, tree):
    track = make_track(tree, listing_image=f.ImageFactory())
    track.listing_image.file.storage.delete(track.listing_image.file.name)

    response = client.get(tree.track_index.url)

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    card = next(
        article for article in html.select("article.card") if article.find("a", string=track.title)
    )
    assert card.select_one(".card__media") is None


def test_the_hero_offers_each_width_once(client, tree):
    track = make_track(tree, hero_image=f.ImageFactory(file__width=1600, file__height=900))
    html = BeautifulSoup(client.get(track.url).content, "html.parser")

    assert html.select("picture img.image--hero")
    for source in html.select("picture source") + html.select("picture img[srcset]"):
        widths = [part.strip().split(" ")[1] for part in source["srcset"].split(",")]
        assert len(widths) == len(set(widths)), widths


def test_every_page_links_the_favicon_and_favicon_ico_answers(client, tree):
    html = BeautifulSoup(client.get(tree.home.url).content, "html.parser")
    icons = [link["href"] for link in html.select("link[rel=icon]")]
    assert any(href.endswith(".svg") for href in icons), icons

    response = client.get("/favicon.ico")
    assert response.status_code == 302  # temporary: the hashed name changes with the icon
    assert response["Location"] == static("img/favicon.ico")
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file
