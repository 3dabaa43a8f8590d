"""The English demo site, made the way editors make it: with wagtail-localize's own machinery.

No parallel, hand-made English tree: every Dutch demo snippet and page is translated like an
editor would translate it, in an order in which whatever an object needs is already English
(snippets; the home page; the index pages and the contact page; then themes, modules, tracks,
cases and articles, so parents come before children and wagtail-localize never has to make
alias parents):

1. `TranslationSource.update_or_create_from_instance` extracts the object's segments;
2. a `Translation` into English holds the work (the admin then shows the English object as a
   synchronised translation);
3. every string segment gets a manual `StringTranslation`, as the translation editor stores it,
   with the text from the PO files (`memory`);
4. `Translation.save_target(publish=True)` creates or updates the English object. Pages (and
   snippets with a draft state) are published when the surrounding transaction commits.

A Dutch text without an English translation stops the build with a `CommandError` that names the
text and where it is used: the English site never silently shows Dutch.

Idempotent: an object is saved again only when its English version is missing or unpublished, its
Dutch source changed since the last translation, or one of its English texts changed. Keys to
pages stay synchronised (the link resolver shows the English page); keys to snippets are
translated, so an object saved while a snippet it points at had no English version yet is saved
again at the end of the run.

One repair: wagtail-localize publishes a page at commit from the in-memory copy it saved the
revision with. For an index page that copy predates its English children, so publishing it would
store `numchild = 0` and Wagtail would no longer route to the children. A last commit callback,
run after those publishes, recounts the children of the pages this run saved.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from . import content
from .memory import TranslationMemory

TARGET_LANGUAGE = "en"

# The PO file (group) of each kind of page below home but the index pages, which share
# "index_pages" (the home page has its own).
PAGE_GROUPS = {
    "contact.ContactPage": "contact",
    "themes.ThemePage": "themes",
    "trajecten.ModulePage": "modules",
    "trajecten.LeertrajectPage": "tracks",
    "cases.CaseStudyPage": "cases",
    "articles.ArticlePage": "articles",
}
GROUPS = ["snippets", "home", "index_pages", *PAGE_GROUPS.values()]

# How many missing texts a CommandError lists before it summarises the rest.
MAX_LISTED = 25


@dataclass
class DemoObject:
    """A translatable demo object: its PO file (group), a readable label, and the instance."""

    group: str
    label: str
    instance: object

    @property
    def kind(self):
        return "pages" if isinstance(self.instance, Page) else "snippets"


def demo_objects(builder):
    """Every translatable object of the Dutch demo `builder` made, in translation order.

    The instances are read afresh from the database: the builder's own copies of unchanged pages
    carry the content it compared with, not what is stored.
    """
    wanted = []  # (group, label, model, pk)
    snippets = [*builder.methods.values(), *builder.people.values(), builder.footer]
    for snippet in snippets:
        name = getattr(snippet, "name", "")
        label = f"{type(snippet).__name__}: {name}" if name else type(snippet).__name__
        wanted.append(("snippets", label, type(snippet), snippet.pk))
    wanted.append(("home", "page /", Page, builder.pages[""].pk))
    for model_label, spec in content.PAGES_UNDER_HOME:
        group = PAGE_GROUPS.get(model_label, "index_pages")
        wanted.append((group, f"page /{spec['slug']}/", Page, builder.pages[spec["slug"]].pk))
    for parent_path, model_label, specs in content.CHILD_PAGES:
        group = PAGE_GROUPS.get(model_label) or apps.get_model(model_label)._meta.model_name
        for spec in specs:
            path = f"{parent_path}/{spec['slug']}"
            wanted.append((group, f"page /{path}/", Page, builder.pages[path].pk))

    fetched = {}
    for model in {model for _group, _label, model, _pk in wanted}:
        pks = [pk for _group, _label, wanted_model, pk in wanted if wanted_model is model]
        queryset = model.objects.filter(pk__in=pks)
        if model is Page:
            queryset = queryset.specific()
        fetched.update({(model, instance.pk): instance for instance in queryset})
    return [DemoObject(group, label, fetched[model, pk]) for group, label, model, pk in wanted]


@dataclass
class Job:
    """The translation of one demo object in this run."""

    item: DemoObject
    source: TranslationSource
    segments: list  # (StringSegment, English text or None)
    result: str = "unchanged"
    pending_related: bool = False
    translation: Translation | None = field(default=None, repr=False)


class DemoTranslator:
    """Translates demo objects into one language from the PO files; counts what it did."""

    def __init__(self, language_code=TARGET_LANGUAGE, memory=None):
        self.locale = Locale.objects.filter(language_code=language_code).first()
        if self.locale is None:
            raise CommandError(
                f"There is no Wagtail locale '{language_code}'; run `manage.py migrate` or add "
                "it under Settings > Locales first."
            )
        self.memory = memory or TranslationMemory.load(language_code)
        self.results = {"pages": Counter(), "snippets": Counter()}
        self.saved_page_ids = set()

    # -----------------------------------------------------------------------------------------

    def translate(self, objects):
        jobs = [self._prepare(item) for item in objects]
        missing = [(job, segment) for job in jobs for segment, text in job.segments if text is None]
        if missing:
            raise CommandError(self._missing_message(missing))

        for job in jobs:
            self._translate(job)
        # Objects saved while something they point at had no translation yet: now it has.
        for job in jobs:
            if job.pending_related and not self._untranslated_related(job.source):
                self._save(job)
                job.result = "updated" if job.result == "unchanged" else job.result

        for job in jobs:
            self.results[job.item.kind][job.result] += 1
        if self.saved_page_ids:
            # Registered after every publish callback of this run, so it runs after them.
            transaction.on_commit(partial(recount_children, sorted(self.saved_page_ids)))
        return self.results

    def summary(self):
        language = self.locale.language_code
        parts = []
        for kind in ("pages", "snippets"):
            counts = self.results[kind]
            parts.append(
                f"{counts['created']} {kind} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        return [f"Translation ({language}) ready: {'; '.join(parts)}."]

    # -----------------------------------------------------------------------------------------

    def _prepare(self, item):
        """Extract the object's source segments and look up their translations."""
        source, _created = TranslationSource.update_or_create_from_instance(item.instance)
        segments = (
            StringSegment.objects.filter(source=source)
            .select_related("string", "context")
            .order_by("order")
        )
        return Job(
            item=item,
            source=source,
            segments=[
                (segment, self.memory.get(item.group, segment.string.data)) for segment in segments
            ],
        )

    def _translate(self, job):
        translation, changed = Translation.objects.get_or_create(
            source=job.source, target_locale=self.locale
        )
        if not translation.enabled:
            translation.enabled = True
            translation.save(update_fields=["enabled"])
            changed = True
        if self._store_strings(job):
            translation.translations_last_updated_at = timezone.now()
            translation.save(update_fields=["translations_last_updated_at"])
            changed = True
        job.translation = translation

        target = self._target(job.source)
        job.pending_related = bool(self._untranslated_related(job.source))
        if target is None:
            job.result = "created"
        elif changed or not self._is_published(target) or self._source_is_newer(job.source):
            job.result = "updated"
        else:
            return
        self._save(job)

    def _store_strings(self, job):
        """Write one manual StringTranslation per segment; True when any was created or changed."""
        existing = {
            (string_translation.translation_of_id, string_translation.context_id): (
                string_translation
            )
            for string_translation in StringTranslation.objects.filter(
                locale=self.locale, context__object_id=job.source.object_id
            )
        }
        changed = False
        for segment, text in job.segments:
            string_translation = existing.get((segment.string_id, segment.context_id))
            if string_translation is None:
                string_translation = StringTranslation(
                    translation_of_id=segment.string_id,
                    locale=self.locale,
                    context_id=segment.context_id,
                )
            elif (
                string_translation.data == text
                and string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
                and not string_translation.has_error
            ):
                continue
            # What wagtail-localize's translation editor stores when an editor saves a string.
            string_translation.data = text
            string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            string_translation.tool_name = ""
            string_translation.has_error = False
            string_translation.field_error = ""
            string_translation.save()
            if string_translation.has_error:
                raise CommandError(
                    f"The {self.locale.language_code} translation of {segment.string.data!r} "
                    f"({job.item.label}, {segment.context.field_path}) in "
                    f"{self.memory.path(job.item.group)} is not valid: "
                    f"{string_translation.get_error()}"
                )
            changed = True
        return changed

    def _save(self, job):
        try:
            job.translation.save_target(user=None, publish=True)
        except ValidationError as error:
            raise CommandError(
                f"The {self.locale.language_code} translation of {job.item.label} is not valid: "
                f"{'; '.join(error.messages)}"
            ) from error
        if isinstance(job.item.instance, Page):
            self.saved_page_ids.add(self._target(job.source).pk)

    # -----------------------------------------------------------------------------------------

    def _target(self, source):
        try:
            return source.get_translated_instance(self.locale)
        except ObjectDoesNotExist:
            return None

    def _untranslated_related(self, source):
        """The related-object segments (translatable keys) whose target has no translation."""
        return [
            segment
            for segment in source.relatedobjectsegment_set.select_related("object")
            if not segment.object.has_translation(self.locale)
        ]

    def _source_is_newer(self, source):
        """True when the source was extracted again after the translation was last saved."""
        return not TranslationLog.objects.filter(
            source=source, locale=self.locale, created_at__gte=source.last_updated_at
        ).exists()

    @staticmethod
    def _is_published(target):
        if isinstance(target, DraftStateMixin):
            return target.live and not target.has_unpublished_changes
        return True

    def _missing_message(self, missing):
        language = self.locale.language_code
        directory = self.memory.path(missing[0][0].item.group).rsplit("/", 1)[0]
        lines = [
            f"{len(missing)} Dutch text(s) of the demo have no '{language}' translation. Run "
            f"`manage.py demo_messages`, translate the empty and fuzzy entries in {directory}/ "
            "and load the demo again."
        ]
        for job, segment in missing[:MAX_LISTED]:
            lines.append(
                f"  {job.item.group}.po, {job.item.label} ({segment.context.field_path}): "
                f"{segment.string.data!r}"
            )
        if len(missing) > MAX_LISTED:
            lines.append(f"  ... and {len(missing) - MAX_LISTED} more")
        return "\n".join(lines)


def recount_children(page_ids):
    """Store each page's real number of children (see the module docstring)."""
    for page in Page.objects.filter(pk__in=page_ids).only("path", "depth", "numchild"):
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if page.numchild != children:
            Page.objects.filter(pk=page.pk).update(numchild=children)
