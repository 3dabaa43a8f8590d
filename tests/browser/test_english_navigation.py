"""A visitor who starts at /en/ stays in English: home -> theme -> track -> module."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def follow_link_to(page, demo_site, template, within="main"):
    """Click the first link inside `within` that leads to an English page of this type."""
    targets = {p.path for p in demo_site.of_type(template, "en")}
    assert targets, f"the sitemap lists no English page of type {template}"
    hrefs = page.locator(f"{within} a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    href = next((h for h in hrefs if h in targets), None)
    assert href, f"{page.url}: no link in {within!r} to an English {template} (links: {hrefs})"
    page.locator(f'{within} a[href="{href}"]').first.click()
    expect(page).to_have_url(demo_site.url(href))


def assert_english(page, demo_site, visited):
    visited.append(page.url)
    assert page.url.startswith(demo_site.url("/en/")), f"left /en/: {visited}"
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_home_theme_track_module_stays_in_english(page, demo_site):
    visited = []
    page.goto("/en/")
    assert_english(page, demo_site, visited)

    follow_link_to(page, demo_site, "template-theme-page")
    assert_english(page, demo_site, visited)

    follow_link_to(page, demo_site, "template-leertraject-page")
    assert_english(page, demo_site, visited)

    follow_link_to(page, demo_site, "template-module-page", within="main .programme")
    assert_english(page, demo_site, visited)
