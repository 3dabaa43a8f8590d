"""Did-you-mean: a corrected query, built from the words a visitor of the language can find.

The vocabulary of a language is every word in the search index entries of the pages a visitor
of that language may find (live, public, not expired, the searchable types, that language): so a
suggestion rarely leads nowhere, and never shows a word that is only in a draft, private or
other-language page. Reading it takes one query, but at 50,000 pages some seconds: so no
visitor's request reads it (see "Keeping the vocabulary current" below).

Words are corrected one by one with difflib's similarity ratio (pure Python, so the same on
SQLite and PostgreSQL). A misspelling ("leiderschao") and, on SQLite, whose full-text index
does not stem, an inflected form ("ambtenaar" for "ambtenaren") both find their word. A
correction is only searched or offered when it finds visible pages itself: whatever the state
of the cached vocabulary, a word of a page a visitor may not see is never suggested.

Keeping the vocabulary current: it is cached per language and rebuilt by a background task
(`search.tasks.rebuild_search_vocabulary`), at most one queued per language at a time (a
"pending" cache key):
- a page published: words may be added. The cached vocabulary is still served until the task
  has rebuilt it; missing a new word for a while is harmless.
- a page unpublished or deleted, a view restriction added, changed or removed: words may have
  to go. The cached vocabulary is dropped at once (a new generation token, so that a rebuild
  already running, which read the old pages, is not taken either) and the task rebuilds it.
- older than REFRESH_AFTER (pages also expire with time): served while the task rebuilds it.
- not cached (after a deploy, a drop, or eviction): the search enqueues the rebuild and
  answers without did-you-mean this time. There is no "small site" exception: counting the
  pages would cost every such request a query, and only production defers tasks. With the
  ImmediateBackend (development, the demo, the tests) the enqueue builds the vocabulary at
  once (in the search itself, with its resolver), so there the first search has its
  did-you-mean as before.
Only the vocabularies of languages that are cached are rebuilt on a change: one nobody
searched since the last deploy waits for its first search.
"""

import difflib
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html
from django_tasks.backends.immediate import ImmediateBackend
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from core.links import LinkResolver

# After this long (seconds) a vocabulary is rebuilt in the background, still served meanwhile.
REFRESH_AFTER = 60 * 60
# How long a vocabulary is kept at all: one unused for a day may go.
VOCABULARY_TIMEOUT = 24 * 60 * 60
# How long a queued rebuild keeps others from being queued: a worker that is down or a task
# that failed must not stop the vocabulary from ever being rebuilt.
PENDING_TIMEOUT = 10 * 60
# How alike a word must be to a known word to be taken for it (difflib's ratio, 0 to 1).
SIMILARITY = 0.75
# Words shorter than this are neither corrected nor suggested: too many near neighbours.
MIN_LENGTH = 4
# With fewer hits than this, an unknown word in the query is worth a "Did you mean?".
FEW_HITS = 3

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Spelling:
    """A corrected query: either searched instead of the original (`replaced`), or offered."""

    original: str
    corrected: str
    replaced: bool
    corrected_url: str
    original_url: str

    @property
    def corrected_link(self):
        return format_html('<a href="{}">{}</a>', self.corrected_url, self.corrected)

    @property
    def original_link(self):
        return format_html('<a href="{}">{}</a>', self.original_url, self.original)


def check_spelling(request, query, hits, search, resolver, models):
    """(spelling, hits): what to tell the visitor about the spelling of `query` (a cleaned
    query text), and the hits to show.

    When `query` finds nothing, the hits are those of the corrected query (`search(text)`), or
    else of pages with alike forms of every word (`search(text, loose_query)`); with a few
    hits, the correction is offered as a link if it finds pages itself. `?exact=1` (the
    "search instead for" link) turns this off, and so does a vocabulary not built yet.
    """
    if request.GET.get("exact") or len(hits) >= FEW_HITS:
        return None, hits
    # Only a search with few hits needs the words (cached; read after a deploy or a change).
    known = vocabulary(resolver, models)
    if known is None:
        return None, hits  # being built in the background: no did-you-mean this time
    corrected = correct(query, known)
    replaced = False
    if not hits:
        if corrected is not None:
            hits = search(corrected)
        if not hits:
            # No page has every word as typed (or corrected): one with alike forms of each
            # will do ("learning tracks" finds "learning track"), as a stemmer would find it.
            loose = alike_forms_query(corrected or query, known)
            hits = search(corrected or query, loose) if loose is not None else []
        if not hits:
            return None, hits
        replaced = corrected is not None
    if corrected is None:
        return None, hits
    if not replaced and not search(corrected):
        # Offered only when it finds what a visitor may see, whatever the vocabulary holds.
        return None, hits
    spelling = Spelling(
        original=query,
        corrected=corrected,
        replaced=replaced,
        corrected_url=_search_url(request, corrected),
        original_url=_search_url(request, query, exact=True),
    )
    return spelling, hits


