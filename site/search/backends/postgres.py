"""modelsearch's PostgreSQL backend, with Dutch pages stemmed as Dutch and English as English.

Upstream has one text search configuration per backend (SEARCH_CONFIG), and two backends with
different configurations write to the same index table and overwrite each other's entries
(wagtail#1177, #9253). Here one backend picks the configuration per object instead: each
object's locale when it is indexed, the active language when a query is made. An object keeps
its single IndexEntry; only the stemmer and stop words used to build it differ.

Entries built before (with one configuration for all) are rebuilt by `manage.py update_index`;
so is everything after a change to TEXT_SEARCH_CONFIGS.
"""

import copy
import json
import re
import time
from functools import reduce
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connections
from django.db.models import F
from django.utils.translation import get_language
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Boost, Or, Phrase, PlainText
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

# PostgreSQL's text search configuration (stemmer and stop words) per content language
# (WAGTAIL_CONTENT_LANGUAGES). Any other language is indexed and searched word for word.
TEXT_SEARCH_CONFIGS = {"nl": "dutch", "en": "english"}
WORD_FOR_WORD = "simple"


def text_search_config(language_code=None):
    """The configuration for `language_code`; the active language's when it is None."""
    language = language_code or get_language() or settings.LANGUAGE_CODE
    try:
        language = get_supported_content_language_variant(language)
    except LookupError:  # not a content language (e.g. the admin in another language)
        language = settings.LANGUAGE_CODE
    return TEXT_SEARCH_CONFIGS.get(language.split("-")[0], WORD_FOR_WORD)


# PostgreSQL's Dutch (Snowball) stemmer leaves the plural -s after -ie: "organisaties" and
# "organisatie" are different lexemes (so are relaties, sessies, competenties ...). A Dutch
# query asks for both forms of such a word.
_DUTCH_IE_PLURAL = re.compile(r"(?<=\w\wie)s$", re.IGNORECASE)


def word_forms(word, config):
    """`word` and, where the stemmer of `config` misses it, its other inflected form."""
    if config != "dutch":
        return [word]
    if _DUTCH_IE_PLURAL.search(word):
        return [word, word[:-1]]
    if len(word) > 3 and word.lower().endswith("ie"):
        return [word, word + "s"]
    return [word]


def tsquery(words, config, operator="and"):
    """A tsquery (in `config`) for `words`: each word in any of its forms, all of them
    (operator "and") or any (operator "or"); None when there are no words."""
    alternatives = [
        reduce(lambda a, b: a | b, [Lexeme(form) for form in word_forms(word, config)])
        for word in words
    ]
    if not alternatives:
        return None
    combine = (lambda a, b: a & b) if operator == "and" else (lambda a, b: a | b)
    return SearchQuery(reduce(combine, alternatives), search_type="raw", config=config)


class LocalisedIndex(PostgresIndex):
    def add_items(self, model, objs):
        # Upstream builds every object's vectors with its backend's `config`: index the objects
        # of one configuration at a time, each group with a backend set to it.
        groups = {}
        for obj, config in zip(objs, self._configs(objs), strict=True):
            groups.setdefault(config, []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)

    def _configs(self, objs):
        """Each object's configuration: its locale's language; the default language for
        objects without a locale (images, documents)."""
        locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
        languages = dict(
            Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")
            if locale_ids
            else []
        )
        return [
            text_search_config(
                languages.get(getattr(obj, "locale_id", None), settings.LANGUAGE_CODE)
            )
            for obj in objs
        ]


class LocalisedQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return text_search_config()

    def build_tsquery_content(self, query, config=None, invert=False):
        # Words as upstream reads them, each in any of its forms (word_forms).
        if isinstance(query, PlainText) and not invert:
            words = [word for word in re.split(r"[\s\-]+", query.query_string) if word]
            if words:
                return tsquery(words, config, query.operator)
        return super().build_tsquery_content(query, config=config, invert=invert)


