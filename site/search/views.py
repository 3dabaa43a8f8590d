"""The site search, at /zoeken/ and /en/search/: live, public pages of the visitor's language.

Visibility is the link resolver's rule (core/links.py), applied to the hits: the search index
can only filter on indexed filter fields, which cannot express expiry or view restrictions.
A results page costs the same number of queries however many hits there are.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from articles.models import ArticlePage
from cases.models import CaseStudyPage
from core.links import LinkResolver
from search.backends import get_search_backend
from search.query import MAX_WORDS, clean_query
from themes.models import ThemePage
from trajecten.models import LeertrajectPage, ModulePage

# What visitors can search, in the order of the type facet.
SEARCHABLE_MODELS = [LeertrajectPage, ModulePage, ThemePage, CaseStudyPage, ArticlePage]
TYPE_KEYS = {model._meta.model_name: model for model in SEARCHABLE_MODELS}
RESULTS_PER_PAGE = 10
EXCERPT_WORDS = 35
# The best hits considered (and counted): enough for any visitor, and their ids stay within
# what one `IN (...)` may hold on SQLite.
MAX_HITS = 1000


@dataclass(frozen=True)
class TypeFacet:
    key: str  # the value of ?type=
    label: str
    count: int
    is_active: bool


@dataclass(frozen=True)
class Result:
    page: Page  # specific, resolved (carries `fallback_language`)
    excerpt: str  # plain text, or safe HTML with the matched words in <mark> (Elasticsearch)


def search(request):
    resolver = LinkResolver.for_request(request)
    query = clean_query(request.GET.get("q", ""))
    messages = []
    if query.was_truncated:
        messages.append(
            _("Uw zoekvraag was erg lang: er is gezocht op de eerste %(count)s woorden.")
            % {"count": MAX_WORDS}
        )
    requested_types = request.GET.getlist("type")
    active_type = next((key for key in requested_types if key in TYPE_KEYS), "")
    if len(requested_types) > 1 or (requested_types and not active_type):
        messages.append(
            _("Er kan op één soort pagina tegelijk worden gefilterd; de rest is genegeerd.")
            if active_type
            else _("Dit soort pagina kennen we niet; er is in alle soorten gezocht.")
        )

    hits, snippets = _visible_hits(resolver, query.text) if query.text else ([], {})
    counts = {}
    for _pk, content_type_id in hits:
        counts[content_type_id] = counts.get(content_type_id, 0) + 1
    type_ids = {model: _content_type_id(model) for model in SEARCHABLE_MODELS}
    facets = [
        TypeFacet(
            key=model._meta.model_name,
            label=model._meta.verbose_name_plural,
            count=counts.get(type_ids[model], 0),
            is_active=model._meta.model_name == active_type,
        )
        for model in SEARCHABLE_MODELS
        if counts.get(type_ids[model])
    ]
    if active_type:
        hits = [hit for hit in hits if hit[1] == type_ids[TYPE_KEYS[active_type]]]

    page_obj = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results = _results(list(page_obj.object_list), query.words, snippets)
    return render(
        request,
        "search/search_page.html",
        {
            "search_query": query.text,
            "messages_for_visitor": messages,
            "results": results,
            "page_obj": page_obj,
            "hit_count": len(hits),
            "type_facets": facets,
            "active_type": active_type,
        },
    )


def _content_type_id(model):
    # Cached by Django after the first lookup: no query per request.
    return ContentType.objects.get_for_model(model).pk


def _visible_hits(resolver, text):
    """[(page id, content type id)] of the pages matching `text`, best first: searchable
    types, the visitor's language, visible to the visitor; and {page id: highlighted snippet}
    when the backend makes them (Elasticsearch, search/backends/)."""
    candidates = Page.objects.live().type(*SEARCHABLE_MODELS).filter(locale=resolver.locale)
    found = get_search_backend().search(text, candidates)[:MAX_HITS]
    ranked = [page.pk for page in found]
    snippets = {
        page.pk: page.search_highlight for page in found if getattr(page, "search_highlight", "")
    }
    visible = dict(
        Page.objects.filter(resolver.visible_q(), pk__in=ranked).values_list("pk", "content_type")
    )
    return [(pk, visible[pk]) for pk in ranked if pk in visible], snippets


def _results(hits, words, snippets):
    """The results for `hits` ([(page id, content type id)]), in their order, as specific
    pages: one query whatever their types, each type's table joined on its page."""
    pages = Page.objects.filter(pk__in=[pk for pk, _type in hits]).select_related(*TYPE_KEYS)
    specific = {}
    for page in pages:
        for name in TYPE_KEYS:
            if hasattr(page, name):  # the type's row, joined above: no query
                specific[page.pk] = getattr(page, name)
    results = []
    for pk, _type in hits:
        page = specific.get(pk)
        if page is not None:
            page.fallback_language = ""  # always the visitor's own language
            snippet = snippets.get(pk) or excerpt(page.card_summary or "", words)
            results.append(Result(page=page, excerpt=snippet))
    return results


def excerpt(text, words):
    """About EXCERPT_WORDS words of `text`, from a little before the first query word found."""
    tokens = text.split()
    lowered = [token.lower() for token in tokens]
    wanted = {word.lower() for word in words}
    start = next((i for i, token in enumerate(lowered) if any(word in token for word in wanted)), 0)
    start = max(0, start - 5)
    shown = " ".join(tokens[start:])
    prefix = "… " if start else ""
    return prefix + Truncator(shown).words(EXCERPT_WORDS, truncate=" …")
