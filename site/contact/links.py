"""The way in: links to the contact page, from any page, with what the form should open with.

The query parameters they carry are the contact page's (contact/models.py).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from wagtail.models import Page

from core.links import FALLBACK_LANGUAGE, in_translations_of

from .models import (
    KIND_PARAMETER,
    SOURCE_PARAMETER,
    TRACK_PARAMETER,
    ContactPage,
    RequestKind,
)


@dataclass(frozen=True)
class ContactLink:
    """Where a call to action leads: the URL, and the contact page as the resolver shows it
    (a plain `Page`, with `fallback_language` set when it is not in the visitor's language)."""

    url: str
    page: Page

    def __str__(self):
        return self.url


def contact_page(resolver):
    """The live, public contact page of the resolver's site in the visitor's language (else the
    marked fallback), as a plain `Page`, or None. One query, kept for every page of the site
    and language until the content changes (`LinkResolver.remember_for_site`)."""

    def find():
        root = resolver.site_root()
        if root is None:
            return None
        pages = Page.objects.type(ContactPage).filter(in_translations_of(root))
        # The visitor's own language ("" sorts first) before a fallback.
        return resolver.localize(pages).order_by(FALLBACK_LANGUAGE, "path").first()

    return resolver.remember_for_site("contact.contact_page", find)


def contact_link(resolver, *, kind=None, track=None, source=None):
    """A `ContactLink` to the contact page that opens the form for `kind` ("contact" or
    "intake"; an intake when there is a `track`), with `track` chosen and `source` as the page
    the visitor came from. None when there is no contact page a visitor may see."""
    page = contact_page(resolver)
    url = page.get_url(request=resolver.request) if page is not None else None
    if not url:
        return None
    parameters = {}
    if kind == RequestKind.INTAKE or _is_page(track):
        parameters[KIND_PARAMETER] = RequestKind.INTAKE.value
    if _is_page(track):
        parameters[TRACK_PARAMETER] = track.pk
    if _is_page(source) and source.translation_key != page.translation_key:
        parameters[SOURCE_PARAMETER] = source.pk
    if parameters:
        url = f"{url}?{urlencode(parameters)}"
    return ContactLink(url=url, page=page)


def _is_page(value):
    return isinstance(value, Page) and value.pk is not None
