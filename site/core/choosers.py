"""Page choosers that open in the language of the page being edited.

Wagtail's page chooser opens, when nothing is chosen yet, at the common ancestor of every page
of the wanted type: once the English tree exists that is the root, and editors have to find
the module index of their language themselves. Its modal already sends the edited page's
language (`?locale=`, from the admin's ACTIVE_CONTENT_LOCALE); Wagtail only uses it at the
root. `LocalisedBrowseView` (core/views.py) uses it to start at the wanted pages' parent in
that language. Snippet choosers need nothing: Wagtail's snippet chooser filters on that same
parameter.
"""

from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page


def start_page(target_models, locale):
    """Where a chooser for `target_models` starts in `locale`: the common parent of those
    pages in that language (the module index for modules), that language's home page when any
    page will do, the root when there are none of them in that language."""
    pages = Page.objects.filter(locale=locale, depth__gt=1)
    any_page = tuple(target_models) == (Page,)
    if not any_page:
        pages = pages.type(*target_models)
    return pages.first_common_ancestor(include_self=any_page)


class LocalisedPageChooser(AdminPageChooser):
    """Wagtail's page chooser, opening `LocalisedBrowseView` instead of Wagtail's own."""

    chooser_modal_url_name = "core_choose_page"


class LocalisedPageChooserBlock(blocks.PageChooserBlock):
    """Wagtail's page chooser block with `LocalisedPageChooser` as its widget."""

    @cached_property
    def widget(self):
        return LocalisedPageChooser(
            target_models=self.target_models, can_choose_root=self.can_choose_root
        )


# Only the admin widget differs, so migrations record Wagtail's own block.
DECONSTRUCT_ALIASES = {LocalisedPageChooserBlock: "wagtail.blocks.PageChooserBlock"}
