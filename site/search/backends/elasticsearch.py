"""Elasticsearch 9 with Dutch and English analysis, answering from the database when it cannot.

Languages: every analysed text field of the index gets two sub-fields, `<field>.nl` (Dutch
analyzer) and `<field>.en` (English analyzer), and a search queries the sub-fields of the
visitor's language. Why sub-fields rather than the alternatives:
- one index per language would mean re-routing every add, delete, search and rebuild, because
  modelsearch keeps one index per root model (`get_index_for_model`) and builds everything on
  that;
- a per-document analyzer field no longer exists in Elasticsearch (`_analyzer` went in 2.0);
- sub-fields only change the mapping and the field names in the query. Each text is analysed
  twice, which costs a little space on a site of this size; a page is only ever searched in its
  own language (the search filters on locale), so its other-language sub-field is never asked.

Failure: the client waits at most TIMEOUT (default 1 s) per request and never retries. When the
cluster cannot answer (refused, timed out, 5xx, any transport error), the search is answered by
the database backend named FALLBACK with a warning on the `search.backends` logger, and the
cluster is left alone for BREAKER_SECONDS (default 30) in this process: searches go straight
to the database and index updates are skipped (warned; `manage.py update_index` catches up).

Snippets: each result from the cluster carries `search_highlight`, safe HTML of the best
highlighted fragment (summary-like fields first), for the results page (search/views.py).

The language is the active one (`search_language`), which on the site search is the visitor's;
the Wagtail admin's page search uses the editor's interface language.

Index updates arrive through modelsearch's `insert_or_update_object_task` (django-tasks) on
save, deletes through `delete_from_elasticsearch_task` (search/tasks.py); in production both
run in the worker, not the request. With this TIMEOUT, the breaker and errors logged instead
of raised, an update never waits on the cluster for more than one timeout nor fails because
of it, wherever it runs.
"""

import html
import inspect
import logging
from copy import copy, deepcopy

from django.conf import settings
from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from elasticsearch import ApiError, TransportError
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)
from modelsearch.backends.elasticsearchbase import (
    ElasticsearchAutocompleteQueryCompilerImpl,
    Field,
)
from modelsearch.utils import deep_update

from core.breakers import CircuitBreaker

logger = logging.getLogger("search.backends")

# Language code -> the analyzer of its sub-fields.
ANALYZERS = {"nl": "dutch_text", "en": "english_text"}

# Custom rather than the built-in `dutch`/`english` analyzers for asciifolding, so that
# "financiele" finds "financiële" and "cafe" finds "café".
LANGUAGE_ANALYSIS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "dutch_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"],
                },
                "english_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "english_possessive_stemmer",
                        "lowercase",
                        "asciifolding",
                        "english_stop",
                        "english_stemmer",
                    ],
                },
            },
            "filter": {
                "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
                "english_possessive_stemmer": {
                    "type": "stemmer",
                    "language": "possessive_english",
                },
            },
        }
    }
}

# Highlights: the fields whose fragment makes the best snippet, most preferred first (any other
# matching field comes after them; the title never, it is shown anyway).
SNIPPET_FIELDS = ("listing_summary", "intro", "summary", "subtitle")
# Markers ES puts around matched words: characters no text has, so that the fragment can be
# escaped as a whole and the markers turned into <mark> afterwards.
MARK_START, MARK_END = "\ue000", "\ue001"
SNIPPET_CHARS = 200

# Errors that send a search to the database: everything the client raises for a request.
CLUSTER_ERRORS = (TransportError, ApiError)
# Elasticsearch's default index.max_result_window: up to here one request beats scrolling.
MAX_RESULT_WINDOW = 10_000


def search_language():
    """The analysed language of a search: the active one (the site search is served in the
    visitor's language, and filters on its locale), Dutch for anything else."""
    language = (get_language() or "").split("-")[0]
    return language if language in ANALYZERS else settings.LANGUAGE_CODE


breaker = CircuitBreaker()


