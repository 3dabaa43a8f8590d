"""Learning tracks (leertrajecten) and the reusable modules their programmes are built from."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
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
from core.blocks import (
    RICH_TEXT_FEATURES,
    BaseStreamBlock,
    CallToActionBlock,
    GoalItemBlock,
    QuoteBlock,
)
from core.cards import CardFact, build_cards, related_sections
from core.fields import SafeRichTextField
from core.links import LinkResolver, in_translations_of, tree_order
from core.models import (
    BaseIndexPage,
    BasePage,
    HeroImageMixin,
    MethodLink,
    PersonLink,
    TranslatableOrderable,
    indexed_text,
)
from core.page_cache import lazily
from themes.models import ThemedPageMixin, ThemeLink

from .choices import MeetingUnit, TrackForm
from .filters import LeertrajectFilterSet
from .forms import LeertrajectPageForm
from .panels import ProgrammeStepsPanel

# ---------------------------------------------------------------------------------------------
# Modules


class ModuleIndexPage(BaseIndexPage):
    subpage_types = ["trajecten.ModulePage"]

    class Meta:
        verbose_name = _("Module-overzicht")
        verbose_name_plural = _("Module-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)

        def cards():
            modules = resolver.localize(
                ModulePage.objects.filter(in_translations_of(self, children_only=True))
            )
            return build_cards(ModulePage.for_cards(modules.order_by(tree_order())), resolver)

        # Kept until the content changes (`LinkResolver.remember_for_site`).
        context["cards"] = lazily(
            lambda: resolver.remember_for_site(("module_cards", self.pk), cards)
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
    goals = StreamField(
        [("goal", GoalItemBlock())],
        verbose_name=_("Doelen"),
        blank=True,
        help_text=_(
            "Wat deelnemers in deze module leren. Een leertraject kan eigen doelen voor de "
            "module opgeven; anders toont het deze."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("Inhoud"), blank=True)
    duration = models.CharField(
        _("Duur"), max_length=100, blank=True, help_text=_("Bijv. '1 dag' of '2 dagdelen'.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("summary"),
        FieldPanel("goals"),
        FieldPanel("body"),
        FieldPanel("duration"),
        InlinePanel("method_links", label=_("Werkvormen")),
        InlinePanel("theme_links", label=_("Thema's")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("summary", boost=2),
        index.SearchField("goals"),
        index.SearchField("body"),
        # What the page shows of other pages and snippets, in its own language (see
        # BasePage.search_resolver): methods by their names, themes by their titles.
        index.SearchField("search_method_names"),
        index.SearchField("search_theme_titles"),
    ]

    parent_page_types = ["trajecten.ModuleIndexPage"]
    subpage_types = []

    schema_type = "Course"

    class Meta:
        verbose_name = _("Module")
        verbose_name_plural = _("Modules")

    @property
    def card_subtitle(self):
        return self.subtitle

    @property
    def card_summary(self):
        return self.listing_summary or self.summary

    @indexed_text
    def search_method_names(self):
        return MethodLink.names_of(self.method_links, self.search_resolver)

    def get_card_facts(self):
        return [CardFact(self.duration)] if self.duration else []

    def get_tracks_using_module(self, resolver):
        """The tracks whose programme includes this module (in any language), as the visitor
        may see them: one query, however many."""
        tracks = LeertrajectPage.objects.filter(
            programme_steps__module__translation_key=self.translation_key
        )
        return resolver.localize(tracks).order_by("title")

    def get_schema_entity(self, request):
        """A course of its own, part of the tracks that use it (those the visitor may see)."""
        resolver = LinkResolver.for_request(request)
        return {
            **super().get_schema_entity(request),
            **seo.compact(
                {
                    "provider": self.get_schema_organisation(request),
                    "isPartOf": [
                        seo.page_reference(track, request, "Course")
                        for track in seo.in_own_language(self.get_tracks_using_module(resolver))
                    ],
                }
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        context["tracks"] = lazily(lambda: self.get_tracks_using_module(resolver))
        context["themes"] = lazily(lambda: self.get_themes(resolver))
        context["methods"] = lazily(lambda: MethodLink.methods_of(self.method_links, resolver))
        return context


class ModuleMethodLink(MethodLink):
    page = ParentalKey(
        ModulePage,
        verbose_name=_("Module"),
        on_delete=models.CASCADE,
        related_name="method_links",
    )

    class Meta(MethodLink.Meta):
        verbose_name = _("Werkvorm van module")
        verbose_name_plural = _("Werkvormen van module")


class ModuleThemeLink(ThemeLink):
    page = ParentalKey(
        ModulePage,
        verbose_name=_("Module"),
        on_delete=models.CASCADE,
        related_name="theme_links",
    )

    section_title = _("Modules")
    section_order = 20

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van module")
        verbose_name_plural = _("Thema's van module")


# ---------------------------------------------------------------------------------------------
# Tracks


class LeertrajectIndexPage(BaseIndexPage):
    subpage_types = ["trajecten.LeertrajectPage"]

    class Meta:
        verbose_name = _("Leertraject-overzicht")
        verbose_name_plural = _("Leertraject-overzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        tracks = LeertrajectPage.objects.filter(in_translations_of(self, children_only=True))
        # The filter form reads every theme: kept rendered with the rest when unfiltered.
        filterset = lazily(
            lambda: LeertrajectFilterSet(request.GET or None, queryset=tracks, resolver=resolver)
        )

        def cards():
            results = resolver.localize(filterset.qs).order_by("title")
            return build_cards(LeertrajectPage.for_cards(results), resolver)

        context["filterset"] = filterset
        context["cards"] = lazily(cards)
        return context


class LeertrajectPage(ThemedPageMixin, HeroImageMixin, BasePage):
    subtitle = models.CharField(_("Ondertitel"), max_length=200, blank=True)
    intro = models.TextField(
        _("Inleiding"), help_text=_("Waar gaat het traject over, in een alinea.")
    )
    audience = SafeRichTextField(
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
    meeting_count = models.PositiveSmallIntegerField(
        _("Aantal"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message=_("Vul minstens 1 in, of laat het veld leeg."))],
        help_text=_(
            "Hoeveel dagen of bijeenkomsten het traject telt; minstens het aantal modules."
        ),
    )
    meeting_unit = models.CharField(
        _("Eenheid"), max_length=20, choices=MeetingUnit.choices, default=MeetingUnit.DAYS
    )
    duration = models.CharField(
        _("Looptijd"),
        max_length=100,
        blank=True,
        help_text=_("Bijv. 'zes maanden' of 'zomer 2017 tot april 2018'."),
    )
    credential = models.CharField(
        _("Bewijs van deelname"),
        max_length=120,
        blank=True,
        help_text=_("Wat deelnemers na afloop krijgen, bijv. 'certificaat'. Leeg: niets."),
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
        ProgrammeStepsPanel(
            "programme_steps",
            label=_("Programma-onderdeel"),
            heading=_("Programma"),
            help_text=_(
                "Publiceren kan zodra het programma minstens één module heeft; een concept mag "
                "nog leeg zijn."
            ),
        ),
    ]
    practical_panels = [
        FieldPanel("form"),
        FieldRowPanel(
            [FieldPanel("meeting_count"), FieldPanel("meeting_unit")], heading=_("Omvang")
        ),
        FieldPanel("duration"),
        FieldPanel("credential"),
        InlinePanel("start_dates", label=_("Startmoment"), heading=_("Startmomenten")),
        FieldPanel("client_name"),
        InlinePanel("trainer_links", label=_("Trainer"), heading=_("Trainers")),
        InlinePanel("method_links", label=_("Werkvorm"), heading=_("Werkvormen")),
    ]
    promote_panels = [
        InlinePanel("theme_links", label=_("Thema"), heading=_("Thema's")),
        FieldPanel("call_to_action"),
        *BasePage.promote_panels,
    ]
    extra_tabs = [(_("Programma"), programme_panels), (_("Praktisch"), practical_panels)]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle", boost=2),
        index.SearchField("intro", boost=2),
        index.SearchField("audience"),
        index.SearchField("goals"),
        index.SearchField("body"),
        index.SearchField("client_name"),
        index.SearchField("programme_intro"),
        index.FilterField("form"),
        # What the page shows of other pages and snippets, in its own language (see
        # BasePage.search_resolver): the programme with its modules, trainers, methods, themes.
        index.SearchField("search_programme"),
        index.SearchField("search_trainer_names"),
        index.SearchField("search_method_names"),
        index.SearchField("search_theme_titles"),
    ]

    parent_page_types = ["trajecten.LeertrajectIndexPage"]
    subpage_types = []
    base_form_class = LeertrajectPageForm

    schema_type = "Course"

    class Meta:
        verbose_name = _("Leertraject")
        verbose_name_plural = _("Leertrajecten")

    @property
    def size_label(self):
        """'6 dagen', '17 bijeenkomsten' or '' when not set."""
        if not self.meeting_count:
            return ""
        return f"{self.meeting_count} {self.get_meeting_unit_display()}"

    @property
    def card_subtitle(self):
        return self.subtitle

    def get_card_facts(self):
        facts = [CardFact(self.get_form_display())]
        if self.size_label:
            facts.append(CardFact(self.size_label))
        return facts

    @property
    def is_tailor_made(self):
        """Built with the client: an intake for it asks which modules are of interest."""
        return self.form == TrackForm.TAILOR_MADE

    @property
    def has_module_step(self):
        """Whether the programme has a step with a module: a track is only published with one
        (see LeertrajectPageForm and the bulk publish hook)."""
        return any(step.is_module and step.module_id for step in self.programme_steps.all())

    def get_upcoming_starts(self):
        """The cohorts still to start, soonest first (in-memory rows in a preview too); read
        once per page object (the facts box and the structured data both show them)."""
        if "_upcoming_starts" not in self.__dict__:
            today = timezone.localdate()
            self.__dict__["_upcoming_starts"] = sorted(
                (start for start in self.start_dates.all() if start.start_date >= today),
                key=lambda start: start.start_date,
            )
        return self.__dict__["_upcoming_starts"]

    def get_programme(self, resolver):
        """The programme in order, as the visitor may see it: two queries, however long, kept
        until the content changes (the page, its structured data and its intake show it)."""
        if self.pk is None:  # a preview of a track not saved yet
            return ProgrammeStep.programme_of(self, resolver)
        return resolver.remember_for_site(
            ("programme", self.pk), lambda: ProgrammeStep.programme_of(self, resolver)
        )

    def get_programme_modules(self, resolver):
        """The modules of the programme the visitor may see, each once, in programme order."""
        modules = (getattr(step, "shown_module", None) for step in self.get_programme(resolver))
        return list({module.pk: module for module in modules if module is not None}.values())

    def get_intake_modules(self, resolver):
        """The modules an intake for this track starts with ticked: for a tailor-made track
        those of its programme, as the visitor may see them (the client adapts the choice);
        none for the others, whose programme is fixed."""
        if self.form != TrackForm.TAILOR_MADE:
            return []
        return self.get_programme_modules(resolver)

    def get_schema_entity(self, request):
        """A course: its provider, form, size, the cohorts still to start (course instances,
        as the page lists them) and the modules of its programme the visitor may see (its
        parts)."""
        resolver = LinkResolver.for_request(request)
        form = self.get_form_display()
        instances = [
            seo.compact(
                {
                    "@type": "CourseInstance",
                    "courseMode": form,
                    "startDate": start.start_date,
                    "endDate": start.end_date,
                    "courseWorkload": self.size_label,
                }
            )
            for start in self.get_upcoming_starts()
        ]
        if not instances:
            # No cohort to come (past ones are over, as on the page): how and over what period
            # the track is given.
            instances = [
                seo.compact(
                    {
                        "@type": "CourseInstance",
                        "courseMode": form,
                        "courseWorkload": self.size_label,
                        "description": self.duration,
                    }
                )
            ]
        is_in_days = self.meeting_count and self.meeting_unit == MeetingUnit.DAYS
        return {
            **super().get_schema_entity(request),
            **seo.compact(
                {
                    "alternativeHeadline": self.subtitle,
                    "provider": self.get_schema_organisation(request),
                    "educationalCredentialAwarded": self.credential,
                    "timeRequired": f"P{self.meeting_count}D" if is_in_days else None,
                    "hasCourseInstance": instances,
                    "hasPart": [
                        seo.page_reference(module, request, "Course")
                        for module in seo.in_own_language(self.get_programme_modules(resolver))
                    ],
                }
            ),
        }

    @indexed_text
    def search_programme(self):
        """The programme as its visitors read it: each step's label, title (its own or its
        module's) and text (its note, and its own introduction or else its module's summary)."""
        texts = []
        for step in self.get_programme(self.search_resolver):
            module = getattr(step, "shown_module", None)
            texts += [
                step.label,
                step.title or (module.title if module else ""),
                module.subtitle if module else "",
                step.note,
                step.intro or (module.summary if module else ""),
            ]
        return " ".join(text for text in texts if text)

    @indexed_text
    def search_trainer_names(self):
        return PersonLink.names_of(self.trainer_links, self.search_resolver)

    @indexed_text
    def search_method_names(self):
        return MethodLink.names_of(self.method_links, self.search_resolver)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resolver = LinkResolver.for_request(request)
        # The day-by-day sequence, and apart from it what runs alongside the whole programme.
        context["programme"] = lazily(
            lambda: [step for step in self.get_programme(resolver) if not step.is_alongside]
        )
        context["alongside"] = lazily(
            lambda: [step for step in self.get_programme(resolver) if step.is_alongside]
        )
        context["upcoming_starts"] = lazily(self.get_upcoming_starts)
        context["themes"] = lazily(lambda: self.get_themes(resolver))
        context["trainers"] = lazily(lambda: PersonLink.people_of(self.trainer_links, resolver))
        context["methods"] = lazily(lambda: MethodLink.methods_of(self.method_links, resolver))
        # Cases and articles about this track, found by the apps that own them.
        context["related_sections"] = lazily(lambda: related_sections(self, resolver))
        return context


class ProgrammeStep(TranslatableOrderable):
    """One step of a track's programme: a module (a day), an interlude between modules, or an
    activity that runs alongside the whole programme (intervisie groups, coaching)."""

    class Kind(models.TextChoices):
        MODULE = "module", _("Module")
        ASSIGNMENT = "opdracht", _("Opdracht uitvoeren")
        APPLY = "toepassen", _("Toepassen in je werk")
        INTERVIEW = "interview", _("Interview")
        PITCH = "pitch", _("Afsluitende pitch")
        ALONGSIDE = "doorlopend", _("Loopt door naast het programma")

    page = ParentalKey(
        LeertrajectPage,
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="programme_steps",
    )
    kind = models.CharField(
        _("Soort"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.MODULE,
        help_text=_(
            "'Loopt door naast het programma' is voor bijv. intervisiegroepen of coaching: "
            "bezoekers zien die apart van de dagen."
        ),
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("Module"),
        null=True,
        blank=True,
        # Deleting a module in use is refused in the admin (see wagtail_hooks); should one go
        # anyway, the step stays, marked "module verwijderd" for editors and left out for visitors.
        on_delete=models.SET_NULL,
        related_name="programme_steps",
        help_text=_("Verplicht bij soort 'Module', mogelijk bij 'Loopt door naast het programma'."),
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
    # The module adapted to this track, so that reuse never forces a copy of the module.
    intro = models.TextField(
        _("Eigen inleiding"),
        blank=True,
        help_text=_("Leeg: de samenvatting van de module."),
    )
    goals = StreamField(
        [("goal", GoalItemBlock())],
        verbose_name=_("Eigen doelen"),
        blank=True,
        help_text=_("Leeg: de doelen van de module."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldPanel("module"),
        FieldPanel("title"),
        FieldPanel("note"),
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("goals")],
            heading=_("De module in dit traject"),
            help_text=_(
                "Alleen nodig als dit traject een eigen inleiding of eigen doelen voor de module "
                "heeft; de module zelf blijft ongewijzigd."
            ),
        ),
    ]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Programma-onderdeel")
        verbose_name_plural = _("Programma")

    def __str__(self):
        if self.title:
            return self.title
        if self.module_id:
            return self.module.title
        return self.get_kind_display()

    def clean(self):
        super().clean()
        if self.kind == self.Kind.MODULE and not self.module_id:
            raise ValidationError(
                {"module": _("Kies een module voor een stap van de soort 'Module'.")}
            )
        errors = {}
        if self.is_interlude:
            if self.module_id:
                errors["module"] = _(
                    "Alleen een module of een stap die doorloopt naast het programma verwijst "
                    "naar een module."
                )
            elif not (self.title.strip() or self.note.strip()):
                errors["note"] = _("Vul een titel of toelichting in: wat doen deelnemers hier?")
        if self.is_alongside and not (self.module_id or self.title.strip()):
            errors["title"] = _("Geef een titel of kies een module: wat loopt er naast?")
        if not self.module_id:
            if self.intro.strip():
                errors["intro"] = _("Een eigen inleiding hoort bij een stap met een module.")
            if self.goals:
                errors["goals"] = _("Eigen doelen horen bij een stap met een module.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_module(self):
        return self.kind == self.Kind.MODULE

    @property
    def is_alongside(self):
        return self.kind == self.Kind.ALONGSIDE

    @property
    def is_interlude(self):
        return not (self.is_module or self.is_alongside)

    @classmethod
    def programme_of(cls, track, resolver):
        """`track`'s steps in order, each step with a module given `shown_module`: its module
        as the visitor may see it. A step whose module the visitor may not see (or that is
        gone) is left out."""
        steps = list(track.programme_steps.select_related("module"))
        modules = resolver.by_translation_key(step.module for step in steps if step.module_id)
        shown = []
        for step in steps:
            if step.is_module or step.module_id:
                step.shown_module = modules.get(getattr(step.module, "translation_key", None))
                if step.shown_module is None:
                    continue
            shown.append(step)
        return shown

    @property
    def display_title(self):
        """The title a visitor sees: the step's own, else its module's (as `programme_of`
        resolved it), else the name of its kind."""
        if self.title:
            return self.title
        module = getattr(self, "shown_module", None) or self.module
        if module is not None:
            return module.title
        return self.get_kind_display()


class TrackStart(TranslatableOrderable):
    """A period in which a group follows the track (a cohort): when it starts and ends."""

    page = ParentalKey(
        LeertrajectPage,
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="start_dates",
    )
    start_date = models.DateField(_("Startdatum"))
    end_date = models.DateField(
        _("Einddatum"), null=True, blank=True, help_text=_("Leeg: nog niet bekend.")
    )

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]

    class Meta(TranslatableOrderable.Meta):
        verbose_name = _("Startmoment")
        verbose_name_plural = _("Startmomenten")

    def __str__(self):
        return f"{self.start_date} – {self.end_date or '…'}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})


class LeertrajectThemeLink(ThemeLink):
    page = ParentalKey(
        LeertrajectPage,
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="theme_links",
    )

    section_title = _("Leertrajecten")
    section_order = 10

    class Meta(ThemeLink.Meta):
        verbose_name = _("Thema van leertraject")
        verbose_name_plural = _("Thema's van leertraject")


class LeertrajectTrainer(PersonLink):
    page = ParentalKey(
        LeertrajectPage,
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="trainer_links",
    )

    class Meta(PersonLink.Meta):
        verbose_name = _("Trainer")
        verbose_name_plural = _("Trainers")


class LeertrajectMethodLink(MethodLink):
    page = ParentalKey(
        LeertrajectPage,
        verbose_name=_("Leertraject"),
        on_delete=models.CASCADE,
        related_name="method_links",
    )

    class Meta(MethodLink.Meta):
        verbose_name = _("Werkvorm van leertraject")
        verbose_name_plural = _("Werkvormen van leertraject")
