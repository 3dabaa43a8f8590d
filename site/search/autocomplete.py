"""Suggestions while a visitor types in a search box: /zoeken/suggesties/ and its English twin.

JSON for static/js/search_combobox.js: up to MAX_SUGGESTIONS pages whose title starts with the
typed words (the search backend's autocomplete on `Page.title`), of the searchable types, in
the visitor's language, visible to the visitor (the link resolver's rule, as on the results
page). Whatever is typed is cleaned by `clean_query`: bad input gets an empty list, never an
error. A handful of queries however many pages match.
"""

from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.links import LinkResolver
from search.backends import get_search_backend
from search.query import clean_query
from search.views import SEARCHABLE_MODELS

MAX_SUGGESTIONS = 8
# Titles considered before visibility is applied: expired and private pages are rare, so this
# leaves room for them without ranking the whole site.
MAX_CANDIDATES = 40
# Suggestions change when editors publish: a browser may reuse them briefly, shared caches never
# (the request's language and the visitor's session are not in the URL alone).
MAX_AGE = 60


@require_GET
def autocomplete(request):
    query = clean_query(request.GET.get("q", ""))
    suggestions = _suggestions(request, query.text) if query.text else []
    response = JsonResponse({"query": query.text, "suggestions": suggestions})
    patch_cache_control(response, private=True, max_age=MAX_AGE)
    patch_vary_headers(response, ["Accept-Language"])
    response["X-Robots-Tag"] = "noindex"
    return response


def _suggestions(request, text):
    """[{title, type, url}] of the best visible pages whose title starts with `text`."""
    resolver = LinkResolver.for_request(request)
    candidates = Page.objects.live().type(*SEARCHABLE_MODELS).filter(locale=resolver.locale)
    found = get_search_backend().autocomplete(text, candidates)[:MAX_CANDIDATES]
    ranked = [page.pk for page in found]
    visible = Page.objects.filter(resolver.visible_q(), pk__in=ranked).in_bulk()
    pages = [visible[pk] for pk in ranked if pk in visible][:MAX_SUGGESTIONS]
    suggestions = []
    for page in pages:
        url = page.get_url(request)
        if url:  # None for a page outside every site
            suggestions.append(
                {
                    "title": page.title,
                    # Asked of the page type (no query: the type's fields are not loaded).
                    "type": str(page.specific_deferred.card_label),
                    "url": url,
                }
            )
    return suggestions
