"""What search engines and link previews read in a page's head: `{% page_meta %}`.

The description, the canonical URL, `noindex` for a page behind a password or login, Open Graph
and Twitter card tags, and the page's structured data as JSON-LD (see core/seo.py). Nothing per
visitor: the head is the same for everyone who may see the page, so it can be cached whole.
"""

from django import template

from core import seo
from core.links import LinkResolver

register = template.Library()


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, site_name=""):
    """Nothing for a view that is not a content page (search, errors): those set their own."""
    page = context.get("page")
    request = context.get("request")
    if request is None or not hasattr(page, "get_structured_data"):
        return {}
    resolver = LinkResolver.for_request(request)
    language = resolver.language_of(page)
    alternates = [
        seo.og_locale(version.code)
        for version in resolver.language_versions(page)
        if version.is_translation and version.code != language
    ]
    return {
        "title": page.seo_title or page.title,
        "description": page.meta_description,
        "canonical_url": page.get_canonical_url(request, context.flatten()),
        "noindex": resolver.is_restricted(page),
        "og_type": page.og_type,
        "og_locale": seo.og_locale(language),
        "og_locale_alternates": alternates,
        "site_name": site_name,
        "image": page.get_share_image(request),
        "structured_data": seo.json_ld(page.get_structured_data(request)),
    }
