"""Promoted search results (wagtail.contrib.search_promotions), per language.

Editors promote a page or an external link for a query (Instellingen > Aanbevolen
zoekresultaten). A visitor searching that query in language L is shown, first and marked
"Aanbevolen":

- a promoted page, when it or its translation in L is visible (the link resolver decides:
  published, not expired, public, in L); a page with no visible version in L is left out,
  never shown as a fallback in another language;
- a promoted external link, in every language (it has none of its own), when its address is
  safe (core.sanitising.safe_url).

The promoted pages are taken out of the organic results, so nothing is listed or counted twice.
One query, however many promotions: the promotions with their pages' versions in L.
"""

import json
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.db.models.functions import JSONObject
from django.utils.text import Truncator
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.sanitising import safe_url

DESCRIPTION_WORDS = 35
# What a promoted page's link and description need: all a page's URL depends on is `url_path`.
SHOWN_PAGE_FIELDS = ("id", "title", "url_path", "search_description")


@dataclass(frozen=True)
class Promotion:
    title: str
    description: str
    page: Page | None  # the promoted page in the visitor's language; None for an external link
    external_url: str = ""  # the safe address of an external link


def promotions_for(resolver, raw_query, query):
    """The promotions to show for a search, in the editors' order.

    Matched on the cleaned query (`query`, a `SearchQuery`) and on what the visitor typed
    (`raw_query`), both normalised as Wagtail stores promoted queries, so a promotion for
    "c++" is found although the search itself is for "c".
    """
    if not query.text:
        return []
    typed = "".join(char for char in raw_query or "" if char.isprintable())  # no NUL for SQL
    keys = {query.normalised, normalise_query_string(typed)} - {""}
    # The promoted page's visible version in the visitor's language, in the same query.
    shown_version = Page.objects.filter(
        resolver.visible_q(),
        locale_id=resolver.locale.pk,
        translation_key=OuterRef("page__translation_key"),
    ).values(data=JSONObject(**{name: name for name in SHOWN_PAGE_FIELDS}))[:1]
    picks = (
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .annotate(shown_page=Subquery(shown_version))
        .order_by("sort_order", "pk")
    )
    promotions = []
    seen = set()
    for pick in picks:
        if pick.page_id is not None:
            page = _page(pick.shown_page, pick._state.db)
            if page is None or page.pk in seen:
                continue  # not visible in the visitor's language, or promoted twice
            seen.add(page.pk)
            description = pick.description or page.search_description
            promotions.append(Promotion(page.title, _short(description), page))
        else:
            url = safe_url(pick.external_link_url)
            if url and pick.external_link_text and url not in seen:
                seen.add(url)
                promotions.append(
                    Promotion(pick.external_link_text, _short(pick.description), None, url)
                )
    return promotions


def _page(data, db):
    """The page a promotion shows, from its annotated fields (the rest load on demand)."""
    if not data:
        return None
    if isinstance(data, str):  # a JSON text where the database returns no JSON type
        data = json.loads(data)
    # `from_db` takes the fields in the model's order.
    names = [f.attname for f in Page._meta.concrete_fields if f.attname in SHOWN_PAGE_FIELDS]
    page = Page.from_db(db, names, [data[name] for name in names])
    page.fallback_language = ""  # always the visitor's own language
    return page


def without_promoted(hits, promotions):
    """The organic `hits` ([(page id, content type id)]) without the promoted pages."""
    promoted = {promotion.page.pk for promotion in promotions if promotion.page is not None}
    return [hit for hit in hits if hit[0] not in promoted] if promoted else hits


def _short(text):
    return Truncator(text or "").words(DESCRIPTION_WORDS, truncate=" …")
