"""The theme facet of the search results: which themes the hits carry, how many of each, and
the one a visitor filters on (`?theme=<slug>`, combined with `?type=`).

Each page type says which themes its pages carry (`theme_keys`, see themes.models), so this
module needs no field names of other apps. Themes are shown as the link resolver returns them:
visible only, in the visitor's language (or the marked fallback). Two queries per results page,
however many hits and themes: the theme rows of the hits, and their visible themes.
"""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from themes.models import ThemePage

# What a page slug can be (Unicode letters allowed): anything else is unknown without asking the
# database, which may refuse some characters (PostgreSQL: NUL).
_SLUG = re.compile(r"[-\w]{1,255}")
# Repeated ?theme= values looked up at most.
MAX_REQUESTED = 5


@dataclass(frozen=True)
class ThemeFacet:
    key: str  # the value of ?theme=: the theme's slug in the visitor's language
    theme: ThemePage  # resolved: its title is the label, `fallback_language` marks another one
    count: int
    is_active: bool


class ThemeFacets:
    """The themes of `hits` ([(page id, content type id)] of pages of `models`) for the visitor
    of `resolver`, and the theme chosen among the `requested` slugs (all values of ?theme=)."""

    def __init__(self, resolver, requested, hits, models):
        self._theme_keys_by_page = {}
        for page_id, theme_key in _theme_keys(hits, models) if hits else []:
            self._theme_keys_by_page.setdefault(page_id, set()).add(theme_key)
        # A theme is also known by the slug of its other language versions: the language
        # switcher keeps the query string, so ?theme= may name the Dutch version in English.
        slugs = [slug for slug in requested if _SLUG.fullmatch(slug)][:MAX_REQUESTED]
        # The themes the hits carry and the one asked for; without hits every visible theme,
        # which the empty state suggests (a site may have many: not read for every search).
        wanted = ThemePage.objects.all()
        if hits:
            carried = set().union(*self._theme_keys_by_page.values())
            wanted = wanted.filter(Q(translation_key__in=carried) | Q(slug__in=slugs))
        themes = resolver.localize(wanted).order_by("title")
        if slugs:
            named = ThemePage.objects.filter(
                resolver.visible_q(), translation_key=OuterRef("translation_key"), slug__in=slugs
            )
            themes = themes.annotate(requested_slug=Subquery(named.values("slug")[:1]))
        self.themes = list(themes)
        by_slug = {}
        for theme in self.themes:
            for slug in [theme.slug, getattr(theme, "requested_slug", None)]:
                by_slug.setdefault(slug, theme)
        self.active = next((by_slug[slug] for slug in slugs if slug in by_slug), None)
        self.messages = []
        if len(requested) > 1 or (requested and self.active is None):
            self.messages.append(
                _("Er kan op één thema tegelijk worden gefilterd; de rest is genegeerd.")
                if self.active is not None
                else _("Dit thema kennen we niet; er is in alle thema's gezocht.")
            )

    @property
    def active_key(self):
        return self.active.slug if self.active is not None else ""

    def of(self, page_id):
        """The visible themes of one hit, in title order (a draft or private one never)."""
        keys = self._theme_keys_by_page.get(page_id)
        return [theme for theme in self.themes if theme.translation_key in keys] if keys else []

    def filter(self, hits):
        """`hits` carrying the active theme (all of them when no theme is chosen)."""
        if self.active is None:
            return hits
        key = self.active.translation_key
        return [hit for hit in hits if key in self._theme_keys_by_page.get(hit[0], ())]

    def facets(self, hits):
        """A facet per theme `hits` carry, in title order, and the active one in any case."""
        counts = {}
        for page_id, _type in hits:
            for theme in self.of(page_id):
                counts[theme.pk] = counts.get(theme.pk, 0) + 1
        return [
            ThemeFacet(
                key=theme.slug,
                theme=theme,
                count=counts.get(theme.pk, 0),
                is_active=theme == self.active,
            )
            for theme in self.themes
            if counts.get(theme.pk) or theme == self.active
        ]


def _theme_keys(hits, models):
    """(page id, theme translation key) for every theme of every hit: one query, the page
    types that carry themes combined."""
    ids_by_type = {}
    for page_id, content_type_id in hits:
        ids_by_type.setdefault(content_type_id, []).append(page_id)
    rows = [
        model.theme_keys(ids_by_type[content_type_id])
        for model in models
        if hasattr(model, "theme_keys")
        # Cached by Django after the first lookup: no query per request.
        and (content_type_id := ContentType.objects.get_for_model(model).pk) in ids_by_type
    ]
    if not rows:
        return []
    return rows[0].union(*rows[1:], all=True) if len(rows) > 1 else rows[0]
