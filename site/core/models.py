"""Shared building blocks of the content model: base page, translatable links, snippets, settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import RICH_TEXT_FEATURES


class BasePage(Page):
    """Fields every content page shares: how it looks in listings (cards) and in search."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Afbeelding in overzichten"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listing_summary = models.TextField(
        _("Samenvatting in overzichten"),
        blank=True,
        max_length=300,
        help_text=_(
            "Korte tekst voor kaarten en zoekresultaten. Leeg: de inleiding wordt gebruikt."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_summary")],
            heading=_("Weergave in overzichten"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    @property
    def card_summary(self):
        return self.listing_summary or getattr(self, "intro", "") or self.search_description

    # The image keys `card_image` falls back through, first one set wins.
    card_image_field_names = ("listing_image",)

    @property
    def card_image(self):
        return next(
            (image for name in self.card_image_field_names if (image := getattr(self, name))),
            None,
        )

    @classmethod
    def with_card_images(cls, queryset, via=""):
        """`queryset` with the images its cards show, and their renditions, fetched up front, so
        a listing costs the same number of queries however many cards, on a cold cache too.

        `via` reaches the pages through a relation, e.g. `"track__"` on a queryset of link rows.
        """
        fields = [via + name for name in cls.card_image_field_names]
        return queryset.select_related(*fields).prefetch_related(
            *(f"{field}__renditions" for field in fields)
        )


def localize_link_targets(rows, field_name, locale_id):
    """Point each row's page at its translation in `locale_id`, in memory, for display.

    wagtail-localize re-points translatable keys when it translates a page, but a page that was
    translated as a related object (one level deep, with fallback) can still point at the Dutch
    target. This repairs that for visitors: one extra query, and only when such a row exists.
    """
    rows = list(rows)
    stray = [
        row
        for row in rows
        if getattr(row, field_name) is not None and getattr(row, field_name).locale_id != locale_id
    ]
    if stray:
        model = type(getattr(stray[0], field_name))
        keys = {getattr(row, field_name).translation_key for row in stray}
        translations = {
            page.translation_key: page
            for page in model.objects.filter(locale_id=locale_id, translation_key__in=keys)
        }
        for row in stray:
            translation = translations.get(getattr(row, field_name).translation_key)
            if translation is not None:
                setattr(row, field_name, translation)
    return rows


class BaseIndexPage(BasePage):
    """A page that lists its children. One per language tree: a site-wide `max_count` would
    also count the English copy and block its translation."""

    intro = models.TextField(_("Inleiding"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        abstract = True


class HeroImageMixin(models.Model):
    """A large image at the top of the page, also used on cards when no listing image is set."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Hoofdafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    card_image_field_names = ("listing_image", "hero_image")

    class Meta:
        abstract = True


class TranslatableOrderable(TranslatableMixin, Orderable):
    """An ordered child row (InlinePanel) that wagtail-localize copies with its page.

    Rows pointing at other pages use `TranslatablePageForeignKey`, so the translated page points
    at the translated target, not at the Dutch one (wagtail-localize synchronises page foreign
    keys by default and ignores many-to-many fields altogether).
    """

    class Meta:
        abstract = True
        ordering = ["sort_order"]
        unique_together = [("translation_key", "locale")]


class Person(TranslatableMixin, PreviewableMixin, index.Indexed, models.Model):
    """A trainer or author. The name and photo are the same in every language; role and bio are translated."""

    name = models.CharField(_("Naam"), max_length=120)
    role = models.CharField(
        _("Rol"), max_length=120, blank=True, help_text=_("Bijv. 'trainer en coach'.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(_("Biografie"), blank=True, features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("photo")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("bio"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Persoon")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/person_preview.html"


class Method(TranslatableMixin, index.Indexed, models.Model):
    """A working method such as Insights Discovery, intervisie or trainingsacteurs."""

    name = models.CharField(_("Naam"), max_length=120)
    description = models.TextField(_("Omschrijving"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Werkvorm")
        verbose_name_plural = _("Werkvormen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonLink(TranslatableOrderable):
    """Abstract row linking a page to a Person (trainer or author); subclasses add the ParentalKey."""

    person = models.ForeignKey(
        Person, verbose_name=_("Persoon"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(TranslatableOrderable.Meta):
        abstract = True

    @staticmethod
    def people_of(rows):
        """The people of a page's PersonLink rows in order, photos and renditions fetched up front."""
        rows = rows.select_related("person", "person__photo").prefetch_related(
            "person__photo__renditions"
        )
        return [row.person for row in rows]


class MethodLink(TranslatableOrderable):
    """Abstract row linking a page to a Method; subclasses add the ParentalKey."""

    method = models.ForeignKey(
        Method, verbose_name=_("Werkvorm"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("method")]

    class Meta(TranslatableOrderable.Meta):
        abstract = True

    @staticmethod
    def methods_of(rows):
        """The methods of a page's MethodLink rows, in order."""
        return [row.method for row in rows.select_related("method")]


class FooterText(TranslatableMixin, models.Model):
    """The footer's text, one per language (site settings cannot vary by language)."""

    body = RichTextField(_("Tekst"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Footertekst")
        verbose_name_plural = _("Footerteksten")

    def __str__(self):
        return str(_("Footertekst ({locale})")).format(locale=self.locale.get_display_name())


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links: the same in every language, so not translated."""

    organisation_name = models.CharField(_("Naam organisatie"), max_length=120, blank=True)
    email = models.EmailField(_("E-mailadres"), blank=True)
    phone = models.CharField(_("Telefoonnummer"), max_length=40, blank=True)
    address = models.TextField(_("Adres"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contactgegevens"),
        ),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Sociale media"),
        ),
    ]

    class Meta:
        verbose_name = _("Site-instellingen")

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]
