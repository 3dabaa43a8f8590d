"""The search box's suggestions (static/js/search_combobox.js) with the keyboard alone, with the
mouse, and without JavaScript; axe finds nothing serious with the suggestions open."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
HOMES = {"nl": "/", "en": "/en/"}
SEARCH_PAGES = {"nl": "/zoeken/", "en": "/en/search/"}
PREFIX = "Urban"  # the demo's track "Urban Professional", in both languages


def open_suggestions(page, field, prefix=PREFIX):
    field.press_sequentially(prefix, delay=50)
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option").first).to_be_visible()
    return listbox


def reach_by_tab(page, target, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError("the search field cannot be reached with Tab")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pick_a_suggestion_with_the_keyboard_and_land_on_its_page(new_context, demo_site, language):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(HOMES[language])
    field = page.locator("header form[role=search] input[name=q]")
    expect(field).to_have_attribute("role", "combobox")
    reach_by_tab(page, field)

    listbox = open_suggestions(page, field)
    options = listbox.get_by_role("option")
    assert options.count() <= 8
    # The live region tells screen reader users how many there are.
    expect(page.locator("header [role=status]")).to_contain_text(str(options.count()))

    page.keyboard.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(field).to_be_focused()
    title = first.locator(".search-suggest__title").inner_text()
    assert PREFIX.lower() in title.lower()

    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(re.compile(re.escape(title)))
    assert page.evaluate("document.documentElement.lang") == language
    assert not page.url.rstrip("/").endswith(SEARCH_PAGES[language].rstrip("/"))


def test_arrows_move_escape_closes_and_enter_without_a_choice_searches(new_context, demo_site):
    page = new_context().new_page()
    page.goto("/")
    field = page.locator("header input[name=q]")
    field.focus()
    listbox = open_suggestions(page, field)
    options = listbox.get_by_role("option")

    page.keyboard.press("ArrowUp")  # from the field, up goes to the last suggestion
    expect(options.last).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    assert field.get_attribute("aria-activedescendant") is None
    expect(field).to_have_value(PREFIX)

    page.keyboard.press("Enter")  # no active suggestion: the form searches
    page.wait_for_url(re.compile(r"/zoeken/\?q=Urban$"))
    expect(page.locator(".search-result").first).to_be_visible()


def test_a_suggestion_can_be_picked_with_the_mouse(new_context, demo_site):
    page = new_context().new_page()
    page.goto("/en/")
    field = page.locator("header input[name=q]")
    field.click()
    option = open_suggestions(page, field).get_by_role("option").first
    title = option.locator(".search-suggest__title").inner_text()
    option.click()
    expect(page.locator("h1")).to_have_text(re.compile(re.escape(title)))


def test_without_javascript_the_box_is_a_plain_search_form(new_context, demo_site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/en/")
    field = page.locator("header input[name=q]")
    assert field.get_attribute("role") is None
    field.fill(PREFIX)
    field.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=Urban$"))
    expect(page.locator(".search-result").first).to_be_visible()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_serious_axe_violations_with_the_suggestions_open(new_context, demo_site, language):
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(SEARCH_PAGES[language] + "?q=" + PREFIX)
    findings = []
    for selector in ["#search-page-query", "#site-search-query"]:
        field = page.locator(selector)
        field.fill("")
        field.focus()
        open_suggestions(page, field, PREFIX[:3])
        page.keyboard.press("ArrowDown")
        for violation in Axe().run(page).response["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
                findings.append(f"{violation['id']} ({violation['impact']}) {selector}: {targets}")
        page.keyboard.press("Escape")
    assert not findings, "\n".join(findings)
