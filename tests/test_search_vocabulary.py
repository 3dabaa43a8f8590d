"""The did-you-mean vocabulary is kept current in the background (site/search/suggestions.py,
`search.tasks.rebuild_search_vocabulary`): no search waits for it to be read.

With django-tasks' DummyBackend a queued task waits in `backend.results` until the test runs it,
as a worker would; with the ImmediateBackend of the test settings it runs when queued.
"""

import pytest
from django.test import RequestFactory, override_settings
from django_tasks import task_backends
from wagtail.models import PageViewRestriction

from core.links import LinkResolver
from search import suggestions
from search.suggestions import check_spelling
from search.views import SEARCHABLE_MODELS, _visible_hits
from tests import factories as f
from tests.search_pages import result_links, search, version

pytestmark = pytest.mark.django_db

REBUILD_TASK = "search.tasks.rebuild_search_vocabulary"
DEFERRED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def spelling(soup):
    message = soup.select_one(".search-page__spelling")
    return " ".join(message.get_text().split()) if message else ""


def queued(name=None):
    """The tasks queued on the (deferred) backend, or those named `name`, as (name, args)."""
    results = task_backends["default"].results
    found = [(result.task.module_path, list(result.args)) for result in results]
    return [task for task in found if name is None or task[0] == name]


def run_queued():
    """Run what a worker would: every queued task, in order, once."""
    backend = task_backends["default"]
    results = list(backend.results)
    backend.clear()
    for result in results:
        result.task.call(*result.args, **result.kwargs)


def cached_words(language):
    return suggestions._cached_vocabulary(language, SEARCHABLE_MODELS, refresh=False)


def module_in(bilingual, language, title, **kwargs):
    """A new module page in `language`'s module index."""
    index = version(bilingual, bilingual.nl.tree.module_index, language)
    return f.ModulePageFactory(parent=index, title=title, **kwargs)


# ---------------------------------------------------------------------------------------------
# Publishing: served as cached, rebuilt in the background


def test_publishing_serves_the_cached_vocabulary_until_the_task_has_rebuilt_it(client, bilingual):
    assert not result_links(search(client, q="Kwartiermakr"))  # the vocabulary is now cached
    before = cached_words("nl")
    assert before and "kwartiermaker" not in before
    with override_settings(TASKS=DEFERRED):
        module = module_in(bilingual, "nl", "Kwartiermaker", live=False)
        # A burst of publishes queues one rebuild.
        module.save_revision().publish()
        module.save_revision().publish()
        assert cached_words("nl") == before
        assert queued(REBUILD_TASK) == [(REBUILD_TASK, ["nl", _labels()])]
        run_queued()  # the index update, then the rebuild
        assert "kwartiermaker" in cached_words("nl")
        assert not queued()
    soup = search(client, q="Kwartiermakr")
    assert result_links(soup) == [module.url]
    assert "kwartiermaker" in spelling(soup)


def test_with_the_immediate_backend_a_published_word_is_known_at_once(client, bilingual):
    assert not result_links(search(client, q="Kwartiermakr"))
    module = module_in(bilingual, "nl", "Kwartiermaker", live=False)
    module.save_revision().publish()
    assert "kwartiermaker" in cached_words("nl")


def test_a_vocabulary_past_its_refresh_time_is_served_while_rebuilt(client, bilingual):
    search(client, q="Urbam")
    entry = suggestions.cache.get(suggestions._cache_key("nl"))
    entry["built_at"] -= suggestions.REFRESH_AFTER + 1
    suggestions.cache.set(suggestions._cache_key("nl"), entry)
    with override_settings(TASKS=DEFERRED):
        assert "urban" in spelling(search(client, q="Urbam"))
        assert "urban" in spelling(search(client, q="Urbam"))
        assert len(queued(REBUILD_TASK)) == 1
        run_queued()
    assert suggestions.cache.get(suggestions._cache_key("nl"))["built_at"] > entry["built_at"]


def _labels():
    return [model._meta.label for model in SEARCHABLE_MODELS]


