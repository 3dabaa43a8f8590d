"""Builds the demo site from `content`, and removes it again for `load_demo --reset`.

The Dutch site is built here; `translate` then makes the English site from it with
wagtail-localize (`build(translate=False)` stops after the Dutch site).

Idempotent by design: a page is looked up by its slug below its parent, a snippet by its name,
an image by its title in the demo collection. What already exists is compared with the content
and only saved when it differs (a page then gets a new revision that is published), so running
the loader twice changes nothing. `reset()` removes everything `build()` makes, except the default
Site and its settings, which the next build points and fills again.
"""

import copy
import io
from collections import Counter

from django.apps import apps
from django.core.files.images import ImageFile
from django.core.management.base import CommandError
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.utils.file import hash_filelike

from core.models import FooterText, Method, Person, SiteSettings
from home.models import HomePage
from trajecten.models import LeertrajectPage

from . import content
from .images import render_jpeg
from .refs import ImageRef, MethodRef, PageRef, PersonRef
from .translate import DemoTranslator, demo_objects

# Page types in the order the summary lists them.
SUMMARY_PAGE_MODELS = [
    "home.HomePage",
    "trajecten.LeertrajectIndexPage",
    "trajecten.LeertrajectPage",
    "trajecten.ModuleIndexPage",
    "trajecten.ModulePage",
    "themes.ThemeIndexPage",
    "themes.ThemePage",
    "cases.CaseIndexPage",
    "cases.CaseStudyPage",
    "articles.ArticleIndexPage",
    "articles.ArticlePage",
    "contact.ContactPage",
]

# Fields of child rows that identify a row rather than hold its content.
ROW_BOOKKEEPING_FIELDS = {"translation_key", "locale"}


