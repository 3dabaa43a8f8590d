"""Views of our own: in the admin, the page for a failed CSRF check, robots.txt and
/favicon.ico."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from wagtail.admin.views.chooser import BrowseView, page_models_from_string
from wagtail.models import Locale, Page

from .choosers import start_page


class LocalisedBrowseView(BrowseView):
    """Wagtail's page chooser, starting in the language asked for (see core/choosers.py)."""

    def get(self, request, parent_page_id=None):
        language_code = request.GET.get("locale")
        if parent_page_id is None and language_code:
            try:
                target_models = page_models_from_string(request.GET.get("page_type") or "")
            except (ValueError, LookupError):
                target_models = (Page,)  # Wagtail's own view answers 404 for these
            locale = get_object_or_404(Locale, language_code=language_code)
            parent_page_id = start_page(target_models, locale).pk
        return super().get(request, parent_page_id)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (open too long, cookies blocked): say so in the
    visitor's language and lead back to where it was sent from (CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", {"back_url": back_path(request)}, status=403)


def back_path(request):
    """The address `request` was sent to, as a link on this site: leading slashes and
    backslashes folded into one, so it can never read as another host ("//example.org")."""
    return "/" + request.get_full_path().lstrip("/\\")


def robots_txt(request):
    """What crawlers may read: everything but the admin (where previews of drafts live too)
    and the search results of every language, with the address of the sitemap."""
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search"))
    context = {
        "disallowed": [reverse("wagtailadmin_home"), *dict.fromkeys(search_paths)],
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page links: the icon
    under its hashed static name (cached long, as WhiteNoise serves it). A temporary redirect:
    the hashed name changes with the icon."""
    return redirect(static("img/favicon.ico"))
