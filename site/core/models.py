"""Shared building blocks of the content model: base page, translatable links, snippets, settings."""

import functools

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PageViewRestriction,
    PreviewableMixin,
    RevisionMixin,
    Site,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from . import page_cache, seo
from .blocks import RICH_TEXT_FEATURES
from .cards import CARD_IMAGE_SPECS
from .fields import SafeRichTextField, SafeURLField
from .links import LinkResolver, rendering, stream_page_references
from .panels import page_tabs
from .references import missing_references
from .sanitising import safe_url


def indexed_text(method):
    """For a page's `search_*` method: its text computed once per instance. modelsearch's
    database backends read every search field once for each column they fill (title, body,
    autocomplete), and these texts cost queries."""

    @functools.wraps(method)
    def once(self):
        texts = self.__dict__.setdefault("_indexed_texts", {})
        if method.__name__ not in texts:
            texts[method.__name__] = method(self)
        return texts[method.__name__]

    return once


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
        FieldPanel("social_image"),
    ]

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Afbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Getoond als de pagina gedeeld wordt, bijgesneden tot 1200 × 630 pixels. Leeg: de "
            "hoofdafbeelding van de pagina, anders de standaardafbeelding uit de site-instellingen."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    # A page type's own tabs between "Inhoud" and "Promotie": [(heading, panels)].
    extra_tabs = []

    # Whether anonymous visitors get this page from the page cache (core/page_cache.py); off for
    # a page type that shows a form or anything else per visitor.
    cache_page = True

    class Meta:
        abstract = True

    @classproperty
    def edit_handler(cls):
        # Built from each page type's own panels, so every type gets the same tabs.
        return page_tabs(
            cls.content_panels, cls.extra_tabs, cls.promote_panels, cls.settings_panels
        )

    # What this page's card shows (see core/cards.py). Listings ask every page type the same
    # questions, so no template and no other app needs to know a page type's fields.
    card_image_field_names = ("listing_image",)  # image keys tried in order, first one set wins

    @property
    def card_label(self):
        """What kind of page this is, e.g. "Leertraject"."""
        return self._meta.verbose_name

    @property
    def card_subtitle(self):
        return ""

    @property
    def card_summary(self):
        return self.listing_summary or getattr(self, "intro", "") or self.search_description

    @property
    def card_image(self):
        return next(
            (image for name in self.card_image_field_names if (image := getattr(self, name))),
            None,
        )

    def get_card_facts(self):
        """Short facts for the card (`CardFact`s), e.g. a track's form and size."""
        return []

    def get_card_themes(self):
        """The stored theme references the card shows as tags (resolved by `build_cards`)."""
        return []

    @classmethod
    def for_cards(cls, queryset):
        """`queryset` with everything its cards show fetched up front: the card images and
        their renditions, so a listing costs the same number of queries however many cards,
        on a cold cache too."""
        fields = cls.card_image_field_names
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec__in=CARD_IMAGE_SPECS)
        )
        # Only the card's own renditions: an image's others (a hero's, say) are not needed;
        # and no StreamField (a card shows none), which spares reading and decoding the body.
        return (
            queryset.defer_streamfields()
            .select_related(*fields)
            .prefetch_related(
                *(
                    Prefetch(
                        f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions"
                    )
                    for field in fields
                )
            )
        )

    # What the page is to search engines and link previews (see core/seo.py): its schema.org
    # type and Open Graph type; page types with more to say override `get_schema_entity`.
    schema_type = "WebPage"
    og_type = "website"

    @property
    def main_image(self):
        """The page's own main image: what a shared link shows when no social image is set."""
        return self.listing_image

    @property
    def meta_description(self):
        """For search engines and link previews: the search description, else the summary."""
        return " ".join(str(self.search_description or self.card_summary or "").split())

    def get_canonical_url(self, request, context=None):
        """The address search engines should index this page under: its own, without query
        strings, so a filtered listing does not compete with the plain one. `context` is the
        template's, for listings that keep their pagination (see ArticleIndexPage)."""
        return self.get_full_url(request) or ""

    def get_share_image(self, request):
        """The image of a shared link (see `seo.share_image`): the social image, else the
        page's main image, else the site's default; None when there is none. Read once."""
        if "_share_image" not in self.__dict__:
            image = self.social_image or self.main_image
            if image is None:
                image = SiteSettings.for_request(request).default_social_image
            base_url = self.get_full_url(request) or request.build_absolute_uri("/")
            self.__dict__["_share_image"] = seo.share_image(image, base_url)
        return self.__dict__["_share_image"]

    def get_structured_data(self, request):
        """The page's schema.org data as plain dicts, in its own language: what it is, and
        where it sits (breadcrumbs). Rendered as JSON-LD by `{% page_meta %}`."""
        return [self.get_schema_entity(request), seo.breadcrumb_list(self, request)]

    def get_schema_entity(self, request):
        """What this page is, as a schema.org item: a web page, unless the page type says
        more (a course, an article, the organisation)."""
        return {"@context": seo.SCHEMA_CONTEXT, **self.get_schema_basics(request)}

    def get_schema_basics(self, request):
        return seo.compact(
            {
                "@type": self.schema_type,
                "name": self.title,
                "description": self.meta_description,
                "url": seo.page_url(self, request),
                "inLanguage": self.schema_language(request),
            }
        )

    def get_schema_organisation(self, request, details=False):
        """The site's organisation (a provider, a publisher, or the home page's subject): its
        name and home page, and with `details` its contact details and social profiles."""
        site_settings = SiteSettings.for_request(request)
        name = site_settings.organisation_name or _("Leertrajecten")
        organisation = site_settings.get_organisation_data(name, seo.home_url(request))
        if not details:
            organisation = {key: organisation.get(key) for key in ("@type", "name", "url")}
        return seo.compact(organisation)

    def schema_language(self, request):
        return LinkResolver.for_request(request).language_of(self)

    @cached_property
    def search_resolver(self):
        """The resolver of a visitor reading this page's language, for the texts its search
        entry takes from what the page shows (themes, modules, people, methods).

        Not the index's related fields: stored keys may point at another language's version
        (see core/links.py), and a draft or private target must not make the page findable.
        """
        return LinkResolver(language_code=self.locale.language_code)

    def with_content_json(self, content):
        # A stored version may point at a module, theme or person deleted since: the rows keep
        # working without it (django-modelcluster empties the key, or leaves the row out when
        # the key is required), and the edit view names what went (see core/wagtail_hooks.py).
        page = super().with_content_json(content)
        page._stored_content = content
        return page

    def get_missing_references(self):
        """What this version of the page pointed at that no longer exists, as
        `core.references.MissingReference`s: the version loaded from a revision, else the latest
        revision (which the database holds when there are no unpublished changes, and whose
        keys to deleted objects the database has already emptied or dropped)."""
        content = getattr(self, "_stored_content", None)
        if content is None and self.latest_revision_id:
            content = self.latest_revision.content
        return missing_references(self.specific_class, content) if content else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Pages chosen in blocks (calls to action) are resolved in one go, not one per block.
        LinkResolver.for_request(request).prime(stream_page_references(self))
        return context

    def route(self, request, path_components):
        """Wagtail finds a page one URL segment at a time, two queries a level; here every
        page along the path comes in one query, and the page served in one more. A page type
        with routes of its own (`RoutablePageMixin`) on the way gets the rest of the path, as
        Wagtail would hand it over."""
        if not path_components:
            route = super().route(request, path_components)
            # For the view restriction check that follows (`get_view_restrictions`).
            route.page._routed_request = request
            return route
        prefixes = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, len(path_components) + 1)
        ]
        along = {
            page.url_path: page
            for page in Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)
        }
        page, remaining = self, list(path_components)
        for prefix in prefixes:
            child = along.get(prefix)
            if child is None or child.depth != page.depth + 1:
                break
            page, remaining = child, remaining[1:]
            page_class = page.specific_class
            if page_class is None or page_class.route is not BasePage.route:
                return page.specific.route(request, remaining)
        if page is self:  # the first segment is no child: Wagtail's own answer (a 404)
            return super().route(request, path_components)
        return page.specific.route(request, remaining)

    @property
    def localized(self):
        # Wagtail's reads the active locale, then the translation (two queries). The site's
        # root page, kept across requests (core.middleware.KeptSiteMiddleware), knows its live
        # translations: Wagtail routes every request from it.
        versions = self.__dict__.get("localized_versions")
        if versions is None:
            return super().localized
        try:
            language = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            return super().localized
        return versions.get(language, self)

    def __getstate__(self):
        # A page kept in the cache (the site's root page, menus) leaves its request behind.
        state = super().__getstate__()
        state.pop("_routed_request", None)
        return state

    def get_view_restrictions(self):
        # Wagtail reads the restrictions of the page and of each ancestor (two queries) before
        # serving it. The request's link resolver reads where restrictions and aliases are
        # anyway (one query, for every listing); under neither, there is nothing to check.
        request = getattr(self, "_routed_request", None)
        if request is not None and not LinkResolver.for_request(request).may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    # Rendered in the page's own language, in the admin's preview too (whose language is the
    # editor's), so texts, dates and `<html lang>` always match the content.
    def serve(self, request, *args, **kwargs):
        if self.is_alias_of_other_language():
            # wagtail-localize's stand-in for an untranslated parent carries the source
            # language's text: send the visitor to that page, where it is in its own language.
            source = LinkResolver.for_request(request).resolve_one(self, model=Page)
            if source is None:
                raise Http404
            return redirect(source.get_url(request))
        return self._render_in_own_language(request, super().serve, request, *args, **kwargs)

    def is_alias_of_other_language(self):
        """True for wagtail-localize's stand-in, in this tree, for a page of another language."""
        return bool(self.alias_of_id) and (
            Page.objects.filter(pk=self.alias_of_id).exclude(locale_id=self.locale_id).exists()
        )

    def serve_preview(self, request, mode_name):
        return self._render_in_own_language(request, super().serve_preview, request, mode_name)

    def _render_in_own_language(self, request, serve, *args, **kwargs):
        language = LinkResolver.for_request(request).language_of(self)
        with translation.override(language), rendering(request):
            response = serve(*args, **kwargs)
            # A TemplateResponse renders later, outside this block: render it now.
            if not getattr(response, "is_rendered", True):
                response.render()
        return response


