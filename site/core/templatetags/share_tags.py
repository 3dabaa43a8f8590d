"""Share links for a page: plain links to the services, no third-party scripts or cookies."""

from urllib.parse import quote, urlsplit

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (label, href template): the page's address and title are URL-encoded into a fixed address
# of each service, so a share link can only ever be https or mailto.
SHARE_SERVICES = [
    (_("E-mail"), "mailto:?subject={title}&body={url}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("X", "https://x.com/intent/post?url={url}&text={title}"),
    ("WhatsApp", "https://wa.me/?text={title}%20{url}"),
]


def share_links_for(page, request=None):
    """[(label, href)] sharing `page`'s absolute address and title, or [] when the page has no
    public web address yet (a preview before its first save)."""
    page_url = page.get_full_url(request) if page.pk else None
    if not page_url or urlsplit(page_url).scheme not in ("http", "https"):
        return []
    values = {"url": quote(page_url, safe=""), "title": quote(page.title, safe="")}
    return [(label, href.format(**values)) for label, href in SHARE_SERVICES]


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, page):
    """`{% share_links page %}`: the share section, its texts in the page's language (pages
    render in their own language, see `BasePage.serve`)."""
    return {"links": share_links_for(page, context.get("request"))}