# ---------------------------------------------------------------------------------------------
# Unpublishing, deleting, a view restriction: dropped at once


def _unpublish(page):
    page.refresh_from_db()
    page.unpublish()


def _make_private(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )


def _delete(page):
    page.delete()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("hide", [_unpublish, _make_private, _delete])
def test_a_hidden_pages_words_are_dropped_at_once(client, bilingual, language, hide):
    page = module_in(bilingual, language, "Geheimzinnigheid")
    soup = search(client, language, q="Geheimzinnighied")
    assert result_links(soup) == [page.url]  # known, cached
    with override_settings(TASKS=DEFERRED):
        hide(page)
        assert cached_words(language) is None
        soup = search(client, language, q="Geheimzinnighied")
        assert not result_links(soup)
        assert not spelling(soup)
        assert "eheimzinnigheid" not in str(soup)
        assert not result_links(search(client, language, q="Geheimzinnigheid"))
        # The searches did not queue another rebuild beside the change's.
        assert [args[0] for _name, args in queued(REBUILD_TASK)] == [language]
        run_queued()
    assert "geheimzinnigheid" not in cached_words(language)
    assert not spelling(search(client, language, q="Geheimzinnighied"))


def test_a_rebuild_that_read_the_pages_before_a_drop_is_not_served(client, bilingual):
    page = module_in(bilingual, "nl", "Geheimzinnigheid")
    search(client, q="Urbam")
    with override_settings(TASKS=DEFERRED):
        suggestions.words_may_appear()  # a rebuild queued ...
        stale = suggestions._read_vocabulary  # ... which reads the pages, then they change

        def read_then_hide(resolver, models):
            words = stale(resolver, models)
            _make_private(page)
            return words

        suggestions._read_vocabulary = read_then_hide
        try:
            run_queued()
        finally:
            suggestions._read_vocabulary = stale
        assert cached_words("nl") is None
        assert len(queued(REBUILD_TASK)) == 1
        run_queued()
    assert "geheimzinnigheid" not in cached_words("nl")


# ---------------------------------------------------------------------------------------------
# Not cached: built in the background, not in the search


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_cold_miss_with_a_deferred_backend_answers_without_a_suggestion(
    client, bilingual, language
):
    with override_settings(TASKS=DEFERRED):
        for _ in range(2):
            soup = search(client, language, q="Urbam Profesional")
            assert not result_links(soup)
            assert not spelling(soup)
        assert queued() == [(REBUILD_TASK, [language, _labels()])]
        run_queued()
        soup = search(client, language, q="Urbam Profesional")
        urban = version(bilingual, bilingual.nl.urban, language)
        assert result_links(soup)[0] == urban.url
        assert "urban professional" in spelling(soup)
        assert not queued()


def test_a_cold_miss_with_the_immediate_backend_suggests_at_once(client, bilingual):
    assert "urban professional" in spelling(search(client, q="Urbam Profesional"))


# ---------------------------------------------------------------------------------------------
# What is offered finds visible pages, whatever the vocabulary holds


@pytest.mark.parametrize("hits_before", [0, 1])
def test_a_word_of_a_private_page_is_never_offered_even_if_known(
    bilingual, monkeypatch, hits_before
):
    private = module_in(bilingual, "nl", "Geheimzinnigheid")
    _make_private(private)
    # A vocabulary that still has the word (a rebuild that raced the restriction).
    monkeypatch.setattr(
        suggestions, "vocabulary", lambda resolver, models: {"geheimzinnigheid": 1, "urban": 2}
    )
    request = RequestFactory().get("/zoeken/", {"q": "Geheimzinnighied"})
    resolver = LinkResolver(request, "nl")
    hits = [(bilingual.nl.urban.pk, 0)][:hits_before]
    offered, shown = check_spelling(
        request,
        "Geheimzinnighied",
        hits,
        lambda text, loose=None: _visible_hits(resolver, text, loose=loose),
        resolver,
        SEARCHABLE_MODELS,
    )
    assert offered is None
    assert shown == hits
