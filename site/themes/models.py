"""Themes such as 'Flexibele organisatie' and the links that tag tracks, modules, cases and articles."""

import functools

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.cards import CardSection, build_cards
from core.links import LinkResolver, in_translations_of
from core.models import BaseIndexPage, BasePage, TranslatableOrderable, indexed_text
from core.page_cache import lazily


class ThemeIndexPage(BaseIndexPage):
    subpage_types = ["themes.ThemePage"]

    class Meta:
        verbose_name = _("Thema-overzicht")
        verbose_name_plural = _("Thema-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)

        def cards():
            themes = resolver.localize(
                ThemePage.objects.filter(in_translations_of(self, children_only=True))
            )
            return build_cards(ThemePage.for_cards(themes.order_by("title")), resolver)

        # Kept until the content changes (`LinkResolver.remember_for_site`).
        context["cards"] = lazily(
            lambda: resolver.remember_for_site(("theme_cards", self.pk), cards)
        )
        return context


class ThemePage(BasePage):
    intro = models.TextField(_("Inleiding"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = []
    schema_type = "CollectionPage"  # what is tagged with the theme

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Thema's")

    @classmethod
    @functools.cache
    def tagged_link_models(cls):
        """The concrete ThemeLink models pointing here, in section order (fixed once loaded)."""
        return sorted(
            (
                rel.related_model
                for rel in cls._meta.related_objects
                if issubclass(rel.related_model, ThemeLink)
            ),
            key=lambda model: model.section_order,
        )

    def get_tagged_sections(self, resolver):
        """Everything tagged with this theme, one section per kind of page, in the visitor's
        language: two queries per kind, however many pages.

        The kinds are found through the concrete ThemeLink models pointing here, so this app
        needs no import of the apps that build on it. A page counts as tagged when any language
        version of it links to any language version of this theme.
        """
        sections = []
        for link_model in self.tagged_link_models():
            page_model = link_model.page_model()
            tagged = resolver.localize(
                page_model.objects.filter(theme_links__theme__translation_key=self.translation_key)
            )
            cards = build_cards(page_model.for_cards(tagged.order_by("title")), resolver)
            if cards:
                sections.append(
                    CardSection(
                        title=link_model.section_title,
                        cards=cards,
                        section_id=f"{page_model._meta.model_name}-title",
                    )
                )
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        # Kept until the content changes (`LinkResolver.remember_for_site`).
        context["sections"] = lazily(
            lambda: resolver.remember_for_site(
                ("tagged_sections", self.pk), lambda: self.get_tagged_sections(resolver)
            )
        )
        return context


class ThemedPageMixin:
    """For page types with `theme_links`: their themes on the page and on their cards."""

    def get_themes(self, resolver):
        """The page's themes, in its order and in the visitor's language; kept until the
        content changes (the page's body and its structured data both show them)."""

        def themes():
            return resolver.resolve(
                [link.theme for link in self.theme_links.select_related("theme")]
            )

        if self.pk is None:  # a preview of a page not saved yet
            return themes()
        return resolver.remember_for_site(("themes", self.pk), themes)

    @indexed_text
    def search_theme_titles(self):
        """The titles of the page's themes as its visitors see them, for its search entry."""
        return " ".join(theme.title for theme in self.get_themes(self.search_resolver))

    def get_card_themes(self):
        # From the rows `for_cards` prefetched: no query per card.
        return [link.theme for link in self.theme_links.all()]

    @classmethod
    def theme_keys(cls, page_ids):
        """(page id, theme translation key) rows for the themes of the pages `page_ids`, as
        a queryset, so callers can combine several page types into one query."""
        link_model = cls._meta.get_field("theme_links").related_model
        return (
            link_model.objects.filter(page_id__in=page_ids)
            .order_by()
            .values_list("page_id", "theme__translation_key")
        )

    @classmethod
    def for_cards(cls, queryset):
        link_model = cls._meta.get_field("theme_links").related_model
        return (
            super()
            .for_cards(queryset)
            .prefetch_related(
                # A card's tags need only the themes' keys (`build_cards` resolves them).
                Prefetch(
                    "theme_links",
                    queryset=link_model.objects.select_related("theme").only(
                        "page_id", "sort_order", "theme__translation_key"
                    ),
                )
            )
        )


class ThemeLink(TranslatableOrderable):
    """Abstract row tagging a page with a theme.

    Concrete subclasses add `page = ParentalKey(..., related_name="theme_links")` and say how
    the theme page titles their section. The key to the theme is synchronised: a translated
    page's row points at the same theme, shown in the visitor's language by `core.links`.
    """

    theme = models.ForeignKey(
        ThemePage,
        verbose_name=_("Thema"),
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_set",
    )

    panels = [FieldPanel("theme")]

    section_title = ""
    section_order = 0

    class Meta(TranslatableOrderable.Meta):
        abstract = True

    def __str__(self):
        return self.theme.title

    @classmethod
    def page_model(cls):
        """The page type this kind of row tags."""
        return cls._meta.get_field("page").related_model
