"""Did-you-mean: a corrected query, built from the words a visitor of the language can find.

The vocabulary of a language is every word in the search index entries of the pages a visitor
of that language may find (live, public, not expired, the searchable types, that language): so a
suggestion always finds something on its own, and never shows a word that is only in a draft,
private or other-language page. It is read in one query and cached per language until a page is
published, unpublished, deleted or made private (or, at the latest, after VOCABULARY_TIMEOUT:
pages also expire with time).

Words are corrected one by one with difflib's similarity ratio (pure Python, so the same on
SQLite and PostgreSQL). A misspelling ("leiderschao") and, on SQLite, whose full-text index
does not stem, an inflected form ("ambtenaar" for "ambtenaren") both find their word.
"""

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils.html import format_html
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, PlainText
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

VOCABULARY_TIMEOUT = 60 * 60
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
    hits, the correction is offered as a link. `?exact=1` (the "search instead for" link)
    turns this off.
    """
    if request.GET.get("exact") or len(hits) >= FEW_HITS:
        return None, hits
    # Only a search with few hits needs the words (cached; read after a deploy or a change).
    known = vocabulary(resolver, models)
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
    return f"search:vocabulary:{language_code}"


def vocabulary(resolver, models):
    """{word: count} of the words (lower case) a visitor reading `resolver`'s language can find
    in pages of `models`; cached per language."""
    key = _cache_key(resolver.language_code)
    known = cache.get(key)
    if known is None:
        known = _read_vocabulary(resolver, models)
        cache.set(key, known, VOCABULARY_TIMEOUT)
    return known


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


def forget_vocabularies(**kwargs):
    """What a visitor can find has changed: read the vocabularies again when next needed."""
    cache.delete_many([_cache_key(code) for code, _name in settings.LANGUAGES])


def connect_signals():
    page_published.connect(forget_vocabularies, dispatch_uid="search-vocabulary-published")
    page_unpublished.connect(forget_vocabularies, dispatch_uid="search-vocabulary-unpublished")
    post_delete.connect(forget_vocabularies, sender=Page, dispatch_uid="search-vocabulary-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_vocabularies,
            sender=PageViewRestriction,
            dispatch_uid=f"search-vocabulary-restriction-{signal is post_save}",
        )
