"""English pages cost what Dutch pages cost, and a programme's length costs nothing, in both
languages (see tests/query_counts.py for how pages are measured)."""

import pytest

from tests import factories as f
from tests.builders import PAGE_NAMES, make_modules, make_track
from tests.translating import publish_translation, translate_and_publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_english_page_costs_what_the_dutch_one_costs(client, bilingual, measure, name):
    nl_page = bilingual.nl.page(name)
    nl_queries, _ = measure.queries(client, nl_page.url)
    en_queries, _ = measure.queries(client, bilingual.en(nl_page).url)
    assert abs(len(en_queries) - len(nl_queries)) <= 2, (len(nl_queries), len(en_queries))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_programme_from_6_to_30_steps(client, bilingual, measure, language):
    """A day-by-day programme grows from 6 to 30 module steps, in either language."""
    tree, user, en = bilingual.nl.tree, bilingual.user, bilingual.en_locale
    modules = make_modules(tree, 30)
    track = make_track(tree, modules=modules[:6])
    translate_and_publish(user, en, *modules, track)

    def shown(module):
        return module.title if language == "nl" else module.get_translation(en).title

    def grow(count):
        for day, module in enumerate(modules[6 : 6 + count], start=7):
            f.ProgrammeStepFactory(page=track, module=module, label=f"Dag {day}")
        track.save_revision().publish()
        publish_translation(user, track, en)
        return [shown(module) for module in modules]

    url = track.url if language == "nl" else track.get_translation(en).url
    measure.assert_flat(client, url, grow, size=24)
    assert track.programme_steps.count() == 30
