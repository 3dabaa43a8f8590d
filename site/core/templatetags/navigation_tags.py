"""Site navigation for the front end: home link, main menu, breadcrumbs and the footer text.

Every page these link to goes through the link resolver (`core.links`), and every tag runs a
fixed number of queries, however many menu items, ancestors or languages there are. The menu and
the footer text are the same on every page of a site and language: they are kept across requests
(`LinkResolver.remember_for_site`).
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

    def menu_pages():
        root = resolver.site_root()
        if root is None:
            return []
        children = Page.objects.filter(in_translations_of(root, children_only=True))
        return list(resolver.localize(children.filter(show_in_menus=True)).order_by(tree_order()))

    items = [
        {"page": item, "aria_current": _aria_current(item, context.get("page"))}
        for item in resolver.remember_for_site("core.main_menu", menu_pages)
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
    resolver = _resolver(context)
    return resolver.remember_for_site(
        "core.footer_text", lambda: resolver.localize(FooterText.objects.all()).first()
    )
