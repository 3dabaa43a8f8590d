from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FooterText, Method, Person


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
