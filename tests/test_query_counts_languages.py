"""English pages cost what Dutch pages cost, and a programme's length costs nothing, in both
languages (see tests/query_counts.py for how pages are measured)."""

import pytest

from tests import factories as f
from tests.builders import PAGE_NAMES, make_modules, make_track
from tests.query_counts import assert_within_budget
from tests.translating import publish_translation, translate_and_publish

pytestmark = pytest.mark.django_db

# What the most visited pages may cost (11 each now): a change that adds a query shows here.
TRACK_PAGE_BUDGET = 12
HOME_PAGE_BUDGET = 15


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_english_page_costs_what_the_dutch_one_costs(client, bilingual, measure, name):
    nl_page = bilingual.nl.page(name)
    nl_counts = measure.counts(client, nl_page.url)
    en_counts = measure.counts(client, bilingual.en(nl_page).url)
    for state, count in nl_counts.items():
        assert abs(en_counts[state] - count) <= 2, (state, nl_counts, en_counts)


def test_programme_from_6_to_30_steps(client, bilingual, measure):
    """A day-by-day programme grows from 6 to 30 module steps: no extra query, in either
    language, with a warm or a cold cache."""
    tree, user, en = bilingual.nl.tree, bilingual.user, bilingual.en_locale
    modules = make_modules(tree, 30)
    track = make_track(tree, modules=modules[:6])
    translate_and_publish(user, en, *modules, track)
    urls = {"nl": track.url, "en": track.get_translation(en).url}
    before = {language: measure.counts(client, url) for language, url in urls.items()}
    for counts in before.values():
        assert_within_budget(counts, TRACK_PAGE_BUDGET)

    for day, module in enumerate(modules[6:], start=7):
        f.ProgrammeStepFactory(page=track, module=module, label=f"Dag {day}")
    track.save_revision().publish()
    publish_translation(user, track, en)

    for language, url in urls.items():
        assert measure.counts(client, url) == before[language], language
        html = client.get(url).content.decode()
        for module in modules:
            shown = module if language == "nl" else module.get_translation(en)
            assert shown.title in html, (language, shown.title)
    assert track.programme_steps.count() == 30


def test_home_page_stays_within_its_budget(client, bilingual, measure):
    home = bilingual.nl.page("home")
    for url in [home.url, bilingual.en(home).url]:
        assert_within_budget(measure.counts(client, url), HOME_PAGE_BUDGET)