def _is_cluster_failure(error):
    # A 4xx is about the request (a bug to fix), not a cluster to stay away from.
    status = getattr(getattr(error, "meta", None), "status", None)
    return not (isinstance(error, ApiError) and status is not None and 400 <= status < 500)


class LanguageMapping(Elasticsearch9Mapping):
    def get_mapping(self):
        mapping = super().get_mapping()
        _add_language_fields(mapping["properties"])
        return mapping

    def get_field_column_name(self, field):
        # modelsearch prefixes a subclass's field with the model that defines it, which for a
        # method of a plain mixin (ThemedPageMixin.search_theme_titles) is no model: name it
        # after the first model that takes the mixin in, as if that model defined the method.
        definition = field.get_definition_model(self.model)
        if definition is not None and not issubclass(definition, models.Model):
            model = next(
                base
                for base in reversed(inspect.getmro(self.model))
                if issubclass(base, definition) and issubclass(base, models.Model)
            )
            field = copy(field)
            field.get_definition_model = lambda cls: model
        return super().get_field_column_name(field)


def _add_language_fields(properties):
    for field in properties.values():
        # Autocomplete fields (and any es_extra analyzer) keep their own analysis.
        if field.get("type") == "text" and "analyzer" not in field:
            field["fields"] = {
                language: {"type": "text", "analyzer": analyzer}
                for language, analyzer in ANALYZERS.items()
            }
        elif field.get("type") == "nested":
            _add_language_fields(field["properties"])


class LanguageSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = LanguageMapping

    def __init__(self, *args, **kwargs):
        self.language = search_language()  # before super(), which remaps the fields
        super().__init__(*args, **kwargs)

    def _remap_fields(self, fields):
        return [
            Field(f"{field.field_name}.{self.language}", field.boost)
            for field in super()._remap_fields(fields)
        ]

    def get_highlight(self):
        # The query searches the combined _all_text fields, which have no source to cut
        # fragments from: highlight the matched words in the separate fields instead.
        return {
            "fields": {f"*.{self.language}": {}},
            "require_field_match": False,
            "pre_tags": [MARK_START],
            "post_tags": [MARK_END],
            "fragment_size": SNIPPET_CHARS,
            "number_of_fragments": 1,
        }


def snippet_html(highlight):
    """Safe HTML of the best fragment in a hit's `highlight` ({field: [fragments]}), its
    matched words in <mark>; "" when no field but the title matched."""
    ranked = sorted(
        (_snippet_rank(field), fragments)
        for field, fragments in (highlight or {}).items()
        if fragments and _snippet_rank(field) is not None
    )
    if not ranked:
        return ""
    fragment = ranked[0][1][0]
    # The source may hold markup (rich text): drop it, then escape what is left.
    text = escape(html.unescape(strip_tags(fragment)))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _snippet_rank(field):
    name = field.rsplit(".", 1)[0].rsplit("__", 1)[-1]  # "app_model__intro.nl" -> "intro"
    if name == "title" or name.startswith("_") or "." in field.rsplit(".", 1)[0]:
        return None  # the title, the combined fields, nested relations
    return SNIPPET_FIELDS.index(name) if name in SNIPPET_FIELDS else len(SNIPPET_FIELDS)


class LanguageAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = LanguageMapping


