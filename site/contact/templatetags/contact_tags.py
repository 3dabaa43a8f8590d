"""Calls to action that lead to the contact page, for any template.

`{% contact_link kind="intake" track=page source=page as intake %}` gives a `ContactLink`
(`intake.url`, `intake.page`) or None when there is no contact page a visitor may see: then the
template shows no call to action. However many a page has, they cost one query together.
"""

from django import template

from contact.links import contact_link as build_contact_link
from core.links import LinkResolver

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_link(context, kind=None, track=None, source=None):
    resolver = LinkResolver.for_request(context.get("request"))
    return build_contact_link(resolver, kind=kind, track=track, source=source)
