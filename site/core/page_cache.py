"""The anonymous page cache: whole pages for visitors without a session, kept in Django's cache.

- **What is cached**: a GET of a Wagtail page whose type allows it (`BasePage.cache_page`), by a
  visitor with no session or messages cookie, without a query string, answered 200 without
  setting a cookie, queueing a message or varying by anything but language and cookies. It gets
  `Cache-Control: public` (`PAGE_CACHE_MAX_AGE`, `s-maxage` `PAGE_CACHE_SHARED_MAX_AGE`) and an
  `ETag`; `If-None-Match` gets a 304. Everything else passing through gets
  `Cache-Control: private, no-cache` unless it set its own, so no shared cache keeps it.
- **Never**: logged-in editors and anyone with a session (passed page passwords live there),
  previews, page types with a form (`cache_page = False`), view-restricted pages (their
  password form or login redirect is answered before the page is served, so never marked),
  Django views such as the search, POSTs, errors and redirects.
- **Invalidation**: entries are stored under a generation; any change a page may show
  (a page published, unpublished, moved, deleted or saved live, a snippet, setting, image,
  document, view restriction, site or locale saved or deleted) starts a new generation, so every
  page of both languages is rendered afresh: a track's new title appears on its theme page and
  the home page at once. Entries also expire after `PAGE_CACHE_TIMEOUT`, which bounds what
  changes with time alone (a track's next start date, a page's expiry). What every page shows
  alike (menu, footer, contact link: `LinkResolver.remember_for_site`) lives under the same
  generation, also with the page cache off, and so are a page's rendered head and content
  (`kept_rendering`, `{% keep_rendered %}`), for every visitor of a page type the cache may store.
- **Failing soft**: a cache that raises is logged and treated as a miss: the page is rendered.
- **CDN**: when a frontend cache is configured (`WAGTAILFRONTENDCACHE`), the same changes purge
  every live public page's URL in both languages (`wagtail.contrib.frontend_cache`), once per
  transaction, after it commits.

The middleware sits after every other middleware that handles responses (security headers,
CSP, language), so they still handle a cached response on its way out; only the site lookup
(`core.middleware.KeptSiteMiddleware`), which cached pages do not need, comes after it.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHE_STATUS_HEADER = "X-Page-Cache"
# Vary values a stored page may carry: the URL decides the language, and every visitor with a
# cookie that matters (session, messages) bypasses the cache.
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)


def shared_cache():
    """The cache pages and what every page shows alike (`LinkResolver.remember_for_site`) are
    kept in."""
    return caches[settings.PAGE_CACHE_ALIAS]


# ---------------------------------------------------------------------------------------------
# Generations


def current_generation():
    """The generation entries are stored under now; a fresh one when none is known."""
    cache = shared_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex[:12], timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def request_generation(request):
    """The generation, read once per request."""
    if not hasattr(request, "_page_cache_generation"):
        request._page_cache_generation = current_generation()
    return request._page_cache_generation


def kept(request, key, compute):
    """`compute()`, kept in the cache under the current generation for later requests: for what
    stays the same until the content changes (the request's site, what every page shows
    alike: `LinkResolver.remember_for_site`). Worked out afresh in a preview, and when the
    cache fails. `compute` must return what pickles."""
    if (
        request is None
        or getattr(request, "is_preview", False)
        or getattr(request, "is_dummy", False)
    ):
        return compute()
    cache = shared_cache()
    try:
        cache_key = f"kept:{request_generation(request)}:{key}"
        stored = cache.get(cache_key)
    except Exception:
        logger.warning("Cache unavailable, %s worked out afresh", key, exc_info=True)
        return compute()
    if stored is not None:
        return stored[0]
    value = compute()
    try:
        cache.set(cache_key, (value,), timeout=settings.PAGE_CACHE_TIMEOUT)
    except Exception:
        logger.warning("Cache unavailable, %s not kept", key, exc_info=True)
    return value


def clear():
    """Start a new generation: every cached page is rendered afresh on its next request."""
    try:
        shared_cache().set(GENERATION_KEY, uuid.uuid4().hex[:12], timeout=None)
    except Exception:
        # Entries left in a cache that comes back expire after PAGE_CACHE_TIMEOUT.
        logger.exception("Page cache: could not start a new generation")


def invalidate():
    """Something pages show has changed: drop the page cache now and again when the transaction
    commits (a page rendered meanwhile from the old data is stored under the old generation),
    and purge the frontend cache after the commit."""
    # Also with the page cache off: what every page shows alike is kept under the generation
    # too (`LinkResolver.remember_for_site`).
    clear()
    _once_on_commit(clear)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        _once_on_commit(purge_frontend_cache)


def _once_on_commit(func):
    """`transaction.on_commit(func)`, unless already queued in this transaction: a publish
    sends several signals. (Django keeps the queue on the connection as (savepoints, func,
    robust) tuples, and drops it on rollback.)"""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(f is func for _, f, _ in connection.run_on_commit):
        return
    transaction.on_commit(func)


def _url_hash(request):
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    return hashlib.sha256(url.encode()).hexdigest()[:32]


def _entry_key(request, generation):
    return f"pagecache:{generation}:{_url_hash(request)}"


def lazily(compute):
    """`compute()`, worked out when a template first uses it: for what a page's `get_context`
    hands only to its kept parts (`kept_rendering`), so that a kept part costs no query and no
    unpickling."""
    return SimpleLazyObject(compute)


def kept_rendering(request, page, template_name, part, render):
    """The HTML `render()` gives for `part` of `page` at this URL (its content, its head) in
    `template_name`, rendered once per generation for every visitor, with or without a session:
    the pages the page cache may store show everyone the same content. Rendered afresh for page
    types with a form (`cache_page = False`), with a query string (filters, pagination), in
    previews, and for a page under a view restriction: its password form has a CSRF token, and
    its content is kept nowhere a visitor without access could be answered from. (The template
    is in the key all the same: the password form is rendered for the page's URL.)"""
    # Deferred: the link resolver imports this module.
    from core.links import LinkResolver

    if not (
        getattr(page, "cache_page", False)
        and request is not None
        and _is_plain_get(request)
        and not LinkResolver.for_request(request).may_be_restricted(page)
    ):
        return render()
    key = f"rendered:{template_name}:{part}:{get_language()}:{_url_hash(request)}"
    return kept(request, key, render)


# ---------------------------------------------------------------------------------------------
# Serving


def mark_cacheable(serve_page):
    """`on_serve_page` hook: marks the response of a page whose type allows caching. Wagtail
    runs it only once the page is really served, after its view restrictions were checked."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        response.page_cache_allowed = getattr(page, "cache_page", False)
        return response

    return serve


def _is_plain_get(request):
    """A GET or HEAD without a query string: the same answer for everyone asking for the URL."""
    return request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING")


def _may_use_cache(request):
    return (
        _is_plain_get(request)
        and not any(name in request.COOKIES for name in BYPASS_COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
        and not getattr(request, "is_dummy", False)  # Wagtail's preview request
    )


def _is_storable(request, response):
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    messages = getattr(request, "_messages", None)
    session = getattr(request, "session", None)
    return (
        getattr(response, "page_cache_allowed", False)
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and vary <= HARMLESS_VARY
        # Set by the outer middleware on the way out, so checked on the request here.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (messages is not None and len(messages))
    )


def _public_headers(response, etag):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE,
    )


class PageCacheMiddleware:
    """Serves and stores whole pages for anonymous visitors (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        if not _may_use_cache(request):
            return self._uncached(request)

        try:
            key = _entry_key(request, request_generation(request))
            entry = shared_cache().get(key)
        except Exception:
            logger.warning("Page cache unavailable, serving uncached", exc_info=True)
            return self._uncached(request)
        if entry is not None:
            return self._from_entry(request, entry)

        response = self.get_response(request)
        if not _is_storable(request, response):
            return self._private(response)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        _public_headers(response, etag)
        headers = [(name, value) for name, value in response.items()]
        try:
            shared_cache().set(
                key,
                {"content": response.content, "headers": headers},
                timeout=settings.PAGE_CACHE_TIMEOUT,
            )
        except Exception:
            logger.warning("Page cache unavailable, page not stored", exc_info=True)
        response[CACHE_STATUS_HEADER] = "miss"
        return get_conditional_response(request, etag=etag, response=response) or response

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "hit"
        return get_conditional_response(request, etag=response["ETag"], response=response) or (
            response
        )

    def _uncached(self, request):
        return self._private(self.get_response(request))

    @staticmethod
    def _private(response):
        # What this cache does not keep, no shared cache (a CDN) may keep either.
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


# ---------------------------------------------------------------------------------------------
# Invalidation


def _watched_models():
    """Models whose rows pages show besides pages themselves: snippets, settings, images,
    documents, and what decides who sees a page (view restrictions, sites, locales)."""
    from django.apps import apps
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, PageViewRestriction, Site

    from .models import TranslatableSnippet

    shown = (
        TranslatableSnippet,
        BaseSiteSetting,
        BaseGenericSetting,
        AbstractImage,
        AbstractDocument,
        PageViewRestriction,
        Site,
        Locale,
    )
    return [
        model
        for model in apps.get_models()
        if issubclass(model, shown) and not model._meta.abstract
    ]


def _page_models():
    from django.apps import apps
    from wagtail.models import Page

    return [model for model in apps.get_models() if issubclass(model, Page)]


def _changed(sender, created=False, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    # A page's first render creates the settings with their defaults, as already shown.
    if created and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return
    invalidate()


def _page_saved(sender, instance, **kwargs):
    # Pages published outside the editor's workflow (imports, commands, the demo loader) send
    # no `page_published`: a live page saved may be new or changed in what visitors see. A
    # draft saved for a live page starts a new generation too, which costs a re-render only.
    if instance.live:
        clear()
        _once_on_commit(clear)


def connect():
    """Connects the invalidation to every change a page may show (called from CoreConfig)."""
    # Pages: only what changes the live site; saving a draft does not.
    for signal in (page_published, page_unpublished):
        signal.connect(_changed, dispatch_uid=f"page_cache_{id(signal)}")
    post_page_move.connect(_changed, dispatch_uid="page_cache_move")
    # Deletes with explicit senders: a receiver for every model would stop Django's fast
    # (single-query) deletes everywhere.
    for model in _page_models() + _watched_models():
        post_delete.connect(_changed, sender=model, dispatch_uid=f"page_cache_delete_{model}")
    for model in _watched_models():
        post_save.connect(_changed, sender=model, dispatch_uid=f"page_cache_save_{model}")
    for model in _page_models():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"page_cache_page_{model}")


# ---------------------------------------------------------------------------------------------
# Frontend cache (CDN)


def purge_frontend_cache():
    """Purges every live public page's URL, both languages: what changed may be listed on any
    page (home, themes, index pages, menus, footers)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().exclude(depth=1).specific(defer=True))
    batch.purge()