class DemoBuilder:
    def __init__(self):
        self.locale = Locale.get_default()
        self.pages = {}  # path below home ("" for home) -> specific page
        self.images = {}  # key in content.IMAGES -> image
        self.people = {}  # name -> Person
        self.methods = {}  # name -> Method
        self.footer = None  # the Dutch FooterText
        self.images_created = []  # images whose files this run wrote
        self.page_results = Counter()  # "created" / "updated" / "unchanged" -> number of pages
        self.shells_created = set()  # pks of pages created bare in this run, completed later

    # -----------------------------------------------------------------------------------------
    # Build

    def build(self, *, translate=True):
        """Create or update the whole demo site; return the summary lines.

        Pages and snippets of the English site are published when the transaction commits.
        """
        self._build_images()
        self._build_snippets(Method, content.METHODS, self.methods)
        self._build_snippets(Person, content.PEOPLE, self.people)

        root = Page.get_first_root_node()
        self.pages[""] = self._ensure_home_shell(root)
        for model_label, spec in content.PAGES_UNDER_HOME:
            self._sync_page(self.pages[""], spec["slug"], apps.get_model(model_label), spec)
        for parent_path, model_label, specs in content.CHILD_PAGES:
            model = apps.get_model(model_label)
            for spec in specs:
                path = f"{parent_path}/{spec['slug']}"
                self._sync_page(self.pages[parent_path], path, model, spec)
        # The home page points at tracks and index pages, so it is completed last.
        home = self._sync_page(root, "", HomePage, content.HOME)

        site = self._point_default_site_at(home)
        self._sync_site_settings(site)
        self._sync_footer()
        summary = self._summary(home)
        if translate:
            translator = DemoTranslator()
            translator.translate(demo_objects(self))
            summary += translator.summary()
        return summary

    def _ensure_home_shell(self, root):
        """The Dutch home page, created bare if missing, replacing Wagtail's "Welcome" page."""
        slug = content.HOME["slug"]
        existing = root.get_children().filter(slug=slug).first()
        if existing is not None:
            if existing.specific_class is HomePage and existing.locale_id == self.locale.pk:
                return existing.specific
            if not self._is_wagtail_welcome_page(existing):
                raise CommandError(
                    f"The slug '{slug}' below the root is taken by '{existing.title}' "
                    f"({existing.specific_class.__name__}); move or delete that page first."
                )
            # Sites rooted at the Welcome page would be deleted with it (CASCADE).
            Site.objects.filter(root_page=existing).update(root_page=root)
            existing.delete()
        home = HomePage(
            title=content.HOME["title"],
            slug=slug,
            hero_title=content.HOME["hero_title"],
            locale=self.locale,
        )
        root.add_child(instance=home)
        self.shells_created.add(home.pk)
        return home

    @staticmethod
    def _is_wagtail_welcome_page(page):
        """Wagtail's initial migration makes a plain `Page` without children below the root."""
        return page.specific_class is Page and page.is_leaf()

    def _sync_page(self, parent, path, model, spec):
        """Create the page below `parent`, or update it in place when it differs from `spec`."""
        page = parent.get_children().filter(slug=spec["slug"]).first()
        if page is None:
            page = model()
            self._apply(page, spec)
            parent.add_child(instance=page)
            result = "created"
        else:
            page = page.specific
            if not isinstance(page, model):
                raise CommandError(
                    f"'{page.url_path}' is a {type(page).__name__}, the demo expects a "
                    f"{model.__name__}; move or delete that page first."
                )
            before = self._snapshot(page, spec)
            self._apply(page, spec)
            changed = self._snapshot(page, spec) != before
            never_published = not page.live or page.live_revision_id is None
            if page.pk in self.shells_created:
                result = "created"
            elif changed or never_published:
                result = "updated"
            else:
                result = "unchanged"

        if result != "unchanged":
            # A published revision, so previews, history and editing work as for editors' pages.
            page.save_revision().publish()
            page = model.objects.get(pk=page.pk)
        self.page_results[result] += 1
        self.pages[path] = page
        return page

    def _apply(self, page, spec):
        """Set the page's fields and child rows (InlinePanel relations) from `spec`, unsaved."""
        relations = self._child_relations(type(page))
        for name, value in spec.items():
            if name in relations:
                row_model = relations[name]
                # Wagtail's admin form numbers the rows; outside it we number them ourselves.
                rows = [
                    row_model(
                        sort_order=position,
                        **{k: self._resolve_field(row_model, k, v) for k, v in row.items()},
                    )
                    for position, row in enumerate(value)
                ]
                setattr(page, name, rows)
            elif isinstance(page._meta.get_field(name), StreamField):
                setattr(page, name, self._resolve_json(value))
            else:
                setattr(page, name, self._resolve(value))

    def _snapshot(self, page, spec):
        """The values of the fields and rows `spec` sets, in a form that compares by content."""
        relations = self._child_relations(type(page))
        state = {}
        for name in spec:
            if name in relations:
                state[name] = [_row_state(row) for row in getattr(page, name).all()]
                continue
            field = page._meta.get_field(name)
            value = field.value_from_object(page)
            state[name] = _stream_state(field, value) if isinstance(field, StreamField) else value
        return state

    @staticmethod
    def _child_relations(model):
        return {
            rel.get_accessor_name(): rel.related_model for rel in get_all_child_relations(model)
        }

    # -----------------------------------------------------------------------------------------
    # References

    def _resolve(self, value):
        """A marker from `refs` as the object it names; any other value unchanged."""
        try:
            if isinstance(value, PageRef):
                return self.pages[value.path]
            if isinstance(value, ImageRef):
                return self.images[value.key]
            if isinstance(value, PersonRef):
                return self.people[value.name]
            if isinstance(value, MethodRef):
                return self.methods[value.name]
        except KeyError as error:
            raise CommandError(
                f"The demo content refers to {value!r} before it is built; check the order in "
                "home/demo/content.py."
            ) from error
        return value

    def _resolve_field(self, model, name, value):
        """`value` for field `name` of `model`, markers resolved (StreamFields hold their pks)."""
        if isinstance(model._meta.get_field(name), StreamField):
            return self._resolve_json(value)
        return self._resolve(value)

    def _resolve_json(self, value):
        """StreamField JSON with every marker replaced by the primary key of what it names."""
        if isinstance(value, dict):
            return {key: self._resolve_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve_json(item) for item in value]
        if isinstance(value, PageRef | ImageRef | PersonRef | MethodRef):
            return self._resolve(value).pk
        return value

    # -----------------------------------------------------------------------------------------
    # Images and snippets

    def _build_images(self):
        collection = self._demo_collection(create=True)
        image_model = get_image_model()
        for key, spec in content.IMAGES.items():
            image = image_model.objects.filter(collection=collection, title=spec["title"]).first()
            if image is None:
                data = render_jpeg(
                    key=key, style=spec["style"], palette=spec["palette"], size=spec["size"]
                )
                image = image_model(
                    title=spec["title"],
                    collection=collection,
                    file=ImageFile(io.BytesIO(data), name=f"demo-{key}.jpg"),
                    file_size=len(data),
                    file_hash=hash_filelike(io.BytesIO(data)),
                )
                image.save()
                self.images_created.append(image)
            self.images[key] = image

    def _demo_collection(self, *, create):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=content.DEMO_COLLECTION_NAME).first()
        if collection is None and create:
            collection = root.add_child(instance=Collection(name=content.DEMO_COLLECTION_NAME))
        return collection

    def _build_snippets(self, model, specs, by_name):
        """Create or update Dutch snippets of `model`, found by name; fill `by_name`."""
        for spec in specs:
            snippet = model.objects.filter(name=spec["name"], locale=self.locale).first()
            by_name[spec["name"]] = self._sync_object(snippet or model(locale=self.locale), spec)

    def _sync_object(self, instance, values):
        """Set `values` on a plain model instance and save it only if it is new or changed."""
        changed = instance.pk is None
        for name, value in values.items():
            value = self._resolve(value)
            if getattr(instance, name) != value:
                setattr(instance, name, value)
                changed = True
        if changed:
            instance.save()
        return instance

    # -----------------------------------------------------------------------------------------
    # Site, settings, footer

    def _point_default_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        return self._sync_object(
            site, {**content.SITE, "root_page_id": home.pk, "is_default_site": True}
        )

    def _sync_site_settings(self, site):
        self._sync_object(SiteSettings.for_site(site), content.SITE_SETTINGS)

    def _sync_footer(self):
        footer = FooterText.objects.filter(locale=self.locale).first()
        self.footer = self._sync_object(
            footer or FooterText(locale=self.locale), {"body": content.FOOTER_TEXT}
        )

    # -----------------------------------------------------------------------------------------
    # Reset

    def reset(self):
        """Delete the demo page tree (with any translations), demo snippets and demo images."""
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(
            depth=2, slug=content.HOME["slug"], locale=self.locale
        ).first()
        if home is not None:
            trees = list(home.get_translations(inclusive=True))
            # Keep the Site (and its settings): park it on the root until the next build.
            Site.objects.filter(root_page__in=trees).update(root_page=root)
            # Programme steps PROTECT their modules, and one cascading delete of a whole tree
            # trips over that: remove the tracks (and so their steps) of every tree first.
            for tree in trees:
                for track in LeertrajectPage.objects.descendant_of(tree):
                    track.delete()
            for tree in trees:
                tree.delete()

        for model, names in (
            (Person, [spec["name"] for spec in content.PEOPLE]),
            (Method, [spec["name"] for spec in content.METHODS]),
        ):
            keys = model.objects.filter(name__in=names, locale=self.locale).values(
                "translation_key"
            )
            model.objects.filter(translation_key__in=keys).delete()
        footer_keys = FooterText.objects.filter(locale=self.locale).values("translation_key")
        FooterText.objects.filter(translation_key__in=footer_keys).delete()

        collection = self._demo_collection(create=False)
        if collection is not None:
            # One by one, so Wagtail's post_delete handlers remove the files and renditions.
            for image in get_image_model().objects.filter(collection=collection):
                image.delete()
            collection.delete()

    # -----------------------------------------------------------------------------------------
    # Summary

    def _summary(self, home):
        results = self.page_results
        lines = [
            f"Demo site ({self.locale.language_code}) ready: {results['created']} pages created, "
            f"{results['updated']} updated, {results['unchanged']} unchanged.",
        ]
        for label in SUMMARY_PAGE_MODELS:
            model = apps.get_model(label)
            count = model.objects.descendant_of(home, inclusive=True).live().count()
            lines.append(f"  {model.__name__:<22} {count:>3}")
        for name, count in (
            ("Person", len(self.people)),
            ("Method", len(self.methods)),
            ("Image", len(self.images)),
        ):
            lines.append(f"  {name:<22} {count:>3}")
        return lines


