"""GET filters for index pages. Unknown or malformed values are dropped, never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.links import fallback_note, in_translations_of

from .models import ThemePage


class ThemeFilterSet(django_filters.FilterSet):
    """Filters pages on the `theme` GET parameter: the slug of a theme as the visitor sees it
    (in the visitor's language, or the marked fallback when it has no translation)."""

    theme = django_filters.ChoiceFilter(
        label=_("Thema"), empty_label=_("Alle thema's"), method="filter_theme"
    )

    def __init__(self, data=None, queryset=None, *, resolver, **kwargs):
        super().__init__(data=data, queryset=queryset, **kwargs)
        root = resolver.site_root()
        themes = ThemePage.objects.filter(in_translations_of(root)) if root else ThemePage.objects
        self.themes_by_slug = {}
        for theme in resolver.localize(themes.all()).order_by("title"):
            self.themes_by_slug.setdefault(theme.slug, theme)
        choices = [
            (slug, f"{theme.title} ({note})" if (note := fallback_note(theme)) else theme.title)
            for slug, theme in self.themes_by_slug.items()
        ]
        # Before the form exists: the filter's field is built from these on first use.
        self.filters["theme"].extra["choices"] = choices

    def filter_theme(self, queryset, name, slug):
        # Any language version of the theme: a link may point at the theme in another language.
        theme = self.themes_by_slug[slug]
        return queryset.filter(theme_links__theme__translation_key=theme.translation_key).distinct()

    @property
    def ignored_parameters(self):
        """Names of the filters whose value was not understood, so templates can say so."""
        if not self.is_bound:
            return []
        return sorted(self.form.errors)

    @property
    def active_filters(self):
        """The filters that were understood and narrow the list."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")
        }
