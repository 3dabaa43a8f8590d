"""On a small screen the main menu toggle works with the keyboard alone."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_small_screen_menu_opens_with_enter_or_space_and_closes_with_escape(
    new_context, demo_site, key
):
    page = new_context(viewport={"width": 375, "height": 812}).new_page()
    page.goto("/")
    toggle = page.locator(".site-nav__toggle")
    menu = page.locator("#site-nav-list")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    for _ in range(20):  # reach the toggle with Tab, as a keyboard user would
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    expect(toggle).to_be_focused()

    page.keyboard.press(key)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.locator("a").first).to_be_focused()

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()
