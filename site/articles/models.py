"""Articles: reflective pieces with quotes, by one or more authors."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.search import index

from core import seo
from core.blocks import BaseStreamBlock
from core.cards import CardFact, CardSection, build_cards
from core.links import LinkResolver, in_translations_of
from core.models import (
    BaseIndexPage,
    BasePage,
    HeroImageMixin,
    PersonLink,
    TranslatableOrderable,
    indexed_text,
)
from core.page_cache import lazily
from themes.models import ThemedPageMixin, ThemeLink
from trajecten.models import LeertrajectPage


class ArticleIndexPage(BaseIndexPage):
    subpage_types = ["articles.ArticlePage"]

    articles_per_page = 10

    class Meta:
        verbose_name = _("Artikel-overzicht")
        verbose_name_plural = _("Artikel-overzichten")

    def get_articles(self, resolver):
        articles = ArticlePage.objects.filter(in_translations_of(self, children_only=True))
        return ArticlePage.for_cards(resolver.localize(articles).order_by("-date", "-pk"))

    def get_canonical_url(self, request, context=None):
        """Each page of the listing is a page of its own (it lists other articles), so it is
        indexed under its own number; the first page under the plain URL."""
        url = super().get_canonical_url(request, context)
        articles = (context or {}).get("articles")
        if url and articles is not None and articles.number > 1:
            url = f"{url}?{urlencode({'page': articles.number})}"
        return url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        # get_page() turns a malformed or out-of-range ?page= into the first or last page.
        articles = lazily(
            lambda: Paginator(self.get_articles(resolver), self.articles_per_page).get_page(
                request.GET.get("page")
            )
        )
        context["articles"] = articles
        context["cards"] = lazily(lambda: build_cards(articles, resolver))
        return context


class ArticlePage(ThemedPageMixin, HeroImageMixin, BasePage):
    date = models.DateField(_("Datum"), default=timezone.localdate)
    intro = models.TextField(_("Inleiding"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        InlinePanel("author_links", label=_("Auteur"), heading=_("Auteurs")),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    relations_panels = [
        InlinePanel("theme_links", label=_("Thema"), heading=_("Thema's")),
        InlinePanel(
            "related_track_links", label=_("Leertraject"), heading=_("Gerelateerde leertrajecten")
        ),
    ]
    extra_tabs = [(_("Relaties"), relations_panels)]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        # What the page shows of other pages and snippets, in its own language (see
        # BasePage.search_resolver): its authors, themes and related tracks.
        index.SearchField("search_author_names"),
        index.SearchField("search_theme_titles"),
        index.SearchField("search_track_titles"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikelen")

    def get_card_facts(self):
        return [CardFact(date_format(self.date, "j F Y"), datetime=self.date.isoformat())]

    schema_type = "Article"
    og_type = "article"

    def get_schema_entity(self, request):
        resolver = LinkResolver.for_request(request)
        return seo.article(
            self,
            request,
            published=self.date,
            authors=PersonLink.people_of(self.author_links, resolver),
            themes=self.get_themes(resolver),
        )

    @indexed_text
    def search_author_names(self):
        return PersonLink.names_of(self.author_links, self.search_resolver)

    @indexed_text
    def search_track_titles(self):
        links = self.related_track_links.select_related("track")
        return " ".join(
            track.title for track in self.search_resolver.resolve([link.track for link in links])
        )

    @classmethod
    def latest(cls, resolver, root, count):
        """The newest articles below `root` (or its translations), as cards."""
        articles = resolver.localize(cls.objects.filter(in_translations_of(root)))
        return build_cards(cls.for_cards(articles.order_by("-date", "-pk")[:count]), resolver)

    @classmethod
    def section_for_track(cls, track, resolver):
        """The articles related to `track` (in any language), for the track's page."""
        articles = resolver.localize(
            cls.objects.filter(related_track_links__track__translation_key=track.translation_key)
        )
        return CardSection(
            title=_("Artikelen over dit leertraject"),
            cards=build_cards(cls.for_cards(articles.order_by("-date", "-pk")), resolver),
            section_id="articles-title",
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        context["authors"] = lazily(lambda: PersonLink.people_of(self.author_links, resolver))
        context["themes"] = lazily(lambda: self.get_themes(resolver))

        def related_tracks():
            tracks = resolver.resolve(
                [link.track for link in self.related_track_links.select_related("track")],
                prepare=LeertrajectPage.for_cards,
            )
            return build_cards(tracks, resolver)

        context["related_tracks"] = lazily(related_tracks)
        return context


class ArticleAuthor(PersonLink):
    page = ParentalKey(
        ArticlePage,
        verbose_name=_("Artikel"),
        on_delete=models.CASCADE,
        related_name="author_links",
    )

    class Meta(PersonLink.Meta):
        verbose_name = _("Auteur")
        verbose_name_plural = _("Auteurs")


class ArticleThemeLink(ThemeLink):
    page = ParentalKey(
        ArticlePage,
        verbose_name=_("Artikel"),
        on_delete=models.CASCADE,
        related_name="theme_links",
    )

    section_title = _("Artikelen")
    section_order = 40

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van artikel")
        verbose_name_plural = _("Thema's van artikel")


class ArticleRelatedTrack(TranslatableOrderable):
    page = ParentalKey(
        ArticlePage,
        verbose_name=_("Artikel"),
        on_delete=models.CASCADE,
        related_name="related_track_links",
    )
    track = models.ForeignKey(
        "trajecten.LeertrajectPage",
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="related_article_links",
    )

    panels = [FieldPanel("track")]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Gerelateerd leertraject")
        verbose_name_plural = _("Gerelateerde leertrajecten")