def _row_state(row):
    """A child row's content and position: its own fields, without id, parent or translation key."""
    return {
        field.name: _stream_state(field, field.value_from_object(row))
        if isinstance(field, StreamField)
        else field.value_from_object(row)
        for field in row._meta.concrete_fields
        if not (
            field.primary_key
            or isinstance(field, ParentalKey)
            or field.name in ROW_BOOKKEEPING_FIELDS
        )
    }


def _stream_state(field, value):
    """A StreamField value in a form that compares by content: converted, and as stored.

    Both forms leave out block ids. The stored form tells a page saved with list items in the
    older plain format (which wagtail-localize does not extract for translation) from one in the
    block format `streams` now writes, so that such a page is saved again.
    """
    stored = _without_block_ids(copy.deepcopy(field.get_prep_value(value)))
    return _canonical_stream(field, value), stored


def _canonical_stream(field, value):
    """A StreamField value as JSON without block ids, every block converted the same way.

    Converting each block to Python and back makes freshly assigned JSON and JSON read from the
    database look alike (e.g. list items gain the same `{"type": "item", ...}` wrapper).
    """
    raw = copy.deepcopy(field.get_prep_value(value))
    stream = field.stream_block.to_python(raw)
    return _without_block_ids([child.get_prep_value() for child in stream])


def _without_block_ids(data):
    if isinstance(data, list):
        return [_without_block_ids(item) for item in data]
    if isinstance(data, dict):
        if "type" in data and "value" in data:
            return {"type": data["type"], "value": _without_block_ids(data["value"])}
        return {key: _without_block_ids(item) for key, item in data.items()}
    return data
