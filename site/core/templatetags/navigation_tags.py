"""Site navigation for the front end: home link, main menu, breadcrumbs and the footer text.

Every page these link to goes through the link resolver (`core.links`), and every tag runs a
fixed number of queries, however many menu items, ancestors or languages there are.
"""

from django import template
from wagtail.models import Page

from core.links import LinkResolver, in_translations_of, tree_order
from core.models import FooterText

register = template.Library()


def _resolver(context):
    return LinkResolver.for_request(context.get("request"))


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
    """The home page in the visitor's language: `{% localized_home as home_page %}`."""
    return _resolver(context).home()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's `show_in_menus` children, in the visitor's language, in tree order."""
    resolver = _resolver(context)
    root = resolver.site_root()
    items = []
    if root is not None:
        children = Page.objects.filter(in_translations_of(root, children_only=True))
        menu = resolver.localize(children.filter(show_in_menus=True)).order_by(tree_order())
        items = [
            {"page": item, "aria_current": _aria_current(item, context.get("page"))}
            for item in menu
        ]
    return {"request": context.get("request"), "menu_items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Where the page sits, from the home page down to its parent; nothing on a home page."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    return {
        "request": context.get("request"),
        "page": page,
        "crumbs": _resolver(context).ancestors(page),
    }


@register.simple_tag(takes_context=True)
def footer_text(context):
    """The published FooterText in the visitor's language, else the marked fallback, else None.

    Usage: `{% footer_text as footer %}{% if footer %}{{ footer.body|richtext }}{% endif %}`.
    """
    return _resolver(context).localize(FooterText.objects.all()).first()
