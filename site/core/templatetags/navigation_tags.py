"""Site navigation for the front end: the main menu and the footer text of the active language.

Every tag here runs a fixed number of queries, however many menu items or languages there are.
"""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from core.models import FooterText

register = template.Library()

_ROOT_CACHE_ATTR = "_navigation_localized_root"


def get_localized_root(request):
    """The home page of the request's site in the active language (cached on the request).

    Falls back to the site's own root page when it has no translation in the active language,
    and to None outside a request or when no site matches.
    """
    if request is None:
        return None
    if not hasattr(request, _ROOT_CACHE_ATTR):
        site = Site.find_for_request(request)
        root = site.root_page.localized if site is not None else None
        setattr(request, _ROOT_CACHE_ATTR, root)
    return getattr(request, _ROOT_CACHE_ATTR)


def _aria_current(item, current_page):
    """'page' for the current page itself, 'true' for the section it lives in, else None."""
    if not isinstance(current_page, Page):
        return None
    if current_page.pk == item.pk:
        return "page"
    if current_page.path.startswith(item.path):
        return "true"
    return None


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page of the active language: `{% localized_home as home_page %}`."""
    return get_localized_root(context.get("request"))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, public `show_in_menus` children of the active language's home page."""
    request = context.get("request")
    root = get_localized_root(request)
    items = []
    if root is not None:
        current_page = context.get("page")
        for item in root.get_children().live().public().in_menu():
            items.append(
                {
                    "title": item.title,
                    "url": item.get_url(request),
                    "aria_current": _aria_current(item, current_page),
                }
            )
    return {"request": request, "menu_items": items}


@register.simple_tag
def footer_text():
    """The FooterText of the active language, else the default language's, else None.

    Usage: `{% footer_text as footer %}{% if footer %}{{ footer.body|richtext }}{% endif %}`.
    """
    try:
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        default_code = settings.LANGUAGE_CODE
    try:
        active_code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        active_code = default_code

    texts = FooterText.objects.filter(
        locale__language_code__in={active_code, default_code}
    ).select_related("locale")
    by_language = {}
    for text in texts.order_by("pk"):
        by_language.setdefault(text.locale.language_code, text)
    return by_language.get(active_code) or by_language.get(default_code)
