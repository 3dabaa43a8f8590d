"""Search with Elasticsearch 9 (search/backends/elasticsearch.py), against stand-ins
(tests/elasticsearch_standin.py): what the index is made with, which analyzer a search uses,
and that a cluster that refuses, never answers or fails leaves the database to answer, quickly,
for searches and for publishing alike.
"""

import io
import logging
import time
import types

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django_tasks.signals import task_enqueued
from wagtail.models import Page

from search.backends import get_search_backend
from search.backends.elasticsearch import MARK_END, MARK_START, breaker, snippet_html
from tests.elasticsearch_standin import refusing_url
from tests.search_pages import SEARCH_URLS, version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _closed_breaker():
    breaker.reset()
    yield
    breaker.reset()


def use_elasticsearch(settings, url, **options):
    """The settings base.py makes from ELASTICSEARCH_URL, pointed at `url`. The timeout is the
    production default unless given."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "database": {"BACKEND": "wagtail.search.backends.database"},
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": "test_",
            "FALLBACK": "database",
            **options,
        },
    }


def search(client, language, text):
    response = client.get(SEARCH_URLS[language], {"q": text})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".search-result .card__title a")]


def waits_for_the_cluster(caplog):
    """How many index updates asked the cluster and failed (each waited at most TIMEOUT);
    the others skipped it at once, the breaker being open."""
    return len([r for r in caplog.records if r.getMessage().startswith("Elasticsearch failed")])


def warnings_from_search(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "search.backends" and record.levelno == logging.WARNING
    ]


# ---------------------------------------------------------------------------------------------
# The index


def test_the_index_is_made_with_dutch_and_english_analyzers(settings, cluster, bilingual):
    use_elasticsearch(settings, cluster.url)
    call_command("update_index", backend_name="default", stdout=io.StringIO())

    created = [
        request
        for request in cluster.requests_to("PUT")
        if len(request.segments) == 1 and request.segments[0].startswith("test_wagtailcore_page")
    ]
    assert len(created) == 1
    analysis = created[0].body["settings"]["analysis"]
    dutch = analysis["analyzer"]["dutch_text"]
    english = analysis["analyzer"]["english_text"]
    assert {"lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"} <= set(dutch["filter"])
    assert {"lowercase", "asciifolding", "english_stop", "english_stemmer"} <= set(
        english["filter"]
    )
    filters = analysis["filter"]
    assert filters["dutch_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert filters["dutch_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert filters["english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert filters["english_stop"] == {"type": "stop", "stopwords": "_english_"}
    # modelsearch's own analyzers stay, for autocomplete.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_text_fields_are_mapped_once_per_language(settings, cluster, bilingual):
    use_elasticsearch(settings, cluster.url)
    call_command("update_index", backend_name="default", stdout=io.StringIO())

    page_index = next(
        request.segments[0]
        for request in cluster.requests_to("PUT", "_mapping")
        if request.segments[0].startswith("test_wagtailcore_page")
    )
    properties = {}
    for request in cluster.requests_to("PUT", "_mapping"):
        if request.segments[0] == page_index:
            properties.update(request.body["properties"])
    languages = {
        "nl": {"type": "text", "analyzer": "dutch_text"},
        "en": {"type": "text", "analyzer": "english_text"},
    }
    for name in [
        "_all_text",
        "_all_text_boost_2_0",
        "title",
        "trajecten_leertrajectpage__subtitle",
        # A page's texts of what it shows, also from a method of a plain mixin
        # (ThemedPageMixin.search_theme_titles), named after the model taking it in.
        "trajecten_leertrajectpage__search_method_names",
        "trajecten_leertrajectpage__search_theme_titles",
        "cases_casestudypage__search_theme_titles",
    ]:
        assert properties[name]["fields"] == languages, name
    # Autocomplete and filter fields keep their own analysis.
    assert "fields" not in properties["_edgengrams"]
    assert "fields" not in properties["locale_id_filter"]

    bulk_documents = [
        line
        for request in cluster.requests_to("PUT", "_bulk") + cluster.requests_to("POST", "_bulk")
        for line in request.body
        if "pk" in line
    ]
    titles = {document.get("title") for document in bulk_documents}
    assert bilingual.nl.urban.title in titles
    assert bilingual.en(bilingual.nl.urban).title in titles
    urban = next(d for d in bulk_documents if d.get("title") == bilingual.nl.urban.title)
    theme_titles = Page.objects.get(pk=bilingual.nl.urban.pk).specific.search_theme_titles()
    assert theme_titles and urban["trajecten_leertrajectpage__search_theme_titles"] == theme_titles


# ---------------------------------------------------------------------------------------------
# Searching


@pytest.mark.parametrize(("language", "other"), [("nl", "en"), ("en", "nl")])
def test_a_search_uses_the_analyzer_of_the_visitors_language(
    client, settings, cluster, bilingual, language, other
):
    use_elasticsearch(settings, cluster.url)
    page = version(bilingual, bilingual.nl.urban, language)
    # A word in no page: what is shown can only have come from the cluster.
    cluster.search_hits = [page.pk]

    links = search(client, language, "Ontwikkelpad")

    assert links == [page.url]
    (request,) = cluster.requests_to("POST", "_search") or cluster.requests_to("GET", "_search")
    query = str(request.body)
    assert f"_all_text.{language}" in query
    assert f"_all_text.{other}" not in query
    assert "Ontwikkelpad" in query
    # The visitor's locale is a filter of the query, and one request holds all the hits.
    assert str(page.locale_id) in str(request.body["query"]["bool"]["filter"])
    assert "locale_id_filter" in query
    assert "scroll" not in request.params


def test_hits_the_visitor_may_not_see_are_not_shown(client, settings, cluster, bilingual):
    use_elasticsearch(settings, cluster.url)
    page = bilingual.nl.urban.specific
    draft = Page.objects.get(pk=page.pk)
    draft.unpublish()
    cluster.search_hits = [page.pk]

    links = search(client, "nl", "Urban")

    assert page.url not in links


# ---------------------------------------------------------------------------------------------
# Snippets


def marked(text):
    return text.replace("[", MARK_START).replace("]", MARK_END)


def test_the_snippet_is_the_highlight_of_the_search_engine(client, settings, cluster, bilingual):
    use_elasticsearch(settings, cluster.url)
    page = bilingual.nl.urban.specific
    cluster.search_hits = [page.pk]
    cluster.highlights = {
        page.pk: {
            "title.nl": [marked("[Urban] Professional")],
            "trajecten_leertrajectpage__body.nl": [marked("elders in de [stad]")],
            "trajecten_leertrajectpage__summary.nl": [marked("Voor <b>alle</b> [stedelijke] & co")],
        }
    }

    response = client.get(SEARCH_URLS["nl"], {"q": "stedelijk"})

    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".search-result .card__summary")
    # The summary field wins over the body, never the title; markup from the source is dropped.
    assert str(summary) == (
        '<p class="card__summary">Voor alle <mark>stedelijke</mark> &amp; co</p>'
    )
    (request,) = cluster.requests_to("POST", "_search")
    highlight = request.body["highlight"]
    assert highlight["fields"] == {"*.nl": {}}
    assert highlight["require_field_match"] is False


def test_without_a_highlight_the_snippet_is_made_from_the_summary(
    client, settings, cluster, bilingual
):
    use_elasticsearch(settings, cluster.url)
    page = bilingual.nl.urban.specific
    cluster.search_hits = [page.pk]
    cluster.highlights = {page.pk: {"title.nl": [marked("[Urban] Professional")]}}

    response = client.get(SEARCH_URLS["nl"], {"q": "Urban"})

    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".search-result .card__summary")
    assert summary.get_text(strip=True)
    assert summary.select("mark") == []


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<script>alert(1)</script>[leren]", "alert(1)<mark>leren</mark>"),
        ('"[a]" &lt;b&gt;', "&quot;<mark>a</mark>&quot; &lt;b&gt;"),
        ("<img src=x onerror=alert(1)>[x]", "<mark>x</mark>"),
    ],
)
def test_snippets_are_escaped(fragment, expected):
    assert snippet_html({"cases_casestudypage__intro.en": [marked(fragment)]}) == expected


# ---------------------------------------------------------------------------------------------
# When the cluster does not answer


@pytest.fixture(params=["refused", "black hole", "503"])
def unavailable(request, settings, cluster, black_hole):
    """A cluster that does not answer, in each way, configured as the search backend."""
    if request.param == "refused":
        use_elasticsearch(settings, refusing_url())
    elif request.param == "black hole":
        use_elasticsearch(settings, black_hole.url)  # production timeout: 1 s
    else:
        cluster.fail_status = 503
        use_elasticsearch(settings, cluster.url)
    return request.param


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_unavailable_cluster_leaves_the_database_to_answer(
    client, bilingual, caplog, unavailable, language
):
    page = version(bilingual, bilingual.nl.urban, language)
    caplog.set_level(logging.WARNING, logger="search.backends")

    links = search(client, language, "Urban")

    assert page.url in links
    # One failed request to the cluster (no retries: see the client's settings test), then the
    # database answers.
    (warning,) = warnings_from_search(caplog)
    assert "database" in warning.getMessage()


def test_after_a_failure_the_cluster_is_left_alone_for_a_while(
    client, settings, cluster, bilingual, caplog, monkeypatch
):
    cluster.fail_status = 500
    use_elasticsearch(settings, cluster.url, BREAKER_SECONDS=30)
    caplog.set_level(logging.WARNING, logger="search.backends")
    page = bilingual.nl.urban.specific

    first = search(client, "nl", "Urban")
    asked = len(cluster.requests)
    second = search(client, "nl", "Urban")

    assert asked == 1
    assert len(cluster.requests) == asked  # not asked again
    assert page.url in first and page.url in second
    assert len(warnings_from_search(caplog)) == 1

    # Once the breaker's time has passed (its clock moved on, not waited for: a slow machine
    # must not decide the outcome) the cluster is asked again, and answers.
    later = time.monotonic() + 31
    monkeypatch.setattr("core.breakers.time", types.SimpleNamespace(monotonic=lambda: later))
    cluster.fail_status = None
    cluster.search_hits = [page.pk]
    third = search(client, "nl", "Urban")
    assert len(cluster.requests_to("POST", "_search")) == 2
    assert third == [page.url]


def test_a_request_error_falls_back_without_leaving_the_cluster_alone(
    client, settings, cluster, bilingual
):
    # A 4xx is a mistake in the request, not an unavailable cluster.
    cluster.fail_status = 400
    use_elasticsearch(settings, cluster.url)
    page = bilingual.nl.urban.specific

    links = search(client, "nl", "Urban")

    assert page.url in links
    assert not breaker.is_open()


def test_the_client_waits_at_most_a_second_and_never_retries(settings):
    # What keeps a visitor's wait for an unavailable cluster within 2 s: one request, bounded.
    use_elasticsearch(settings, refusing_url())
    backend = get_search_backend()

    # The client sends these with every request (elasticsearch-py keeps them per client).
    assert backend.timeout <= 1
    assert backend.es._max_retries == 0
    assert backend.es._retry_on_timeout is False


def test_counting_and_autocomplete_fall_back_too(settings, bilingual):
    use_elasticsearch(settings, refusing_url())
    backend = get_search_backend()
    pages = Page.objects.live().filter(locale=bilingual.nl.urban.locale)

    assert backend.search("Urban", pages).count() >= 1
    breaker.reset()
    assert bilingual.nl.urban.pk in [page.pk for page in backend.autocomplete("Urb", pages)]


# ---------------------------------------------------------------------------------------------
# Index updates


def track_and_pages_showing_it(bilingual, track, gone=()):
    """What a search for a renamed track's new title finds, by pk: the track and the pages whose
    entries hold its title (search/referring.py indexes them again on publishing): its cases
    and the article relating it, live and in its language. Their order is the ranking's
    business (tests/test_search_relevance.py), which differs between the database backends."""
    showing = {case.pk for case in bilingual.nl.cases} | {bilingual.nl.article.pk}
    return sorted({track.pk} | showing - {page.pk for page in gone})


def sorted_pks(hits):
    return sorted(hit.pk for hit in hits)


def enqueued_tasks():
    names = []

    def receiver(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(receiver, weak=False)
    return names, lambda: task_enqueued.disconnect(receiver)


def test_publishing_updates_the_cluster_through_a_task(settings, cluster, bilingual):
    use_elasticsearch(settings, cluster.url)
    page = Page.objects.get(pk=bilingual.nl.urban.pk).specific
    page.title = "Urban Professional Zeldzaamwoord"
    names, stop = enqueued_tasks()
    try:
        page.save_revision().publish()
    finally:
        stop()

    assert "insert_or_update_object_task" in names
    documents = [
        request.body
        for request in cluster.requests_to("PUT") + cluster.requests_to("POST")
        if "_doc" in request.segments and request.segments[-1] == str(page.pk)
    ]
    assert documents and documents[-1]["title"] == "Urban Professional Zeldzaamwoord"


@pytest.mark.parametrize("kind", ["refused", "black hole"])
def test_publishing_with_the_cluster_unavailable_is_quick_and_updates_the_database(
    settings, black_hole, bilingual, caplog, kind
):
    url = refusing_url() if kind == "refused" else black_hole.url
    use_elasticsearch(settings, url, TIMEOUT=0.5)
    caplog.set_level(logging.WARNING, logger="search.backends")
    page = Page.objects.get(pk=bilingual.nl.urban.pk).specific
    page.title = "Urban Professional Zeldzaamwoord"

    page.save_revision().publish()

    # Quick: the cluster is waited for once (at most TIMEOUT); every later update of this
    # publish (the pages showing the track) skips it.
    assert waits_for_the_cluster(caplog) == 1
    assert len(caplog.records) > 1
    page.refresh_from_db()
    assert page.live and page.title == "Urban Professional Zeldzaamwoord"
    found = Page.objects.live().search("Zeldzaamwoord", backend="database")
    assert sorted_pks(found) == track_and_pages_showing_it(bilingual, page)
    assert warnings_from_search(caplog)
    assert breaker.is_open()  # later saves and searches do not wait for the cluster again


def test_deleting_with_the_cluster_unavailable_is_quick(settings, black_hole, bilingual, caplog):
    use_elasticsearch(settings, black_hole.url, TIMEOUT=0.5)
    caplog.set_level(logging.WARNING, logger="search.backends")
    page = Page.objects.get(pk=bilingual.nl.urban.pk)

    page.delete()

    assert waits_for_the_cluster(caplog) == 1
    assert not Page.objects.filter(pk=page.pk).exists()