def _search_url(request, text, exact=False):
    params = request.GET.copy()
    params["q"] = text
    params.pop("page", None)
    params.pop("exact", None)
    if exact:
        params["exact"] = "1"
    return f"{request.path}?{params.urlencode()}"


def correct(query, known):
    """`query` with every word not in `known` ({word: count}) replaced by the most alike known
    word, or None when no word needs or finds a correction."""
    words = query.split()
    corrected = [_correct_word(word, known) for word in words]
    if all(new.lower() == old.lower() for new, old in zip(corrected, words, strict=True)):
        return None
    return " ".join(corrected)


def alike_forms_query(query, known):
    """A search query for pages with, for every word of `query`, that word or a known word
    alike to it (other inflections, mostly); None when no word has alike forms."""
    groups = []
    for word in query.split():
        lowered = word.lower()
        forms = [lowered, *(other for other in _alike(lowered, known) if other != lowered)]
        groups.append(Or([PlainText(form) for form in forms]) if len(forms) > 1 else None)
        if groups[-1] is None:
            groups[-1] = PlainText(word)
    if all(isinstance(group, PlainText) for group in groups):
        return None
    return And(groups) if len(groups) > 1 else groups[0]


def _alike(lowered, known, count=5):
    """Up to `count` known words alike to `lowered` (a lower-case word), most alike first."""
    if len(lowered) < MIN_LENGTH or not _WORD.fullmatch(lowered):
        return []
    # Alike words have alike lengths: compare with those only (fast with a large vocabulary).
    candidates = [
        other for other in known if abs(len(other) - len(lowered)) <= max(2, len(lowered) // 3)
    ]
    return difflib.get_close_matches(lowered, candidates, n=count, cutoff=SIMILARITY)


def _correct_word(word, known):
    lowered = word.lower()
    if lowered in known:
        return word
    matches = _alike(lowered, known)
    if not matches:
        return word
    # The most alike; of equally alike words, the most frequent, then the first alphabetically.
    return max(
        matches,
        key=lambda other: (
            round(difflib.SequenceMatcher(None, lowered, other).ratio(), 3),
            known[other],
            [-ord(c) for c in other],
        ),
    )


# ---------------------------------------------------------------------------------------------
# The vocabulary


def _cache_key(language_code):
    # "v2": the entry holds its generation and age; a bare {word: count} cached by the code
    # before may still be in a shared cache after a deploy.
    return f"search:vocabulary:v2:{language_code}"


def _generation_key(language_code):
    return f"search:vocabulary-generation:{language_code}"


def _pending_key(language_code):
    return f"search:vocabulary-pending:{language_code}"


def vocabulary(resolver, models):
    """{word: count} of the words (lower case) a visitor reading `resolver`'s language can find
    in pages of `models`, as cached; None while it is being built in the background."""
    code = resolver.language_code
    known = _cached_vocabulary(code, models)
    if known is None:
        if _tasks_run_immediately():
            # What the queued task would do now, with the resolver that has read the pages.
            return rebuild_vocabulary(code, models, resolver)
        _schedule_rebuild(code, models)
    return known


def _tasks_run_immediately():
    from search.tasks import rebuild_search_vocabulary  # the tasks module imports this one

    return isinstance(rebuild_search_vocabulary.get_backend(), ImmediateBackend)


def _cached_vocabulary(code, models, refresh=True):
    """The cached words of language `code`, if of the current generation (None otherwise);
    when `refresh`, a rebuild is queued for one older than REFRESH_AFTER."""
    found = cache.get_many([_cache_key(code), _generation_key(code)])
    entry = found.get(_cache_key(code))
    if entry is None or entry["generation"] != found.get(_generation_key(code), ""):
        return None
    if refresh and time.time() - entry["built_at"] > REFRESH_AFTER:
        _schedule_rebuild(code, models)
    return entry["words"]


def _schedule_rebuild(code, models):
    """Queue a rebuild of language `code`'s vocabulary, unless one is queued already."""
    from search.tasks import rebuild_search_vocabulary  # the tasks module imports this one

    if cache.add(_pending_key(code), True, PENDING_TIMEOUT):
        rebuild_search_vocabulary.enqueue(code, [model._meta.label for model in models])


def rebuild_vocabulary(code, models, resolver=None):
    """Read, cache and return the vocabulary of language `code` (the background task's work);
    `resolver`, a visitor's of that language, saves reading what it has read already."""
    # From now on a change queues another rebuild: this one may read the pages before it.
    cache.delete(_pending_key(code))
    generation = cache.get(_generation_key(code), "")
    words = _read_vocabulary(resolver or LinkResolver(None, code), models)
    entry = {"generation": generation, "built_at": time.time(), "words": words}
    cache.set(_cache_key(code), entry, VOCABULARY_TIMEOUT)
    return words


def _read_vocabulary(resolver, models):
    pages = (
        Page.objects.filter(resolver.visible_q(), locale=resolver.locale)
        .type(*models)
        .annotate(object_key=Cast("pk", CharField()))
        .values("object_key")
    )
    content_types = ContentType.objects.get_for_models(*models).values()
    index_entry = _index_entry_model()
    # The entries' plain text: PostgreSQL keeps it beside its search vectors.
    fields = (
        ["title_text", "body_text"] if _has_field(index_entry, "title_text") else ["title", "body"]
    )
    entries = index_entry.objects.filter(
        content_type__in=[content_type.pk for content_type in content_types],
        object_id__in=pages,
    ).values_list(*fields)
    counts = Counter()
    for texts in entries:
        for text in texts:
            counts.update(word for word in _WORD.findall((text or "").lower()))
    return {word: count for word, count in counts.items() if len(word) >= MIN_LENGTH}


def _index_entry_model():
    # The search app's model (wagtail.search's, with the database backend): looked up when
    # needed, as its module may only be imported once the apps are loaded.
    return get_app_config().get_model("IndexEntry")


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def _searchable_models():
    from search.views import SEARCHABLE_MODELS  # the views import this module

    return SEARCHABLE_MODELS


def _cached_languages():
    codes = [code for code, _name in settings.LANGUAGES]
    cached = cache.get_many([_cache_key(code) for code in codes])
    return [code for code in codes if _cache_key(code) in cached]


def words_may_appear(**kwargs):
    """A page was published: rebuild the cached vocabularies in the background, serving them
    as they are meanwhile."""
    for code in _cached_languages():
        _schedule_rebuild(code, _searchable_models())


def words_may_disappear(**kwargs):
    """A page was unpublished, deleted or made private: stop serving the cached vocabularies
    at once, and rebuild them in the background."""
    codes = _cached_languages()
    _drop_vocabularies()
    for code in codes:
        # A rebuild queued but not started reads the pages as they are now: one is enough.
        _schedule_rebuild(code, _searchable_models())


def forget_vocabularies():
    """Drop the cached vocabularies and any mark of a queued rebuild, as if never built."""
    _drop_vocabularies()
    cache.delete_many([_pending_key(code) for code, _name in settings.LANGUAGES])


def _drop_vocabularies():
    codes = [code for code, _name in settings.LANGUAGES]
    # A new generation: a rebuild running now, reading the pages as they were, is not served.
    cache.set_many({_generation_key(code): uuid.uuid4().hex for code in codes}, timeout=None)
    cache.delete_many([_cache_key(code) for code in codes])


def connect_signals():
    page_published.connect(words_may_appear, dispatch_uid="search-vocabulary-published")
    page_unpublished.connect(words_may_disappear, dispatch_uid="search-vocabulary-unpublished")
    post_delete.connect(words_may_disappear, sender=Page, dispatch_uid="search-vocabulary-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            words_may_disappear,
            sender=PageViewRestriction,
            dispatch_uid=f"search-vocabulary-restriction-{signal is post_save}",
        )
