"""A visitor asks for an intake, in each language: theme -> tailor-made track -> "Vraag een
intake aan" -> the form with the track chosen and its modules ticked -> a mistake, shown next to
its field with everything typed kept -> corrected -> the thank-you page. axe-core finds no
serious or critical violation on the form, nor on its error state."""

import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.conftest import serving

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ["nl", "en"]


@pytest.fixture(scope="module")
def journey_server(demo_site, tmp_path_factory):
    """The demo site again, served with `demo_settings` (no time trap for a fast browser)."""
    env = {**demo_site.environment, "DJANGO_SETTINGS_MODULE": "tests.browser.demo_settings"}
    with serving(env, tmp_path_factory.mktemp("contact-journey")) as base_url:
        yield base_url


def translated(language, dutch):
    with translation.override(language):
        return gettext(dutch)


def serious_violations(page):
    results = Axe().run(page).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def stored_requests(demo_site, email):
    """(kind, track id, suspected, number of modules) of the requests stored for `email`,
    read from the demo's SQLite database."""
    path = demo_site.environment["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as database:
        return database.execute(
            "SELECT kind, track_id, is_suspected_spam, "
            "(SELECT COUNT(*) FROM contact_contactrequest_modules m "
            "WHERE m.contactrequest_id = r.id) "
            "FROM contact_contactrequest r WHERE email = ?",
            [email],
        ).fetchall()


def open_tailor_made_track_from_a_theme(page, demo_site, journey_server, language):
    """Go from the first theme page that lists a tailor-made track to that track; its title."""
    tailor_made = translated(language, "Op maat")
    tracks = {p.path for p in demo_site.of_type("template-leertraject-page", language)}
    themes = demo_site.of_type("template-theme-page", language)
    assert themes and tracks, f"the sitemap lists no {language} themes or tracks"
    for theme in themes:
        page.goto(journey_server + theme.path)
        cards = page.locator("main article.card").filter(has_text=tailor_made)
        links = cards.locator("a.card__link").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        links = [href for href in links if href in tracks]
        if links:
            page.locator(f'main a.card__link[href="{links[0]}"]').first.click()
            expect(page).to_have_url(journey_server + links[0])
            return page.locator("h1").inner_text().strip()
    pytest.fail(f"no {language} theme page lists a tailor-made track")


@pytest.mark.parametrize("language", LANGUAGES)
def test_intake_from_a_track_page_with_a_mistake_corrected(
    page, demo_site, journey_server, language
):
    track_title = open_tailor_made_track_from_a_theme(page, demo_site, journey_server, language)
    expect(page.locator("html")).to_have_attribute("lang", language)

    # The call to action beside the practical facts.
    call = page.locator("main .fact-card__action a")
    expect(call).to_have_text(translated(language, "Vraag een intake aan"))
    call.click()

    # The intake form, in the same language, with the track chosen and its modules ticked.
    expect(page.locator("body")).to_have_class("template-contact-page")
    expect(page.locator("html")).to_have_attribute("lang", language)
    contact_path = urlsplit(page.url).path
    query = parse_qs(urlsplit(page.url).query)
    assert query["soort"] == ["intake"]
    track_id = query["traject"][0]
    expect(page.locator("#kind-intake")).to_have_attribute("aria-current", "page")
    expect(page.locator("#id_track")).to_have_value(track_id)
    expect(page.locator("#id_track option:checked")).to_have_text(track_title)
    ticked = page.locator("input[name=modules]:checked")
    assert ticked.count() > 0, "a tailor-made track's modules are ticked"
    modules_ticked = ticked.count()
    assert serious_violations(page) == []

    # A mistake: an email address that is not one, and no consent.
    email = f"intake-{language}@gemeente.example"
    page.fill("#id_name", "Fatima el Amrani")
    page.fill("#id_email", "fatima.gemeente.example")
    page.fill("#id_organisation", "Gemeente Voorbeeldstad")
    page.fill("#id_role", "HR-adviseur")
    page.fill("#id_group_size", "14")
    page.fill("#id_preferred_period", "voorjaar 2027")
    page.fill("#id_message", "Twee groepen <b>teamleiders</b>.")
    page.click("#contact-submit")

    # Shown next to the fields, summed up above the form, in the visitor's language; what was
    # typed is kept.
    expect(page.locator("#error-summary")).to_be_visible()
    email_error = translated(
        language, "Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."
    )
    expect(page.locator("#id_email_error")).to_have_text(email_error)
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_consent_error")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("Fatima el Amrani")
    expect(page.locator("#id_email")).to_have_value("fatima.gemeente.example")
    expect(page.locator("#id_organisation")).to_have_value("Gemeente Voorbeeldstad")
    expect(page.locator("#id_group_size")).to_have_value("14")
    expect(page.locator("#id_message")).to_have_value("Twee groepen <b>teamleiders</b>.")
    expect(page.locator("#id_track")).to_have_value(track_id)
    expect(page.locator("input[name=modules]:checked")).to_have_count(modules_ticked)
    assert stored_requests(demo_site, email) == []
    assert serious_violations(page) == []

    # Corrected: the thank-you page, and the request stored once, with its track.
    page.fill("#id_email", email)
    page.check("#id_consent")
    page.click("#contact-submit")
    expect(page).to_have_url(f"{journey_server}{contact_path}bedankt/?soort=intake")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(translated(language, "Bedankt voor uw intake-aanvraag"))
    assert stored_requests(demo_site, email) == [("intake", int(track_id), 0, modules_ticked)]
