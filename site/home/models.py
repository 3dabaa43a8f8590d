"""The home page of each language tree: hero, featured tracks, themes, latest cases and articles."""

import functools

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from articles.models import ArticlePage
from cases.models import CaseStudyPage
from core import seo
from core.blocks import CallToActionBlock
from core.cards import build_cards
from core.links import LinkResolver, in_translations_of, tree_order
from core.models import BasePage, HeroImageMixin, TranslatableOrderable
from core.page_cache import lazily
from themes.models import ThemePage
from trajecten.models import LeertrajectPage


class HomePage(HeroImageMixin, BasePage):
    hero_title = models.CharField(_("Titel in de kop"), max_length=200)
    hero_text = models.TextField(_("Tekst in de kop"), blank=True)
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Knop in de kop naar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("Tekst op de knop"), max_length=60, blank=True)
    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        verbose_name=_("Oproep tot actie"),
        blank=True,
        max_num=1,
    )

    latest_count = 3

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Kop"),
        ),
        InlinePanel(
            "featured_track_links", label=_("Leertraject"), heading=_("Uitgelichte leertrajecten")
        ),
        FieldPanel("call_to_action"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "trajecten.LeertrajectIndexPage",
        "trajecten.ModuleIndexPage",
        "themes.ThemeIndexPage",
        "cases.CaseIndexPage",
        "articles.ArticleIndexPage",
        "contact.ContactPage",
    ]

    class Meta:
        verbose_name = _("Homepagina")
        verbose_name_plural = _("Homepagina's")

    @property
    def card_summary(self):
        return self.listing_summary or self.hero_text

    def get_schema_entity(self, request):
        """The organisation itself: its contact details and social profiles (site settings)."""
        return {
            "@context": seo.SCHEMA_CONTEXT,
            **self.get_schema_organisation(request, details=True),
            **seo.compact({"description": self.meta_description}),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)

        def hero_link():
            return resolver.resolve_one(self.hero_link) if self.hero_link_id else None

        def featured_tracks():
            featured = resolver.resolve(
                [link.track for link in self.featured_track_links.select_related("track")],
                prepare=LeertrajectPage.for_cards,
            )
            return build_cards(featured, resolver)

        def themes():
            themes = resolver.localize(ThemePage.objects.filter(in_translations_of(self)))
            return build_cards(ThemePage.for_cards(themes.order_by(tree_order())), resolver)

        sections = {
            "hero_link": hero_link,
            "featured_tracks": featured_tracks,
            "themes": themes,
            "latest_cases": lambda: CaseStudyPage.latest(resolver, self, self.latest_count),
            "latest_articles": lambda: ArticlePage.latest(resolver, self, self.latest_count),
        }
        # Kept until the content changes, as everything the home page lists is published
        # content (`LinkResolver.remember_for_site`); a preview works them out afresh.
        for name, compute in sections.items():
            context[name] = lazily(
                functools.partial(resolver.remember_for_site, ("home", name, self.pk), compute)
            )
        return context


class HomeFeaturedTrack(TranslatableOrderable):
    page = ParentalKey(
        HomePage,
        verbose_name=_("Homepagina"),
        on_delete=models.CASCADE,
        related_name="featured_track_links",
    )
    track = models.ForeignKey(
        "trajecten.LeertrajectPage",
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("track")]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Uitgelicht leertraject")
        verbose_name_plural = _("Uitgelichte leertrajecten")
