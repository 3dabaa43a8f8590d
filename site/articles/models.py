"""Articles: reflective pieces with quotes, by one or more authors."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.fields import TranslatablePageForeignKey
from core.models import BaseIndexPage, BasePage, HeroImageMixin, PersonLink, TranslatableOrderable
from themes.models import ThemedPageMixin, ThemeLink
from trajecten.models import LeertrajectPage


class ArticleIndexPage(BaseIndexPage):
    subpage_types = ["articles.ArticlePage"]

    articles_per_page = 10

    class Meta:
        verbose_name = _("Artikel-overzicht")
        verbose_name_plural = _("Artikel-overzichten")

    def get_articles(self):
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")
        return ArticlePage.with_card_images(articles)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a malformed or out-of-range ?page= into the first or last page.
        context["articles"] = Paginator(self.get_articles(), self.articles_per_page).get_page(
            request.GET.get("page")
        )
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
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(relations_panels, heading=_("Relaties")),
            ObjectList(BasePage.promote_panels, heading=_("Promotie")),
            ObjectList(BasePage.settings_panels, heading=_("Instellingen")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields(
            "theme_links", [index.RelatedFields("theme", [index.SearchField("title")])]
        ),
        index.RelatedFields(
            "author_links", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikelen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = PersonLink.people_of(self.author_links)
        context["themes"] = self.get_themes()
        links = self.related_track_links.filter(track__live=True)
        context["related_tracks"] = [
            link.track for link in LeertrajectPage.with_card_images(links, via="track__")
        ]
        return context


class ArticleAuthor(PersonLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="author_links")

    class Meta(PersonLink.Meta):
        verbose_name = _("Auteur")


class ArticleThemeLink(ThemeLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="theme_links")

    section_title = _("Artikelen")
    section_order = 40

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van artikel")


class ArticleRelatedTrack(TranslatableOrderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_track_links")
    track = TranslatablePageForeignKey(
        "trajecten.LeertrajectPage",
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="related_article_links",
    )

    panels = [FieldPanel("track")]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Gerelateerd leertraject")
