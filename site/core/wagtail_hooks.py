from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FooterText, Method, Person
from .rich_text import VisitorPageLinkHandler


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "role", "locale"]
    search_fields = ["name", "role"]


class MethodViewSet(SnippetViewSet):
    model = Method
    icon = "cogs"
    menu_label = _("Werkvormen")
    list_display = ["name", "locale"]


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footerteksten")


class SiteContentViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, MethodViewSet, FooterTextViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Bouwstenen")
    menu_name = "bouwstenen"


register_snippet(SiteContentViewSetGroup)


@hooks.register("register_rich_text_features", order=1)
def resolve_page_links_in_rich_text(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(VisitorPageLinkHandler)
