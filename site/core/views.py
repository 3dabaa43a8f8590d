"""Admin views of our own."""

from django.shortcuts import get_object_or_404
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
