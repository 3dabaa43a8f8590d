from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import LocalisedPageChooser
from .models import FooterText, Method, Person
from .rich_text import VisitorPageLinkHandler
from .views import LocalisedBrowseView


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "role", LocaleColumn(label=_("Taal"))]
    search_fields = ["name", "role"]


class MethodViewSet(SnippetViewSet):
    model = Method
    icon = "cogs"
    menu_label = _("Werkvormen")
    list_display = ["name", LocaleColumn(label=_("Taal"))]


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


# Every page chooser on a key to a page opens in the edited page's language (core/choosers.py).
# Registered for Page, more specific than Wagtail's own registration for AbstractPage.
register_form_field_override(
    models.ForeignKey,
    to=Page,
    override=lambda db_field: {
        "widget": LocalisedPageChooser(target_models=[db_field.remote_field.model])
    },
)


@hooks.register("register_admin_urls")
def localised_page_chooser_urls():
    view = LocalisedBrowseView.as_view()
    return [
        path("choose-page-in-language/", view, name="core_choose_page"),
        path("choose-page-in-language/<int:parent_page_id>/", view, name="core_choose_page_child"),
    ]
