"""The suggestion to read a Dutch page in English: shown to browsers that prefer English,
dismissed for good with its button, never shown to browsers that prefer Dutch; keyboard
reachable together with the language switcher."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SUGGESTION = "aside.language-suggestion[data-language=en]"


def dutch_pages_with_english(demo_site, count=2):
    pages = [p for p in demo_site.pages if p.language == "nl" and "en" in p.alternates]
    if len(pages) < count:
        pytest.fail(
            f"the sitemap lists {len(pages)} Dutch pages with an English translation, "
            f"the test needs {count}",
            pytrace=False,
        )
    return pages[:count]


def test_english_browser_is_offered_the_english_page_until_it_dismisses(new_context, demo_site):
    first, second = dutch_pages_with_english(demo_site)
    page = new_context(locale="en-GB").new_page()
    assert page.evaluate("navigator.languages[0]").startswith("en")

    page.goto(first.path)
    suggestion = page.locator(SUGGESTION)
    expect(suggestion).to_be_visible()
    expect(suggestion.locator(f'a[href="{first.alternates["en"]}"]')).to_be_visible()

    suggestion.get_by_role("button", name="Close").click()
    expect(suggestion).to_be_hidden()

    assert page.evaluate("localStorage.getItem('language-suggestion-dismissed')")

    page.goto(second.path)  # waits for the load event, after the deferred site.js ran
    expect(page.locator(SUGGESTION)).to_be_attached()
    expect(page.locator(SUGGESTION)).to_be_hidden()
    page.reload()
    expect(page.locator(SUGGESTION)).to_be_hidden()


def test_dutch_browser_is_not_offered_the_english_page(new_context, demo_site):
    (dutch,) = dutch_pages_with_english(demo_site, count=1)
    page = new_context(locale="nl-NL").new_page()
    page.goto(dutch.path)  # waits for the load event, after the deferred site.js ran
    expect(page.locator(SUGGESTION)).to_be_attached()
    expect(page.locator(SUGGESTION)).to_be_hidden()


FOCUSED = """() => {
    const el = document.activeElement;
    if (el.matches("aside.language-suggestion a")) return "suggestion:" + el.getAttribute("href");
    if (el.matches("nav.language-switcher a")) return "switcher:" + el.getAttribute("hreflang");
    return el.tagName;
}"""


def test_suggestion_and_switcher_links_are_reached_with_tab(new_context, demo_site):
    (dutch,) = dutch_pages_with_english(demo_site, count=1)
    page = new_context(locale="en-GB").new_page()
    page.goto(dutch.path)
    expect(page.locator(SUGGESTION)).to_be_visible()
    switcher = page.locator("nav.language-switcher a").evaluate_all(
        "links => links.map(link => 'switcher:' + link.getAttribute('hreflang'))"
    )
    expected = {f"suggestion:{dutch.alternates['en']}", *switcher}
    assert len(expected) > 1, "the Dutch page shows no language switcher link"

    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
        if expected <= set(reached):
            break
    assert expected <= set(reached), f"Tab reached {reached}, not all of {sorted(expected)}"
