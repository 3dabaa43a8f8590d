"""GET filters for index pages. Unknown or malformed values are dropped, never a 500."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import ThemePage


class ThemeFilterSet(django_filters.FilterSet):
    """Filters pages on the `theme` GET parameter: the slug of a theme in the page's language."""

    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        to_field_name="slug",
        queryset=ThemePage.objects.none(),
        empty_label=_("Alle thema's"),
        method="filter_theme",
    )

    def __init__(self, data=None, queryset=None, *, locale, **kwargs):
        super().__init__(data=data, queryset=queryset, **kwargs)
        self.filters["theme"].queryset = (
            ThemePage.objects.live().public().filter(locale=locale).order_by("title")
        )
        self.form.fields["theme"].queryset = self.filters["theme"].queryset

    def filter_theme(self, queryset, name, theme):
        # On the translation key: a link may still point at the theme in another language.
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
