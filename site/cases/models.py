"""Case studies: how a track or tailor-made programme worked out for a client."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.search import index

from core import seo
from core.blocks import BaseStreamBlock, QuoteBlock
from core.cards import CardFact, CardSection, build_cards
from core.links import LinkResolver, in_translations_of
from core.models import BaseIndexPage, BasePage, HeroImageMixin, PersonLink, indexed_text
from core.page_cache import lazily
from themes.filters import ThemeFilterSet
from themes.models import ThemedPageMixin, ThemeLink


class Sector(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Gemeente")
    PROVINCE = "provincie", _("Provincie")
    CENTRAL_GOVERNMENT = "rijk", _("Rijksoverheid")
    WATER_BOARD = "waterschap", _("Waterschap")
    OTHER_PUBLIC = "overig", _("Overige publieke organisatie")


class CaseIndexPage(BaseIndexPage):
    subpage_types = ["cases.CaseStudyPage"]

    class Meta:
        verbose_name = _("Case-overzicht")
        verbose_name_plural = _("Case-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        cases = CaseStudyPage.objects.filter(in_translations_of(self, children_only=True))
        # The filter form reads every theme: kept rendered with the rest when unfiltered.
        filterset = lazily(
            lambda: ThemeFilterSet(request.GET or None, queryset=cases, resolver=resolver)
        )

        def cards():
            results = resolver.localize(filterset.qs).order_by("-first_published_at", "title")
            return build_cards(CaseStudyPage.for_cards(results), resolver)

        context["filterset"] = filterset
        context["cards"] = lazily(cards)
        return context


class CaseStudyPage(ThemedPageMixin, HeroImageMixin, BasePage):
    intro = models.TextField(_("Inleiding"))
    client_name = models.CharField(
        _("Opdrachtgever"),
        max_length=120,
        help_text=_("Naam of geanonimiseerd, bijv. 'middelgrote gemeente'."),
    )
    sector = models.CharField(
        _("Sector"), max_length=20, choices=Sector.choices, default=Sector.MUNICIPALITY
    )
    period = models.CharField(
        _("Periode"), max_length=100, blank=True, help_text=_("Bijv. '2017 - 2018'.")
    )
    session_count = models.PositiveSmallIntegerField(
        _("Aantal bijeenkomsten"), null=True, blank=True
    )
    track = models.ForeignKey(
        "trajecten.LeertrajectPage",
        verbose_name=_("Gebruikt leertraject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
    )
    challenge = StreamField(BaseStreamBlock(), verbose_name=_("Vraag"), blank=True)
    approach = StreamField(BaseStreamBlock(), verbose_name=_("Aanpak"), blank=True)
    result = StreamField(BaseStreamBlock(), verbose_name=_("Resultaat"), blank=True)
    quotes = StreamField([("quote", QuoteBlock())], verbose_name=_("Citaten"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("result"),
        FieldPanel("quotes"),
    ]
    facts_panels = [
        FieldRowPanel([FieldPanel("client_name"), FieldPanel("sector")]),
        FieldRowPanel([FieldPanel("period"), FieldPanel("session_count")]),
        FieldPanel("track"),
        InlinePanel("trainer_links", label=_("Trainer"), heading=_("Trainers")),
    ]
    promote_panels = [
        InlinePanel("theme_links", label=_("Thema"), heading=_("Thema's")),
        MultiFieldPanel(BasePage.promote_panels, heading=_("Vindbaarheid")),
    ]
    extra_tabs = [(_("Feiten"), facts_panels)]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("client_name", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("result"),
        index.FilterField("sector"),
        # What the page shows of other pages and snippets, in its own language (see
        # BasePage.search_resolver): its trainers, the track it used, its themes.
        index.SearchField("search_trainer_names"),
        index.SearchField("search_track_title"),
        index.SearchField("search_theme_titles"),
    ]

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Case")
        verbose_name_plural = _("Cases")

    def get_card_facts(self):
        return [CardFact(self.client_name)]

    schema_type = "Article"
    og_type = "article"

    def get_schema_entity(self, request):
        """An article by its trainers, about its themes."""
        resolver = LinkResolver.for_request(request)
        return seo.article(
            self,
            request,
            published=self.first_published_at,
            authors=PersonLink.people_of(self.trainer_links, resolver),
            themes=self.get_themes(resolver),
        )

    @indexed_text
    def search_trainer_names(self):
        return PersonLink.names_of(self.trainer_links, self.search_resolver)

    @indexed_text
    def search_track_title(self):
        track = self.search_resolver.resolve_one(self.track) if self.track_id else None
        return track.title if track else ""

    def get_next_in_theme(self, resolver):
        """The next case sharing this case's first theme, in tree order, wrapping around."""
        themes = self.get_themes(resolver)
        if not themes:
            return None
        others = CaseStudyPage.objects.filter(
            theme_links__theme__translation_key=themes[0].translation_key
        ).exclude(translation_key=self.translation_key)
        siblings = list(resolver.localize(others).order_by("path"))
        return next((case for case in siblings if case.path > self.path), None) or next(
            iter(siblings), None
        )

    @classmethod
    def latest(cls, resolver, root, count):
        """The newest cases below `root` (or its translations), as cards."""
        cases = resolver.localize(cls.objects.filter(in_translations_of(root)))
        return build_cards(cls.for_cards(cases.order_by("-first_published_at")[:count]), resolver)

    @classmethod
    def section_for_track(cls, track, resolver):
        """The cases that used `track` (in any language), for the track's page."""
        cases = resolver.localize(cls.objects.filter(track__translation_key=track.translation_key))
        return CardSection(
            title=_("Cases met dit leertraject"),
            cards=build_cards(cls.for_cards(cases.order_by("title")), resolver),
            section_id="cases-title",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        context["themes"] = lazily(lambda: self.get_themes(resolver))
        context["trainers"] = lazily(lambda: PersonLink.people_of(self.trainer_links, resolver))
        context["track"] = lazily(
            lambda: resolver.resolve_one(self.track) if self.track_id else None
        )
        context["next_case"] = lazily(lambda: self.get_next_in_theme(resolver))
        return context


class CaseStudyThemeLink(ThemeLink):
    page = ParentalKey(
        CaseStudyPage,
        verbose_name=_("Case"),
        on_delete=models.CASCADE,
        related_name="theme_links",
    )

    section_title = _("Cases")
    section_order = 30

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van case")
        verbose_name_plural = _("Thema's van case")


class CaseStudyTrainer(PersonLink):
    page = ParentalKey(
        CaseStudyPage,
        verbose_name=_("Case"),
        on_delete=models.CASCADE,
        related_name="trainer_links",
    )

    class Meta(PersonLink.Meta):
        verbose_name = _("Trainer")
        verbose_name_plural = _("Trainers")
