import django_filters
from django.utils.translation import gettext_lazy as _

from themes.filters import ThemeFilterSet

from .choices import TrackForm


class LeertrajectFilterSet(ThemeFilterSet):
    """Track index filters: `?theme=<slug>&form=in_company|open|op_maat`."""

    form = django_filters.ChoiceFilter(
        label=_("Vorm"), choices=TrackForm.choices, empty_label=_("Alle vormen")
    )
