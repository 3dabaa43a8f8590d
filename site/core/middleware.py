"""Middleware of our own."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.shortcuts import render
from wagtail.models import Site

from . import page_cache
from .views import back_path


class OversizedFormPostMiddleware:
    """Answers a form post larger than DATA_UPLOAD_MAX_MEMORY_SIZE with a page that says so, in
    the visitor's language, before anything reads it (Django would answer a bare 400 as soon
    as the CSRF check reads the form). Only urlencoded posts: there the declared length is the
    form's size; a multipart post's also counts files, which the limit leaves out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and self._is_oversized_form(request):
            return render(request, "413.html", {"back_url": back_path(request)}, status=413)
        return self.get_response(request)

    @staticmethod
    def _is_oversized_form(request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or request.content_type != "application/x-www-form-urlencoded":
            return False
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > limit


class KeptSiteMiddleware:
    """Wagtail looks up the request's site, the active locale and the site's root page in it
    (three or four queries) on every request; kept, they cost two queries once.
    Site rows change rarely, and each change, as each publish, starts a new page cache
    generation: the site is kept under it (`page_cache.kept`), per host and port."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "needs_no_site", False):  # /healthz: one query, and no more
            return None
        try:
            key = f"site:{request.get_host()}:{request.get_port()}"
        except DisallowedHost:
            return None  # Django answers it with a 400
        request._wagtail_site = page_cache.kept(request, key, lambda: self.find_site(request))
        return None

    @staticmethod
    def find_site(request):
        site = Site.find_for_request(request)
        root_class = site.root_page.specific_class if site is not None else None
        if root_class is not None:
            # Wagtail routes every request from the root page in the active language
            # (`root_page.localized.specific`): kept too, in every language, read in one go.
            versions = root_class.objects.filter(
                translation_key=site.root_page.translation_key
            ).select_related("locale")
            versions = {version.pk: version for version in versions}
            root = versions.get(site.root_page_id) or site.root_page.specific
            root.localized_versions = {
                version.locale.language_code: version
                for version in versions.values()
                if version.live
            }
            site.root_page = root
        return site