class BaseIndexPage(BasePage):
    """A page that lists its children. One per language tree: a site-wide `max_count` would
    also count the English copy and block its translation."""

    intro = models.TextField(_("Inleiding"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    show_in_menus_default = True
    schema_type = "CollectionPage"

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

    @property
    def main_image(self):
        return self.hero_image or self.listing_image


class TranslatableOrderable(TranslatableMixin, Orderable):
    """An ordered child row (InlinePanel) that wagtail-localize copies with its page.

    Rows, not many-to-many fields: wagtail-localize ignores those. A row's key to another page is
    synchronised (the English row still points at the Dutch target); `core.links` resolves it
    to the visitor's language when the page is shown.
    """

    class Meta:
        abstract = True
        ordering = ["sort_order"]
        unique_together = [("translation_key", "locale")]


class TranslatableSnippet(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A snippet that is translated, with drafts: a translation made in wagtail-localize stays a
    draft until it is published, so visitors never see it half translated (the resolver shows
    the published source, marked, until then)."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class Person(PreviewableMixin, index.Indexed, TranslatableSnippet):
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
    bio = SafeRichTextField(_("Biografie"), blank=True, features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("photo")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("bio"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("Persoon")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/person_preview.html"


class Method(index.Indexed, TranslatableSnippet):
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

    class Meta(TranslatableSnippet.Meta):
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
    def people_of(rows, resolver):
        """The people of a page's PersonLink rows, in order and in the visitor's language,
        photos and renditions fetched up front; kept until the content changes (the page's
        body and its structured data both show them)."""

        def people():
            return resolver.resolve(
                [row.person for row in rows.select_related("person")],
                prepare=lambda people: people.select_related("photo"),
            )

        def with_renditions(people):
            # Read for each request: renditions made by the first rendering after the people
            # were kept would be missing from a kept prefetch, and each be read on its own.
            prefetch_related_objects([p.photo for p in people if p.photo], "renditions")
            return people

        if rows.instance.pk is None:  # a preview of a page not saved yet
            return with_renditions(people())
        key = ("people", rows.model._meta.label, rows.instance.pk)
        return resolver.remember(
            ("photos", *key),
            lambda: with_renditions(resolver.remember_for_site(key, people)),
        )

    @staticmethod
    def names_of(rows, resolver):
        """The names of the people of `rows` a visitor may see, for a page's search entry."""
        return " ".join(
            person.name
            for person in resolver.resolve([row.person for row in rows.select_related("person")])
        )


class MethodLink(TranslatableOrderable):
    """Abstract row linking a page to a Method; subclasses add the ParentalKey."""

    method = models.ForeignKey(
        Method, verbose_name=_("Werkvorm"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("method")]

    class Meta(TranslatableOrderable.Meta):
        abstract = True

    @staticmethod
    def methods_of(rows, resolver):
        """The methods of a page's MethodLink rows, in order and in the visitor's language;
        kept until the content changes."""

        def methods():
            return resolver.resolve([row.method for row in rows.select_related("method")])

        if rows.instance.pk is None:  # a preview of a page not saved yet
            return methods()
        return resolver.remember_for_site(
            ("methods", rows.model._meta.label, rows.instance.pk), methods
        )

    @staticmethod
    def names_of(rows, resolver):
        """The names of the methods of `rows` as a visitor sees them, for a page's search entry."""
        return " ".join(method.name for method in MethodLink.methods_of(rows, resolver))


class FooterText(TranslatableSnippet):
    """The footer's text, one per language (site settings cannot vary by language)."""

    body = SafeRichTextField(_("Tekst"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableSnippet.Meta):
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
    linkedin_url = SafeURLField(_("LinkedIn"), blank=True)
    instagram_url = SafeURLField(_("Instagram"), blank=True)
    youtube_url = SafeURLField(_("YouTube"), blank=True)
    default_social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Standaardafbeelding bij delen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Getoond als een gedeelde pagina zelf geen afbeelding heeft."),
    )

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
            [
                FieldPanel("linkedin_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("default_social_image"),
            ],
            heading=_("Sociale media"),
        ),
    ]

    class Meta:
        verbose_name = _("Site-instellingen")
        verbose_name_plural = _("Site-instellingen")

    @classmethod
    def for_request(cls, request):
        # Every page's header and footer show these: kept across requests until they change
        # (`page_cache.kept`) rather than read by each page; once per site, as they are the
        # same in every language.
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            site_settings = page_cache.kept(
                request,
                f"site_settings:{site.pk if site else ''}",
                lambda: super(SiteSettings, cls).for_request(request),
            )
            site_settings._request = request
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if safe_url(url)]

    def get_organisation_data(self, name, url):
        """The organisation as a schema.org `Organization`, with its contact details and
        social profiles (`sameAs`); `name` and `url` as the page shows them."""
        address = " ".join(self.address.split())
        return seo.compact(
            {
                "@type": "Organization",
                "name": name,
                "url": url,
                "email": self.email,
                "telephone": self.phone,
                "address": {"@type": "PostalAddress", "streetAddress": address}
                if address
                else None,
                "sameAs": [link for _label, link in self.social_links],
            }
        )
