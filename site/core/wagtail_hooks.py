from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import page_cache
from .choosers import LocalisedPageChooser
from .models import FooterText, Method, Person
from .references import display_title, find_uses
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


# Pages whose type allows it are kept in the anonymous page cache (core/page_cache.py).
hooks.register("on_serve_page", page_cache.mark_cacheable)


@hooks.register("register_rich_text_features", order=1)
def resolve_page_links_in_rich_text(features):
    # After Wagtail's own registration (order 0), which this replaces.
    features.register_link_type(VisitorPageLinkHandler)


# ---------------------------------------------------------------------------------------------
# Deleting what is in use, and pages pointing at what was deleted anyway


def pages_deleted_with(page):
    """The pages Wagtail's delete view removes along with `page`: its subtree and, where a hook
    cascades the delete to its translations, theirs."""
    roots = [page]
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for fn in hooks.get_hooks("construct_translated_pages_to_cascade_actions"):
            for translations in (fn([page], "delete") or {}).values():
                roots.extend(translations)
    subtrees = Q()
    for root in roots:
        subtrees |= Q(path__startswith=root.path)
    return list(Page.objects.filter(subtrees).specific(defer=True))


def refuse_if_in_use(request, objects, deleted):
    """The refusal page when something among `deleted` (which includes `objects`) is used by a
    page or snippet that stays, or None when deleting is safe."""
    uses = find_uses(deleted, ignore=deleted)
    if not uses:
        return None
    finder = AdminURLFinder(request.user)
    used = {}  # target -> the pages and snippets using it
    for use in uses:
        used.setdefault(use.target, []).append(
            {
                "title": display_title(use.owner),
                "type": capfirst(use.owner._meta.verbose_name),
                "edit_url": finder.get_edit_url(use.owner),
                "only_in_later_versions": use.only_in_later_versions,
            }
        )
    titles = ", ".join(display_title(obj) for obj in objects)
    return TemplateResponse(
        request,
        "core/admin/delete_refused.html",
        {
            "page_title": _("Verwijderen niet mogelijk"),
            "page_subtitle": titles,
            "header_icon": "warning",
            "titles": titles,
            "count": len(objects),
            "used": [(display_title(target), owners) for target, owners in used.items()],
            "back_url": get_valid_next_url_from_request(request) or finder.get_edit_url(objects[0]),
        },
    )


@hooks.register("before_delete_page")
def refuse_deleting_pages_in_use(request, page):
    # Runs for the confirmation (GET) and the delete itself (POST): both get the refusal.
    return refuse_if_in_use(request, [page], pages_deleted_with(page))


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_in_use(request, instances):
    return refuse_if_in_use(request, instances, instances)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_in_use(request, action_type, objects, action_class_instance):
    # Bulk-deleting snippets runs `before_delete_snippet` above; pages only get this hook.
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        deleted = {page.pk: page for obj in objects for page in pages_deleted_with(obj)}
        return refuse_if_in_use(request, objects, list(deleted.values()))
    return None


@hooks.register("before_edit_page")
def warn_about_deleted_references(request, page):
    if request.method != "GET" or not hasattr(page, "get_missing_references"):
        return
    missing = page.get_missing_references()
    if missing:
        messages.warning(
            request,
            format_html(
                "{} {}",
                _(
                    "Deze pagina verwees naar iets dat inmiddels is verwijderd. Kies iets anders "
                    "of verwijder de regel, en sla de pagina daarna op:"
                ),
                " ".join(str(reference) for reference in missing),
            ),
        )


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
