"""What search engines and link previews read of a page: schema.org structured data (JSON-LD),
the image a shared link shows, and the JSON that carries the data into the page.

Each page type says what it is through `BasePage.get_structured_data(request)` (plain dicts,
built from its own fields); this module holds the pieces several page types share. Every page
linked from the data goes through the link resolver, so private and draft pages never appear
in it, nor do the other language's pages the resolver offers as marked fallbacks.
"""

import json
import logging
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .links import FALLBACK_LANGUAGE, LinkResolver

logger = logging.getLogger(__name__)

SCHEMA_CONTEXT = "https://schema.org"

# The size of a shared link's image, as Facebook, LinkedIn and X show it.
SHARE_IMAGE_FILTER = "fill-1200x630"

# Open Graph locales (language_TERRITORY) of the site's languages; English is British.
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

# Like Django's `json_script`: inside <script> none of these may appear as themselves, so
# a text holding `</script>` or `<!--` cannot end the data block early.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` (dicts, lists, texts, dates, lazy translations) as the body of a
    `<script type="application/ld+json">`, safe to put there unescaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


def compact(data):
    """`data` without its empty values: the data never claims an empty name or date."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def page_url(page, request):
    return page.get_full_url(request) or ""


def in_own_language(objects):
    """The resolved pages or snippets of `objects` in the visitor's (the page's) language: the
    data of a page never names a page of the other language, which the page itself shows as a
    marked fallback."""
    return [obj for obj in objects if not getattr(obj, FALLBACK_LANGUAGE, "")]


def page_reference(page, request, schema_type):
    """A short reference to another page, resolved and in the page's language."""
    return compact({"@type": schema_type, "name": page.title, "url": page_url(page, request)})


def breadcrumb_list(page, request):
    """schema.org `BreadcrumbList`: the home page, the ancestors the visitor may see, the page."""
    resolver = LinkResolver.for_request(request)
    crumbs = []
    for crumb in [*in_own_language(resolver.ancestors(page)), page]:
        name = _("Home") if crumb.depth <= 2 else crumb.title
        crumbs.append((name, page_url(crumb, request)))
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            compact({"@type": "ListItem", "position": position, "name": name, "item": url})
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def home_url(request):
    home = LinkResolver.for_request(request).home()
    return page_url(home, request) if home is not None else ""


def share_image(image, base_url):
    """`image`'s rendition for shared links as {"url" (absolute), "width", "height", "alt"},
    or None when there is no image or its file cannot be read (a missing or broken upload
    must not break the page)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
    except OSError:  # a missing file (Wagtail's SourceImageIOError) or one Pillow cannot read
        logger.warning("No share image rendition for image %s", image.pk, exc_info=True)
        return None
    return {
        "url": urljoin(base_url, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def person(person):
    """A trainer or author (a resolved `core.models.Person`) as a schema.org `Person`; the
    role only when it is in the page's language (the name is the same in every language)."""
    role = person.role if not getattr(person, FALLBACK_LANGUAGE, "") else ""
    return compact({"@type": "Person", "name": person.name, "jobTitle": role})


def article(page, request, *, published, authors, themes):
    """A case or article as a schema.org `Article`: `authors` and `themes` resolved (as the
    visitor sees them), the organisation as author when no person is named."""
    language = page.schema_language(request)
    url = page_url(page, request)
    image = page.get_share_image(request)
    organisation = page.get_schema_organisation(request)
    return compact(
        {
            "@context": SCHEMA_CONTEXT,
            "@type": "Article",
            "headline": page.title,
            "description": page.meta_description,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": language,
            "datePublished": published,
            "dateModified": page.last_published_at or page.latest_revision_created_at,
            "author": [person(author) for author in authors] or [organisation],
            "publisher": organisation,
            "image": [image["url"]] if image else [],
            "about": [page_reference(theme, request, "Thing") for theme in in_own_language(themes)],
        }
    )
