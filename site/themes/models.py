"""Themes such as 'Flexibele organisatie' and the links that tag tracks, modules, cases and articles."""

import functools

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.fields import TranslatablePageForeignKey
from core.models import (
    BaseIndexPage,
    BasePage,
    TranslatableOrderable,
    localize_link_targets,
)


class ThemeIndexPage(BaseIndexPage):
    subpage_types = ["themes.ThemePage"]

    class Meta:
        verbose_name = _("Thema-overzicht")
        verbose_name_plural = _("Thema-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = ThemePage.with_card_images(
            ThemePage.objects.child_of(self).live().public()
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

    def get_tagged_sections(self):
        """Everything tagged with this theme, one section per kind of page, one query each.

        The kinds are found through the concrete ThemeLink models pointing here, so this app
        needs no import of the apps that build on it.
        """
        sections = []
        for link_model in self.tagged_link_models():
            page_model = link_model._meta.get_field("page").related_model
            # Matched on the theme's translation key, so a page whose link still points at
            # another language's version of this theme is listed in its own language only.
            tagged = (
                page_model.objects.live()
                .public()
                .filter(
                    locale_id=self.locale_id,
                    theme_links__theme__translation_key=self.translation_key,
                )
                .order_by("title")
                .distinct()
            )
            pages = list(page_model.with_card_images(tagged))
            if pages:
                sections.append({"title": link_model.section_title, "pages": pages})
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_tagged_sections()
        return context


class ThemedPageMixin:
    """For page types with `theme_links`: their themes, in the page's language and order."""

    def get_themes(self):
        rows = localize_link_targets(
            self.theme_links.select_related("theme"), "theme", self.locale_id
        )
        return [row.theme for row in rows]


class ThemeLink(TranslatableOrderable):
    """Abstract row tagging a page with a theme.

    Concrete subclasses add `page = ParentalKey(..., related_name="theme_links")` and say how
    the theme page titles their section. The theme is a translatable field, so a translated
    page links to the translated theme.
    """

    theme = TranslatablePageForeignKey(
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
    def prefetch_with_themes(cls):
        """Prefetch a page's theme links with their themes, for cards that name the themes."""
        return Prefetch("theme_links", queryset=cls.objects.select_related("theme"))
