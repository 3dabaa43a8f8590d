"""The shared block library: every StreamField on the site is built from these blocks.

Each block has its own template under `templates/blocks/` and a preview value so editors see it
in the block picker. Page-specific blocks live in the app of their page type.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .choosers import LocalisedPageChooserBlock
from .links import LinkResolver
from .sanitising import safe_url, sanitise_rich_text, validate_safe_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


# Stored values are checked when loaded, not only in the admin's form: a value written by an
# import, a command or raw JSON reaches the templates through these blocks too.


class SafeChoiceBlock(blocks.ChoiceBlock):
    """A ChoiceBlock whose value is always one of its choices: an unknown stored value (which
    a template may use as a tag or class name) becomes the default."""

    def checked(self, value):
        return value if value and self.field.valid_value(value) else self.get_default()

    def to_python(self, value):
        return self.checked(super().to_python(value))


class SafeURLBlock(blocks.URLBlock):
    """A URLBlock for links visitors click: http, https, mailto, tel or relative (see
    core.sanitising). Another URL is refused in the admin, and loaded as empty otherwise."""

    def __init__(self, validators=(), **kwargs):
        super().__init__(validators=[*validators, validate_safe_url], **kwargs)

    def to_python(self, value):
        return safe_url(super().to_python(value))

    def get_prep_value(self, value):
        return safe_url(super().get_prep_value(value))


class LayoutChoiceBlock(SafeChoiceBlock):
    """A choice about presentation (a heading level, ...): not words a visitor searches for, so
    kept out of the search index and its excerpts."""

    def get_searchable_content(self, value):
        return []


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = LayoutChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
        help_text=_("Kop 1 is de paginatitel; begin in de tekst bij kop 2."),
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"
        description = _("Een tussenkop die de pagina in delen opdeelt.")
        preview_value = {"text": "Doelen van het leertraject", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # The level becomes the tag name: checked again here, for values built in code.
        context["level"] = self.child_blocks["level"].checked(value.get("level"))
        return context


class RichTextBlock(blocks.RichTextBlock):
    """Rich text reduced to Wagtail's stored elements with safe links (core.sanitising),
    when saved and when loaded."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("label", _("Tekst"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return RichText(sanitise_rich_text(value))

    def get_prep_value(self, value):
        return sanitise_rich_text(super().get_prep_value(value))

    # Read from a posted form: a refused form is shown again with it, and Wagtail's editor
    # widget fails on markup it cannot read (a forged page link id, for one).
    def value_from_form(self, value):
        return self.to_python(super().value_from_form(value).source)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        description = _("Lopende tekst met opmaak, links en lijsten.")
        preview_value = (
            "<p>Professionals in publieke organisaties werken steeds vaker <b>samen</b> "
            "met inwoners en partners.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(
        label=_("Naam"), required=False, help_text=_("Wie zei dit? Laat leeg voor anoniem.")
    )
    role = blocks.CharBlock(
        label=_("Rol of organisatie"), required=False, help_text=_("Bijv. 'oud-deelnemer'.")
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        description = _("Een uitspraak van een deelnemer, opdrachtgever of trainer.")
        preview_value = {
            "quote": "Ik vond mijn nieuwsgierigheid terug tijdens het traject.",
            "attribution": "Oud-deelnemer",
            "role": "Jurist, gemeente",
        }


class GoalItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Doel"), max_length=250)
    description = blocks.TextBlock(label=_("Toelichting"), required=False)

    class Meta:
        icon = "tick"
        label = _("Doel")
        template = "blocks/goal_item_block.html"
        preview_value = {
            "title": "Samenwerken met anderen",
            "description": "Binnen en buiten de organisatie.",
        }


class GoalsListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False)
    intro = blocks.TextBlock(label=_("Inleiding"), required=False)
    items = blocks.ListBlock(GoalItemBlock(), label=_("Doelen of competenties"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Doelen of competenties")
        template = "blocks/goals_list_block.html"
        description = _("Een lijst van leerdoelen of competenties, elk met optionele toelichting.")
        preview_value = {
            "heading": "Doelen",
            "items": [
                {
                    "title": "Samenwerken met anderen",
                    "description": "Binnen en buiten de organisatie.",
                },
                {"title": "Regie houden vanuit een stevige basis", "description": ""},
            ],
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        help_text=_("Beschrijf wat er te zien is. Laat leeg als de afbeelding alleen sfeer geeft."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False)

    class Meta:
        icon = "image"
        label = _("Afbeelding met onderschrift")
        template = "blocks/image_with_caption_block.html"
        description = _("Een afbeelding over de volle breedte met onderschrift.")

    def get_preview_value(self):
        # The newest image in the library, so the preview shows a real picture when there is one.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": "", "caption": "Deelnemers tijdens een trainingsdag"}
        )


class FactItemBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    value = blocks.CharBlock(label=_("Waarde"), max_length=250)

    class Meta:
        icon = "info-circle"
        label = _("Feit")


class FactsListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Kop"), required=False)
    facts = blocks.ListBlock(FactItemBlock(), label=_("Feiten"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Feitenlijst")
        template = "blocks/facts_list_block.html"
        description = _("Korte feiten op een rij, zoals duur, aantal bijeenkomsten of vorm.")
        preview_value = {
            "heading": "In het kort",
            "facts": [
                {"label": "Bijeenkomsten", "value": "17"},
                {"label": "Periode", "value": "zomer 2017 - april 2018"},
            ],
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    button_label = blocks.CharBlock(label=_("Tekst op de knop"), max_length=60)
    page = LocalisedPageChooserBlock(label=_("Interne pagina"), required=False)
    url = SafeURLBlock(label=_("Externe link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "blocks/call_to_action_block.html"
        description = _("Een opvallend blok met een knop naar een pagina of link.")
        preview_value = {
            "title": "Benieuwd wat wij voor uw organisatie kunnen doen?",
            "text": "Neem contact op voor een vrijblijvend gesprek.",
            "button_label": "Neem contact op",
            "url": "https://example.org/",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        if page is not None:
            # The page in the visitor's language, the marked fallback, or None: then no button.
            request = (parent_context or {}).get("request")
            context["target_page"] = LinkResolver.for_request(request).resolve_one(page)
        return context

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Kies een interne pagina óf vul een externe link in.")
                    )
                }
            )
        return value


class EmbedBlock(WagtailEmbedBlock):
    """An embed whose URL is safe to show as the fallback link (core.sanitising)."""

    def to_python(self, value):
        return super().to_python(safe_url(value))

    def get_prep_value(self, value):
        return safe_url(super().get_prep_value(value))

    def clean(self, value):
        if value:
            validate_safe_url(value.url)
        return super().clean(value)

    class Meta:
        icon = "media"
        label = _("Video of embed")
        template = "blocks/embed_block.html"
        preview_template = "blocks/previews/embed_block_preview.html"
        description = _("Een video of andere inhoud van bijvoorbeeld YouTube of Vimeo.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every page: the shared blocks above, nothing page-specific."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    quote = QuoteBlock()
    goals = GoalsListBlock()
    image = ImageWithCaptionBlock()
    facts = FactsListBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedBlock()
