"""Internal page links in rich text, shown the way the link resolver decides (core.links).

Wagtail's own handler links every page through `page.localized` (one query per link, drafts
and private pages included). This one resolves all the links of a rich text field in one query:
the page in the visitor's language, else the marked fallback, else the link text without a link.
"""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .links import LinkResolver


class VisitorPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        stored = {
            str(page.pk): page
            for page in Page.objects.filter(pk__in=ids).only("pk", "translation_key")
        }
        resolver = LinkResolver.current()
        shown = resolver.by_translation_key(stored.values(), model=Page)
        tags = []
        for page_id in ids:
            page = shown.get(stored[page_id].translation_key) if page_id in stored else None
            if page is None:
                tags.append("<a>")
                continue
            url = page.get_url(resolver.request)
            language = getattr(page, "fallback_language", "")
            hreflang = f' hreflang="{escape(language)}"' if language else ""
            tags.append(f'<a href="{escape(url)}"{hreflang}>')
        return tags