# Index entries (both languages) above which a query counts as frequent (ranked_stages).
# Below some 3,000 the one ranked query is as fast or faster (bench/search.py, 10k pages): the
# stages have to read most matches anyway to find MAX_HITS of the visitor's language.
FREQUENT_MATCHES = 3000


class MatchEstimate(NamedTuple):
    entries: int  # index entries with the query's words, in their title or text
    titles: int  # those with them in their title


# Each process keeps the estimates for a while: they change only when PostgreSQL analyses the
# index again, and one results page may ask for several (the spelling check searches again).
ESTIMATE_SECONDS = 600
MAX_ESTIMATES = 10_000
_estimates = {}  # {(database, SQL, parameters): (expiry, MatchEstimate)}


def estimated_matches(search_query):
    """How many index entries PostgreSQL expects to match `search_query` (a MatchEstimate):
    its planner's estimates from the statistics of the title-body index (migration 0002) and of
    the titles, without reading any entry. Close for frequent words, which those statistics
    list; low for the others."""
    entries = IndexEntry.objects.all()
    connection = connections[entries.db]
    query = entries.query
    tsquery_sql, params = search_query.resolve_expression(query).as_sql(
        query.get_compiler(connection=connection), connection
    )
    key = (connection.settings_dict["NAME"], tsquery_sql, tuple(params))
    now = time.monotonic()
    expiry, estimate = _estimates.get(key, (0, None))
    if expiry > now:
        return estimate
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        # One plan for both counts; `(title || body)` is the very expression of the index.
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE (title || body) @@ {tsquery_sql} "
            f"UNION ALL SELECT 1 FROM {table} WHERE title @@ {tsquery_sql}",
            params + params,
        )
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    anywhere, in_title = plan[0]["Plan"]["Plans"]
    estimate = MatchEstimate(anywhere["Plan Rows"], in_title["Plan Rows"])
    if len(_estimates) >= MAX_ESTIMATES:
        _estimates.clear()
    _estimates[key] = (now + ESTIMATE_SECONDS, estimate)
    return estimate


class LocalisedSearchResults(PostgresSearchResults):
    def ranked_stages(self):
        """The ranked query (get_queryset) as querysets to read one after the other, each in
        its order, until enough hits are read.

        PostgreSQL has to rank every match before it returns the best, reading each match's
        whole text: for a word on half of the pages ("team"), tens of thousands of entries.
        For such a frequent query the pages holding it in their title come first, ranked, as
        the site puts them first anyway (search/ranking.py); the pages with the words in
        their text only follow, in the order they were indexed, and only as many are read as
        are wanted. Ranking those adds little: a word on thousands of pages tells them apart
        by how often each repeats it, and no visitor reads a thousand of them. When the word
        is in thousands of titles too, those are ranked by their title alone (the shorter,
        the closer to the word), without reading their text."""
        ranked = self.get_queryset()
        compiler = self.query_compiler
        if not (
            compiler.order_by_relevance
            and compiler.fields is None
            and isinstance(compiler.query, (PlainText, Phrase, And, Or, Boost))
        ):
            return [ranked]
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(compiler.query, config=config)
        estimate = estimated_matches(search_query)
        if estimate.entries <= FREQUENT_MATCHES:
            return [ranked]
        ranked = ranked.alias(_in_title_=SearchVectorExact(F("index_entries__title"), search_query))
        titled = ranked.filter(_in_title_=True)
        if estimate.titles > FREQUENT_MATCHES:
            title_rank = compiler.build_tsrank(
                F("index_entries__title"), compiler.query, config=config
            ) * F("index_entries__title_norm")
            titled = titled.order_by(title_rank.desc(), "-pk")
        return [titled, ranked.filter(_in_title_=False).order_by("index_entries__id")]


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalisedQueryCompiler
    index_class = LocalisedIndex
    results_class = LocalisedSearchResults

    def __init__(self, params):
        super().__init__(params)
        # Used only where no object or active language decides (upstream code paths).
        self.config = text_search_config(settings.LANGUAGE_CODE)

    def with_config(self, config):
        backend = copy.copy(self)
        backend.config = config
        return backend


SearchBackend = LocalisedPostgresSearchBackend
