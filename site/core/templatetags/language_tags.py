"""Languages on the front end: the switcher, `hreflang` links, the suggestion for visitors whose
browser prefers the other language, and the label on a link to a page in another language.

All of them read `LinkResolver.language_versions`, computed once per request.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html

from core.links import FALLBACK_LANGUAGE, LanguageVersion, LinkResolver, fallback_note

register = template.Library()


def _versions(context):
    view_urls = context.get("language_urls")
    if view_urls:  # a view that is not a page, in every language (search)
        current = LinkResolver.for_request(context.get("request")).language_code
        return [
            LanguageVersion(code, name, None, True, code == current, url=view_urls[code])
            for code, name in settings.LANGUAGES
            if code in view_urls
        ]
    page = context.get("page")
    page = page if getattr(page, "translation_key", None) and getattr(page, "depth", 0) else None
    return LinkResolver.for_request(context.get("request")).language_versions(page)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """`{% language_versions as versions %}`: a `LanguageVersion` per site language."""
    return _versions(context)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"request": context.get("request"), "versions": _versions(context)}


@register.filter
def fallback_label(obj):
    """ "in het Engels" / "in Dutch" for a page or snippet shown in another language, else ""."""
    return fallback_note(obj)


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context):
    """`hreflang` links: every visible version of the page (itself included) and x-default."""
    translations = [
        version for version in _versions(context) if version.is_translation and version.page
    ]
    default_code = settings.LANGUAGE_CODE
    x_default = next((v for v in translations if v.code == default_code), None)
    return {
        "request": context.get("request"),
        "translations": translations,
        "x_default": x_default or (translations[0] if translations else None),
    }


@register.filter
def lang_attr(obj):
    """` lang="nl"` for a page or snippet shown in another language than the page, else "".

    Usage: `<p class="card__summary"{{ page|lang_attr }}>`.
    """
    code = getattr(obj, FALLBACK_LANGUAGE, "")
    return format_html(' lang="{}"', code) if code else ""