class FallbackSearchResults(Elasticsearch9SearchResults):
    """Results that come from the database when the cluster fails; from the cluster, each
    result carries `search_highlight`, a snippet of safe HTML ("" when there is none)."""

    def _get_es_body(self, for_count=False):
        body = super()._get_es_body(for_count=for_count)
        if not for_count and hasattr(self.query_compiler, "get_highlight"):
            body["highlight"] = self.query_compiler.get_highlight()
        return body

    def _get_results_from_hits(self, hits):
        snippets = {str(hit["fields"]["pk"][0]): hit.get("highlight") for hit in hits}
        for obj in super()._get_results_from_hits(hits):
            obj.search_highlight = snippet_html(snippets.get(str(obj.pk)))
            yield obj

    def _do_search(self):
        try:
            return list(self._search_cluster())
        except CLUSTER_ERRORS as error:
            self.backend.cluster_failed(error, "search")
            return list(self._database_results())

    def _do_count(self):
        try:
            return super()._do_count()
        except CLUSTER_ERRORS as error:
            self.backend.cluster_failed(error, "count")
            return self._database_results().count()

    def _search_cluster(self):
        if self.stop is None or self.stop > MAX_RESULT_WINDOW:
            return super()._do_search()
        # One request for a bounded slice, where modelsearch would scroll in pages of 100.
        response = self._backend_do_search(
            self._get_es_body(),
            index=self.backend.get_index_for_model(self.query_compiler.queryset.model).name,
            _source=False,
            stored_fields="pk",
            from_=self.start,
            size=self.stop - self.start,
        )
        return self._get_results_from_hits(response["hits"]["hits"])

    def _database_results(self):
        compiler = self.query_compiler
        return self.backend.fallback_results(
            compiler,
            start=self.start,
            stop=self.stop,
            score_field=self._score_field,
        )


class SearchBackend(Elasticsearch9SearchBackend):
    mapping_class = LanguageMapping
    query_compiler_class = LanguageSearchQueryCompiler
    autocomplete_query_compiler_class = LanguageAutocompleteQueryCompiler
    results_class = FallbackSearchResults
    settings = deep_update(deepcopy(Elasticsearch9SearchBackend.settings), LANGUAGE_ANALYSIS)

    def __init__(self, params):
        params = dict(params)
        self.fallback_name = params.pop("FALLBACK", "database")
        self.breaker_seconds = params.pop("BREAKER_SECONDS", 30)
        params.setdefault("TIMEOUT", 1)
        # On the request path a retry only doubles the wait.
        params["OPTIONS"] = {
            "max_retries": 0,
            "retry_on_timeout": False,
            **params.get("OPTIONS", {}),
        }
        super().__init__(params)

    def fallback_backend(self):
        return get_search_backend(self.fallback_name)

    def cluster_failed(self, error, action):
        logger.warning(
            "Elasticsearch failed (%s: %s); the %s is answered by the '%s' backend.",
            type(error).__name__,
            error,
            action,
            self.fallback_name,
        )
        if _is_cluster_failure(error):
            breaker.trip(self.breaker_seconds)

    def fallback_results(self, compiler, start=0, stop=None, score_field=None):
        """The results of `compiler`'s search from the fallback backend."""
        database = self.fallback_backend()
        method = (
            database.autocomplete
            if isinstance(compiler, ElasticsearchAutocompleteQueryCompilerImpl)
            else database.search
        )
        results = method(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if score_field:
            results = results.annotate_score(score_field)
        return results[start:stop]

    def search(self, *args, **kwargs):
        if breaker.is_open():
            return self.fallback_backend().search(*args, **kwargs)
        return super().search(*args, **kwargs)

    def autocomplete(self, *args, **kwargs):
        if breaker.is_open():
            return self.fallback_backend().autocomplete(*args, **kwargs)
        return super().autocomplete(*args, **kwargs)

    # Index updates from saves and deletes (not the bulk rebuild, which should fail loudly).

    def add(self, obj):
        self._update_index(super().add, obj, "add")

    def delete(self, obj):
        # modelsearch deletes in the request: queue it like the updates (search/tasks.py).
        from search.tasks import delete_from_elasticsearch_task

        delete_from_elasticsearch_task.enqueue(
            obj._meta.app_label, obj._meta.model_name, str(obj.pk)
        )

    def delete_now(self, obj):
        self._update_index(super().delete, obj, "delete")

    def _update_index(self, method, obj, action):
        if breaker.is_open():
            logger.warning(
                "Elasticsearch unavailable: %s of %r skipped; run update_index once it is back.",
                action,
                obj,
            )
            return
        try:
            method(obj)
        except CLUSTER_ERRORS as error:
            logger.warning(
                "Elasticsearch failed (%s: %s): %s of %r skipped; run update_index once it "
                "is back.",
                type(error).__name__,
                error,
                action,
                obj,
            )
            if _is_cluster_failure(error):
                breaker.trip(self.breaker_seconds)
