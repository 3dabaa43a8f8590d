"""A visitor who starts at /en/ stays in English: home -> theme -> track -> module."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def links_to(page, demo_site, template, within="main"):
    """Paths of the links inside `within` that lead to English pages of this type, in order."""
    targets = {p.path for p in demo_site.of_type(template, "en")}
    assert targets, f"the sitemap lists no English page of type {template}"
    hrefs = page.locator(f"{within} a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return list(dict.fromkeys(href for href in hrefs if href in targets))


def click(page, demo_site, href, within, visited):
    page.locator(f'{within} a[href="{href}"]').first.click()
    expect(page).to_have_url(demo_site.url(href))
    visited.append(page.url)
    assert page.url.startswith(demo_site.url("/en/")), f"left /en/: {visited}"
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_home_theme_track_module_stays_in_english(page, demo_site):
    page.goto("/en/")
    visited = [page.url]
    assert page.url == demo_site.url("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    themes = links_to(page, demo_site, "template-theme-page")
    assert themes, "the English home page links to no English theme page"
    for theme in themes:  # the first theme that lists a track
        click(page, demo_site, theme, "main", visited)
        tracks = links_to(page, demo_site, "template-leertraject-page")
        if tracks:
            break
        page.go_back()
    assert tracks, f"no English theme page reached from /en/ lists an English track: {visited}"

    click(page, demo_site, tracks[0], "main", visited)
    modules = links_to(page, demo_site, "template-module-page", within="main .programme")
    assert modules, f"{page.url}: the programme links to no English module page"

    click(page, demo_site, modules[0], "main .programme", visited)
