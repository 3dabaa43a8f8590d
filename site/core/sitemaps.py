"""sitemap.xml: every page a visitor may see, in every language, with its language versions.

Wagtail's own sitemap lists the site root's tree only, which is the Dutch one. This one lists
the visible pages of every language tree (the rule of core/links.py) and gives each an
`xhtml:link` alternate for every visible version of it, itself included, plus x-default.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .links import LinkResolver, in_translations_of


class BilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        in_site = Q(translation_key=root.translation_key) | in_translations_of(root)
        visible = LinkResolver.for_request(self.request).visible_q()
        return Page.objects.filter(visible, in_site).order_by("path")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        resolver = LinkResolver.for_request(self.request)
        versions = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            versions[item.translation_key].append(item)
        by_location = {}
        for group in versions.values():
            alternates = [
                {"lang_code": resolver.language_of(item), "location": self.location(item)}
                for item in sorted(group, key=lambda item: resolver.language_of(item))
            ]
            default = next(
                (alt for alt in alternates if alt["lang_code"] == settings.LANGUAGE_CODE),
                alternates[0],
            )
            alternates.append({"lang_code": "x-default", "location": default["location"]})
            for alternate in alternates[:-1]:
                by_location[alternate["location"]] = alternates
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls
