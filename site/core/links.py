"""Which page, in which language, a visitor may see: the one rule behind every link between pages.

Stored references point at one page in one language: wagtail-localize synchronises page keys on
purpose, so an English track's programme may still point at the Dutch modules. What a visitor
sees is decided here, at display time, in one query per kind of page however many links a
page has:

1. the page's translation in the visitor's language, when it is visible;
2. else its visible version in the default language (then in any other), annotated with that
   language as `fallback_language`, so templates mark it `lang`/`hreflang` and label it;
3. else nothing: not a link, not a title, not a summary.

Visible means published, not expired, under no view restriction (password, login or groups,
on the page itself or an ancestor), and not a cross-language alias: the stand-in wagtail-localize
puts in the English tree for an untranslated parent, which still carries the Dutch text.
Snippets (people, methods, footer texts) follow the same rule, with "published" for visible.

Everything a visitor is shown (listings, cards, menus, breadcrumbs, programmes, the language
switcher, `hreflang` links and the sitemap) goes through `LinkResolver`.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Length, Right, Substr
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, PageViewRestriction, Site

from . import page_cache

# The annotation on every resolved object: "" in the visitor's language, else the language code.
FALLBACK_LANGUAGE = "fallback_language"

# The request whose page is being rendered, for code that is handed no request (rich text).
_rendering_request = ContextVar("rendering_request", default=None)


@contextmanager
def rendering(request):
    """Mark `request` as the one being rendered (see `LinkResolver.current`)."""
    token = _rendering_request.set(request)
    try:
        yield
    finally:
        _rendering_request.reset(token)


def hidden_pages():
    """What hides a published page from visitors, read in one query: the paths of restricted
    pages (their subtrees are private) and the paths of cross-language aliases (those pages
    only). Both are rare, so the conditions built from them are usually empty. Aliases in the
    same language are listed apart: they are shown, under their source's restrictions."""
    restricted = PageViewRestriction.objects.order_by().values_list(
        "page__path", Value("restricted")
    )
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .order_by()
        .values_list(
            "path",
            Case(
                When(alias_of__locale_id=F("locale_id"), then=Value("same_language_alias")),
                default=Value("alias"),
            ),
        )
    )
    hidden = {"restricted": [], "alias": [], "same_language_alias": []}
    for path, reason in restricted.union(aliases, all=True):
        hidden[reason].append(path)
    return hidden


def visible_q(hidden):
    """Pages a visitor may see (on `Page` or any specific page model); `hidden` as returned
    by `hidden_pages()` (`LinkResolver.visible_q` reads it once per request)."""
    condition = Q(live=True) & (Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    for path in hidden["restricted"]:
        condition &= ~Q(path__startswith=path)
    if hidden["alias"]:
        condition &= ~Q(path__in=hidden["alias"])
    return condition


def visible_snippet_q(model):
    """Snippets a visitor may see: published ones, where the model has drafts at all."""
    return Q(live=True) if issubclass(model, DraftStateMixin) else Q()


def tree_order():
    """Order siblings as editors arranged them in the page tree, whichever tree they are in."""
    return Right("path", Page.steplen)


def in_translations_of(page, *, children_only=False):
    """Pages below `page` or below any of its translations (children only, if asked).

    A listing in English also considers the Dutch pages that have no English version yet;
    the resolver then shows those as marked fallbacks.
    """
    parent_length = Length("path") if not children_only else Length(OuterRef("path")) - Page.steplen
    parents = Page.objects.filter(
        translation_key=page.translation_key,
        path=Substr(OuterRef("path"), 1, parent_length),
    )
    return Exists(parents) & ~Q(translation_key=page.translation_key)


def _same(queryset):
    return queryset


def _content_language(code):
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


class LinkResolver:
    """Resolves stored references for a visitor reading in one language (the active one).

    One per request and language: `LinkResolver.for_request(request)`.
    """

    def __init__(self, request=None, language_code=None):
        self.request = request
        locales = {locale.language_code: locale for locale in self._locales()}
        self.language_code = _content_language(language_code or translation.get_language())
        default_code = _content_language(settings.LANGUAGE_CODE)
        order = [self.language_code, default_code, *(code for code, _ in settings.LANGUAGES)]
        # The visitor's language first, then the default, then the others: one Locale each.
        self.preference = list({code: locales[code] for code in order if code in locales}.values())
        self._codes_by_locale_id = {locale.pk: code for code, locale in locales.items()}
        self._site_root = None
        self._resolved = {}  # (model, translation key) -> object to show, or None
        self._hidden = None
        self._remembered = {}

    def _locales(self):
        return page_cache.kept(self.request, "locales", lambda: list(Locale.objects.all()))

    @classmethod
    def for_request(cls, request, language_code=None):
        """The resolver for `request` in the active language, made once per request."""
        if request is None:
            return cls(None, language_code)
        code = _content_language(language_code or translation.get_language())
        resolvers = request.__dict__.setdefault("_link_resolvers", {})
        if code not in resolvers:
            resolvers[code] = cls(request, code)
        return resolvers[code]

    @classmethod
    def current(cls):
        """The resolver of the page being rendered, for code that is handed no request."""
        return cls.for_request(_rendering_request.get())

    # -----------------------------------------------------------------------------------------
    # Languages

    @property
    def locale(self):
        return self.preference[0]

    def language_of(self, obj):
        """The language code of a page or snippet (or of a locale id)."""
        locale_id = obj if isinstance(obj, int) else obj.locale_id
        return self._codes_by_locale_id.get(locale_id, "")

    def _fallback_language(self):
        return Case(
            *(
                When(locale_id=locale.pk, then=Value(locale.language_code))
                for locale in self.preference[1:]
            ),
            default=Value(""),
        )

    # -----------------------------------------------------------------------------------------
    # Resolving

    def visible_q(self, model=Page):
        """What a visitor may see of `model` (pages, or snippets); read once per request."""
        if not issubclass(model, Page):
            return visible_snippet_q(model)
        return visible_q(self._hidden_pages())

    def localize(self, queryset):
        """The visible version, in the visitor's language where there is one, of every object
        in `queryset` (pages or snippets, any language).

        Returns a queryset of the same model, annotated with `fallback_language`, so callers
        can still filter, order, paginate and prefetch: one query, however many objects.
        """
        model = queryset.model
        base = Page if issubclass(model, Page) else model
        visible = self.visible_q(model)
        better_versions = base._default_manager.filter(
            visible, translation_key=OuterRef("translation_key")
        )
        chosen = Q()
        better = []
        for locale in self.preference:
            condition = Q(locale_id=locale.pk)
            if better:
                condition &= ~Exists(better_versions.filter(locale_id__in=list(better)))
            chosen |= condition
            better.append(locale.pk)
        keys = queryset.order_by().values("translation_key")
        return model._default_manager.filter(visible, chosen, translation_key__in=keys).annotate(
            **{FALLBACK_LANGUAGE: self._fallback_language()}
        )

    def by_translation_key(self, objects, prepare=None, model=None):
        """{translation_key: the object to show} for stored references `objects`.

        One query per model (`model`, or each object's own class), none for references
        resolved before in this request; `prepare` may add `select_related`/`prefetch_related`
        (and then always queries, as earlier results lack what it adds).
        """
        keys_by_model = defaultdict(set)
        for obj in objects:
            if obj is not None:
                keys_by_model[model or type(obj)].add(obj.translation_key)
        found = {}
        for obj_model, keys in keys_by_model.items():
            if prepare is None:
                for key in keys:
                    if (obj_model, key) in self._resolved:
                        found[key] = self._resolved[obj_model, key]
                keys = keys - found.keys()
            if not keys:
                continue
            fetched = self._best_versions(obj_model, keys, prepare or _same)
            for key in keys:
                found[key] = fetched.get(key)
                if prepare is None:
                    self._resolved[obj_model, key] = found[key]
        return {key: obj for key, obj in found.items() if obj is not None}

    def _best_versions(self, model, keys, prepare):
        """{translation_key: the version to show} among the visible versions of `keys`.

        For a known set of keys the choice is made here rather than in SQL (see `localize`):
        a plain query is much cheaper to build, and a handful of extra rows costs nothing.
        """
        rank = {locale.pk: position for position, locale in enumerate(self.preference)}
        versions = model._default_manager.filter(
            self.visible_q(model), translation_key__in=keys, locale_id__in=rank
        )
        best = {}
        for version in prepare(versions):
            chosen = best.get(version.translation_key)
            if chosen is None or rank[version.locale_id] < rank[chosen.locale_id]:
                best[version.translation_key] = version
        for version in best.values():
            is_own_language = version.locale_id == self.locale.pk
            setattr(
                version, FALLBACK_LANGUAGE, "" if is_own_language else self.language_of(version)
            )
        return best

    def prime(self, objects):
        """Resolve `objects` now, in one query per model, so later lookups cost nothing."""
        self.by_translation_key(objects)

    def resolve(self, objects, prepare=None, model=None):
        """What to show for stored references `objects`, in their order, without the ones a
        visitor may not see and without repeats."""
        objects = [obj for obj in objects if obj is not None]
        found = self.by_translation_key(objects, prepare, model)
        shown = {}
        for obj in objects:
            resolved = found.get(obj.translation_key)
            if resolved is not None:
                shown.setdefault(obj.translation_key, resolved)
        return list(shown.values())

    def ancestors(self, page):
        """`page`'s ancestors from its home page down to its parent, as the visitor may see
        them: one query, kept until the content changes (the breadcrumbs and the page's
        structured data both show them)."""
        if page.depth <= 2:
            return []

        def read():
            keys = page.get_ancestors().filter(depth__gt=1).values("translation_key")
            versions = self._best_versions(Page, keys, _same).values()
            return sorted(versions, key=lambda version: version.depth)

        return self.remember_for_site(("ancestors", page.pk), read)

    def is_restricted(self, page):
        """Whether `page` is behind a password, login or group restriction (on itself or an
        ancestor): what read `visible_q` once per request tells, no query of its own."""
        return any(page.path.startswith(path) for path in self._hidden_pages()["restricted"])

    def may_be_restricted(self, page):
        """Whether a view restriction may apply to `page`: one on itself or an ancestor, or an
        alias on the way, which takes its source's (what Wagtail's own check then reads)."""
        return any(
            page.path.startswith(path) for paths in self._hidden_pages().values() for path in paths
        )

    def _hidden_pages(self):
        """`hidden_pages()`, read once per request: never kept across requests, so who may see
        a page never rests on a cache."""
        if self._hidden is None:
            self._hidden = hidden_pages()
        return self._hidden

    def resolve_one(self, obj, prepare=None, model=None):
        resolved = self.resolve([obj], prepare, model)
        return resolved[0] if resolved else None

    def remember(self, key, compute):
        """`compute()`, worked out once per request and language under `key`: for lookups that
        several templates of one page make (such as the contact page each call to action
        links to)."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    def remember_for_site(self, key, compute):
        """`compute()` as `remember` does, and kept in the cache for later requests to this
        site in this language until anything a page may show changes (`page_cache.kept`): for
        what pages show alike (menu, footer, contact link) or rarely change (breadcrumbs),
        which would otherwise cost each request its own queries.

        Entries live under the page cache's generation, which every publish, unpublish, move,
        delete, snippet, setting, view restriction or locale change renews, and expire after
        `PAGE_CACHE_TIMEOUT`, which bounds what changes with time alone (a page's expiry).
        Never kept from or for a preview. `compute` must return what pickles: plain values,
        snippets, or pages without their content (`Page` rows)."""
        root = self.site_root() if self.request is not None else None
        if root is None:
            return self.remember(key, compute)
        parts = key if isinstance(key, tuple) else (key,)
        shared_key = ":".join(map(str, (root.pk, self.language_code, *parts)))
        return self.remember(key, lambda: page_cache.kept(self.request, shared_key, compute))

    # -----------------------------------------------------------------------------------------
    # The site and a page's translations

    def site_root(self):
        """The root page of the request's site (any language), or None outside a site."""
        if self._site_root is None:
            site = Site.find_for_request(self.request) if self.request is not None else None
            if site is None:
                site = Site.objects.filter(is_default_site=True).first()
            self._site_root = site.root_page if site is not None else False
        return self._site_root or None

    def home(self):
        """The home page in the visitor's language (or the marked fallback), or None."""
        root = self.site_root()
        if root is None:
            return None
        return self.remember_for_site("core.home", lambda: self.resolve_one(root))

    def language_versions(self, page=None):
        """Where each site language leads from `page` (or from a page that is not a Wagtail
        page, such as a 404): the page's own visible translation, else that language's home
        page. One query, kept until the content changes.
        """
        return self.remember_for_site(
            ("language_versions", page.pk if page is not None else None),
            lambda: self._read_language_versions(page),
        )

    def _read_language_versions(self, page):
        root = self.site_root()
        keys = {root.translation_key} if root is not None else set()
        if page is not None:
            keys.add(page.translation_key)
        translations, homes = {}, {}
        for version in Page.objects.filter(self.visible_q(), translation_key__in=keys):
            code = self.language_of(version)
            if page is not None and version.translation_key == page.translation_key:
                translations[code] = version
            if root is not None and version.translation_key == root.translation_key:
                homes[code] = version
        versions = []
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            if target is not None:
                versions.append(
                    LanguageVersion(
                        code=code,
                        name=name,
                        page=target,
                        is_translation=code in translations,
                        is_current=code == self.language_code,
                    )
                )
        return versions


@dataclass(frozen=True)
class LanguageVersion:
    """Where the language switcher leads for one language."""

    code: str
    name: str  # in the language itself: "Nederlands", "English"
    page: Page | None  # the page's translation, or that language's home page
    is_translation: bool  # False: no visible translation, so the home page
    is_current: bool  # the visitor's language
    url: str = ""  # for a view that is not a page (search): the same view in this language


def fallback_note(obj):
    """How a fallback is labelled for the visitor, e.g. "in het Engels" / "in Dutch"; "" for an
    object in the visitor's own language."""
    code = getattr(obj, FALLBACK_LANGUAGE, "")
    if not code:
        return ""
    language = translation.get_language_info(code)["name_translated"]
    return _("in het %(language)s") % {"language": language}


def stream_page_references(page):
    """The pages chosen in `page`'s StreamFields (page choosers in any block, at any depth)."""
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            yield from _pages_in(getattr(page, field.name))


def _pages_in(value):
    if isinstance(value, Page):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _pages_in(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from _pages_in(item)
    elif isinstance(value, list | ListValue):
        for item in value:
            yield from _pages_in(item)
