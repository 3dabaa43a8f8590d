"""The site search, at /zoeken/ and /en/search/: live, public pages of the visitor's language.

Visibility is the link resolver's rule (core/links.py). The search index can only filter on
indexed filter fields, which cannot express expiry or view restrictions: on the database
backends the rule is added to the backend's ranked query (a queryset of pages) before its best
hits are taken; Elasticsearch's hits are filtered afterwards. A results page costs the same
number of queries however many hits there are.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from articles.models import ArticlePage
from cases.models import CaseStudyPage
from core.links import LinkResolver
from search.backends import get_search_backend
from search.facets import ThemeFacets
from search.promotions import promotions_for, without_promoted
from search.query import MAX_WORDS, clean_query
from search.query_log import record_search
from search.ranking import titles_first
from search.snippets import excerpt_annotations, highlighted_excerpts
from search.suggestions import check_spelling
from themes.models import ThemePage
from trajecten.models import LeertrajectPage, ModulePage

# What visitors can search, in the order of the type facet.
SEARCHABLE_MODELS = [LeertrajectPage, ModulePage, ThemePage, CaseStudyPage, ArticlePage]
TYPE_KEYS = {model._meta.model_name: model for model in SEARCHABLE_MODELS}
RESULTS_PER_PAGE = 10
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
    excerpt: str  # safe HTML, the matched words in <mark> (search/snippets.py, Elasticsearch)
    themes: list = field(default_factory=list)  # resolved ThemePages


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

    snippets = {}  # highlighted by the search engine, when it does (Elasticsearch)
    hits = _visible_hits(resolver, query.text, snippets=snippets) if query.text else []
    spelling = None
    if query.text:
        spelling, hits = check_spelling(
            request,
            query.text,
            hits,
            lambda text, loose=None: _visible_hits(resolver, text, loose=loose, snippets=snippets),
            resolver,
            SEARCHABLE_MODELS,
        )
    if query.text and not hits and len(query.words) > 1:
        # No page holds all the words, spelled as typed or corrected: those with some of them.
        hits = _visible_hits(resolver, query.text, operator="or", snippets=snippets)
        if hits:
            messages.append(
                _("Geen pagina bevat al deze woorden; dit zijn pagina's met een deel ervan.")
            )
    themes = ThemeFacets(resolver, request.GET.getlist("theme"), hits, SEARCHABLE_MODELS)
    messages.extend(themes.messages)
    counts = {}
    for _pk, content_type_id in themes.filter(hits):
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
    theme_facets = themes.facets(hits)
    hits = themes.filter(hits)
    # Promoted results head the unfiltered list (search/promotions.py), never twice.
    promotions = (
        promotions_for(resolver, request.GET.get("q"), query)
        if not (active_type or themes.active)
        else []
    )
    hits = without_promoted(hits, promotions)

    page_obj = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    words = spelling.corrected.split() if spelling and spelling.replaced else query.words
    results = _results(list(page_obj.object_list), words, snippets, themes.of)
    if query.text and not (active_type or themes.active) and "page" not in request.GET:
        # A new search: its first, unfiltered page; paging and facets are not counted again.
        record_search(resolver.language_code, query, found=bool(hits or promotions))
    return render(
        request,
        "search/search_page.html",
        {
            "search_query": spelling.corrected if spelling and spelling.replaced else query.text,
            "spelling": spelling,
            "messages_for_visitor": messages,
            "results": results,
            "page_obj": page_obj,
            "hit_count": len(hits) + len(promotions),
            "promotions": promotions if page_obj.number == 1 else [],
            "type_facets": facets,
            "active_type": active_type,
            "language_urls": _language_urls(request),
            "theme_facets": theme_facets,
            "active_theme": themes.active_key,
            "suggested_themes": themes.themes,
        },
    )


def _language_urls(request):
    """The search page in every site language, with the same query string: what the language
    switcher offers here (the search is not a page with translations)."""
    query_string = f"?{request.GET.urlencode()}" if request.GET else ""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("search") + query_string
    return urls


def _content_type_id(model):
    # Cached by Django after the first lookup: no query per request.
    return ContentType.objects.get_for_model(model).pk


def _visible_hits(resolver, text, operator=None, loose=None, snippets=None):
    """[(page id, content type id)] of the pages matching `text` (all its words, or any with
    `operator="or"`, or the search query `loose` made from it), best first: searchable types,
    the visitor's language, visible to the visitor. Highlighted snippets, when the backend
    makes them (Elasticsearch, search/backends/), are added to `snippets` ({page id: html})."""
    candidates = Page.objects.live().type(*SEARCHABLE_MODELS).filter(locale=resolver.locale)
    results = get_search_backend().search(loose or text, candidates, operator=operator)
    if hasattr(results, "get_queryset"):
        # The database backends: their ranked query, unsliced, is a queryset of pages, so the
        # visibility rule joins it (no list of ids) and only ids, types and titles of the best
        # MAX_HITS are read. PostgreSQL's may come in stages (ranked_stages, for a frequent
        # word), read in turn until there are enough.
        stages = (
            results.ranked_stages()
            if hasattr(results, "ranked_stages")
            else [results.get_queryset()]
        )
        found = []
        for ranked in stages:
            if len(found) < MAX_HITS:
                found += ranked.filter(resolver.visible_q()).values_list(
                    "pk", "content_type", "title"
                )[: MAX_HITS - len(found)]
        types = {pk: content_type for pk, content_type, _title in found}
    else:  # Elasticsearch: its pages, with their highlighted snippets
        pages = list(results[:MAX_HITS])
        visible = dict(
            Page.objects.filter(
                resolver.visible_q(), pk__in=[page.pk for page in pages]
            ).values_list("pk", "content_type")
        )
        found = [(page.pk, visible[page.pk], page.title) for page in pages if page.pk in visible]
        types = visible
        if snippets is not None:
            snippets.update(
                (page.pk, page.search_highlight)
                for page in pages
                if getattr(page, "search_highlight", "")
            )
    titles = {pk: title for pk, _type, title in found}
    return [(pk, types[pk]) for pk in titles_first(list(titles), titles, text)]


def _results(hits, words, snippets, themes_of):
    """The results for `hits` ([(page id, content type id)]), in their order, as specific
    pages: one query whatever their types, each type's table joined on its page. `themes_of`
    gives a hit's themes by page id."""
    annotations = excerpt_annotations(words)
    pages = (
        Page.objects.filter(pk__in=[pk for pk, _type in hits])
        .select_related(*TYPE_KEYS)
        .annotate(**annotations)
    )
    specific = {}
    for page in pages:
        for name in TYPE_KEYS:
            if hasattr(page, name):  # the type's row, joined above: no query
                specific[page.pk] = getattr(page, name)
                for attribute in annotations:
                    setattr(specific[page.pk], attribute, getattr(page, attribute))
    excerpts = highlighted_excerpts(list(specific.values()), words)
    results = []
    for pk, _type in hits:
        page = specific.get(pk)
        if page is not None:
            page.fallback_language = ""  # always the visitor's own language
            excerpt = snippets.get(pk) or excerpts[pk]
            results.append(Result(page=page, excerpt=excerpt, themes=themes_of(pk)))
    return results
