"""Learning tracks (leertrajecten) and the reusable modules their programmes are built from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import (
    RICH_TEXT_FEATURES,
    BaseStreamBlock,
    CallToActionBlock,
    GoalItemBlock,
    QuoteBlock,
)
from core.fields import TranslatablePageForeignKey
from core.models import (
    BaseIndexPage,
    BasePage,
    HeroImageMixin,
    MethodLink,
    PersonLink,
    TranslatableOrderable,
    localize_link_targets,
)
from themes.models import ThemedPageMixin, ThemeLink

from .choices import MeetingUnit, TrackForm
from .filters import LeertrajectFilterSet

# ---------------------------------------------------------------------------------------------
# Modules


class ModuleIndexPage(BaseIndexPage):
    subpage_types = ["trajecten.ModulePage"]

    class Meta:
        verbose_name = _("Module-overzicht")
        verbose_name_plural = _("Module-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = ModulePage.with_card_images(
            ModulePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(ModuleThemeLink.prefetch_with_themes())
        )
        return context


class ModulePage(ThemedPageMixin, BasePage):
    """A reusable building block or programme day; one module can appear in several tracks."""

    subtitle = models.CharField(
        _("Ondertitel"),
        max_length=200,
        blank=True,
        help_text=_("Bijv. 'Ik in relatie tot de ander'."),
    )
    summary = models.TextField(_("Samenvatting"), help_text=_("Een of twee zinnen over de module."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"), blank=True)
    duration = models.CharField(
        _("Duur"), max_length=100, blank=True, help_text=_("Bijv. '1 dag' of '2 dagdelen'.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("duration"),
        InlinePanel("method_links", label=_("Werkvormen")),
        InlinePanel("theme_links", label=_("Thema's")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields(
            "method_links", [index.RelatedFields("method", [index.SearchField("name")])]
        ),
        index.RelatedFields(
            "theme_links", [index.RelatedFields("theme", [index.SearchField("title")])]
        ),
    ]

    parent_page_types = ["trajecten.ModuleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Module")
        verbose_name_plural = _("Modules")

    @property
    def card_summary(self):
        return self.listing_summary or self.summary

    def get_tracks_using_module(self):
        """The live tracks whose programme includes this module: one query, however many."""
        return LeertrajectPage.with_card_images(
            LeertrajectPage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id,
                programme_steps__module__translation_key=self.translation_key,
            )
            .order_by("title")
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tracks"] = self.get_tracks_using_module()
        context["themes"] = self.get_themes()
        context["methods"] = MethodLink.methods_of(self.method_links)
        return context


class ModuleMethodLink(MethodLink):
    page = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="method_links")

    class Meta(MethodLink.Meta):
        verbose_name = _("Werkvorm van module")


class ModuleThemeLink(ThemeLink):
    page = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="theme_links")

    section_title = _("Modules")
    section_order = 20

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van module")


# ---------------------------------------------------------------------------------------------
# Tracks


class LeertrajectIndexPage(BaseIndexPage):
    subpage_types = ["trajecten.LeertrajectPage"]

    class Meta:
        verbose_name = _("Leertraject-overzicht")
        verbose_name_plural = _("Leertraject-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tracks = LeertrajectPage.with_card_images(
            LeertrajectPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(LeertrajectThemeLink.prefetch_with_themes())
            .order_by("title")
        )
        filterset = LeertrajectFilterSet(request.GET or None, queryset=tracks, locale=self.locale)
        context["filterset"] = filterset
        context["results"] = filterset.qs
        return context


class LeertrajectPage(ThemedPageMixin, HeroImageMixin, BasePage):
    subtitle = models.CharField(_("Ondertitel"), max_length=200, blank=True)
    intro = models.TextField(
        _("Inleiding"), help_text=_("Waar gaat het traject over, in een alinea.")
    )
    audience = RichTextField(
        _("Voor wie"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Voor wie is dit traject?"),
    )
    goals_intro = models.TextField(_("Inleiding op de doelen"), blank=True)
    goals = StreamField([("goal", GoalItemBlock())], verbose_name=_("Doelen"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("Toelichting"), blank=True)
    quotes = StreamField([("quote", QuoteBlock())], verbose_name=_("Citaten"), blank=True)

    programme_intro = models.TextField(_("Inleiding op het programma"), blank=True)

    form = models.CharField(
        _("Vorm"), max_length=20, choices=TrackForm.choices, default=TrackForm.IN_COMPANY
    )
    meeting_count = models.PositiveSmallIntegerField(_("Aantal"), null=True, blank=True)
    meeting_unit = models.CharField(
        _("Eenheid"), max_length=20, choices=MeetingUnit.choices, default=MeetingUnit.DAYS
    )
    duration = models.CharField(
        _("Looptijd"),
        max_length=100,
        blank=True,
        help_text=_("Bijv. 'zes maanden' of 'zomer 2017 tot april 2018'."),
    )
    client_name = models.CharField(
        _("Ontwikkeld voor"),
        max_length=120,
        blank=True,
        help_text=_("Alleen bij een traject op maat, bijv. 'gemeente Utrecht'."),
    )

    call_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        verbose_name=_("Oproep tot actie"),
        blank=True,
        max_num=1,
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("goals_intro"), FieldPanel("goals")], heading=_("Doelen")),
        FieldPanel("body"),
        FieldPanel("quotes"),
    ]
    programme_panels = [
        FieldPanel("programme_intro"),
        InlinePanel("programme_steps", label=_("Programma-onderdeel"), heading=_("Programma")),
    ]
    practical_panels = [
        FieldPanel("form"),
        FieldRowPanel(
            [FieldPanel("meeting_count"), FieldPanel("meeting_unit")], heading=_("Omvang")
        ),
        FieldPanel("duration"),
        FieldPanel("client_name"),
        InlinePanel("trainer_links", label=_("Trainer"), heading=_("Trainers")),
        InlinePanel("method_links", label=_("Werkvorm"), heading=_("Werkvormen")),
    ]
    promotion_panels = [
        InlinePanel("theme_links", label=_("Thema"), heading=_("Thema's")),
        FieldPanel("call_to_action"),
        *BasePage.promote_panels,
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            ObjectList(programme_panels, heading=_("Programma")),
            ObjectList(practical_panels, heading=_("Praktisch")),
            ObjectList(promotion_panels, heading=_("Promotie")),
            ObjectList(BasePage.settings_panels, heading=_("Instellingen")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("intro", boost=2),
        index.SearchField("audience"),
        index.SearchField("goals"),
        index.SearchField("body"),
        index.SearchField("client_name"),
        index.FilterField("form"),
        index.RelatedFields(
            "method_links", [index.RelatedFields("method", [index.SearchField("name")])]
        ),
        index.RelatedFields(
            "theme_links", [index.RelatedFields("theme", [index.SearchField("title")])]
        ),
        index.RelatedFields(
            "programme_steps",
            [index.SearchField("label"), index.SearchField("title"), index.SearchField("note")],
        ),
    ]

    parent_page_types = ["trajecten.LeertrajectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Leertraject")
        verbose_name_plural = _("Leertrajecten")

    @property
    def size_label(self):
        """'6 dagen', '17 bijeenkomsten' or '' when not set."""
        if not self.meeting_count:
            return ""
        return f"{self.meeting_count} {self.get_meeting_unit_display()}"

    def get_programme(self):
        """The programme in order, modules fetched with their steps in one query."""
        steps = self.programme_steps.select_related("module")
        return localize_link_targets(steps, "module", self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme"] = self.get_programme()
        context["themes"] = self.get_themes()
        context["trainers"] = PersonLink.people_of(self.trainer_links)
        context["methods"] = MethodLink.methods_of(self.method_links)
        # Reverse relations declared by the cases and articles apps (no upward import).
        case_model = self.case_studies.model
        article_model = self.related_article_links.model._meta.get_field("page").related_model
        context["related_cases"] = case_model.with_card_images(
            self.case_studies.live().public().order_by("title")
        )
        article_links = self.related_article_links.filter(page__live=True).order_by("-page__date")
        context["related_articles"] = [
            link.page for link in article_model.with_card_images(article_links, via="page__")
        ]
        return context


class ProgrammeStep(TranslatableOrderable):
    """One step of a track's programme: a module (a day) or an interlude between modules."""

    class Kind(models.TextChoices):
        MODULE = "module", _("Module")
        ASSIGNMENT = "opdracht", _("Opdracht uitvoeren")
        APPLY = "toepassen", _("Toepassen in je werk")
        INTERVIEW = "interview", _("Interview")
        PITCH = "pitch", _("Afsluitende pitch")

    page = ParentalKey(LeertrajectPage, on_delete=models.CASCADE, related_name="programme_steps")
    kind = models.CharField(_("Soort"), max_length=20, choices=Kind.choices, default=Kind.MODULE)
    module = TranslatablePageForeignKey(
        ModulePage,
        verbose_name=_("Module"),
        null=True,
        blank=True,
        # A module in use cannot be deleted on its own; a tree holding both module and track can.
        on_delete=models.RESTRICT,
        related_name="programme_steps",
        help_text=_("Verplicht bij soort 'Module'."),
    )
    label = models.CharField(
        _("Label"), max_length=40, blank=True, help_text=_("Bijv. 'Dag 1' of 'Bijeenkomst 3'.")
    )
    title = models.CharField(
        _("Titel"),
        max_length=200,
        blank=True,
        help_text=_("Leeg: de titel van de module of de naam van de soort."),
    )
    note = models.TextField(
        _("Toelichting voor dit traject"),
        blank=True,
        help_text=_("Wat deze stap in dit traject bijzonder maakt."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldPanel("module"),
        FieldPanel("title"),
        FieldPanel("note"),
    ]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Programma-onderdeel")
        verbose_name_plural = _("Programma")

    def __str__(self):
        return self.display_title

    def clean(self):
        super().clean()
        if self.kind == self.Kind.MODULE and not self.module_id:
            raise ValidationError(
                {"module": _("Kies een module voor een stap van de soort 'Module'.")}
            )
        if self.kind != self.Kind.MODULE and self.module_id:
            raise ValidationError(
                {"module": _("Alleen een stap van de soort 'Module' verwijst naar een module.")}
            )

    @property
    def is_module(self):
        return self.kind == self.Kind.MODULE

    @property
    def display_title(self):
        if self.title:
            return self.title
        if self.is_module and self.module:
            return self.module.title
        return self.get_kind_display()


class LeertrajectThemeLink(ThemeLink):
    page = ParentalKey(LeertrajectPage, on_delete=models.CASCADE, related_name="theme_links")

    section_title = _("Leertrajecten")
    section_order = 10

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van leertraject")


class LeertrajectTrainer(PersonLink):
    page = ParentalKey(LeertrajectPage, on_delete=models.CASCADE, related_name="trainer_links")

    class Meta(PersonLink.Meta):
        verbose_name = _("Trainer")


class LeertrajectMethodLink(MethodLink):
    page = ParentalKey(LeertrajectPage, on_delete=models.CASCADE, related_name="method_links")

    class Meta(MethodLink.Meta):
        verbose_name = _("Werkvorm van leertraject")
