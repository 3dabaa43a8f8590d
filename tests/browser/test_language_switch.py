"""The language switcher leads to the page's own translation, and back."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TRACK = "template-leertraject-page"


def translated(demo_site, template, language="nl", into="en"):
    """The first page of this type and language that has a translation into `into`."""
    for page in demo_site.of_type(template, language):
        if into in page.alternates:
            return page
    pytest.fail(
        f"no {language} page of type {template} with an {into} translation in the sitemap",
        pytrace=False,
    )


def alternate_path(page, language):
    href = page.locator(f'head link[rel="alternate"][hreflang="{language}"]').get_attribute("href")
    assert href, f"{page.url} has no <link rel=alternate hreflang={language}>"
    return urlparse(href).path  # the link names the Site's own host, not the test server


def test_switching_language_on_a_track_lands_on_its_translation(page, demo_site):
    dutch = translated(demo_site, TRACK)
    page.goto(dutch.path)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    english_path = alternate_path(page, "en")
    assert english_path == dutch.alternates["en"]

    page.locator("nav.language-switcher a[hreflang=en]").click()
    expect(page).to_have_url(demo_site.url(english_path))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert alternate_path(page, "nl") == dutch.path

    page.locator("nav.language-switcher a[hreflang=nl]").click()
    expect(page).to_have_url(demo_site.url(dutch.path))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
