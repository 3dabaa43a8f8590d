"""What points at what, for the admin: where an object is used, drafts included, and what a
stored version of a page points at that has since been deleted.

Pages point at modules, themes, people and tracks through their child rows (the InlinePanel rows
such as `ProgrammeStep.module` or `ThemeLink.theme`). A draft and a revision scheduled to go live
keep their rows in the revision's JSON, not in the database, so the database alone cannot tell
whether deleting something breaks a page. Both questions are answered here, for every row model
at once (found through their parental keys), so no app repeats them.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision, RevisionMixin

# In which version of its owner a use was found.
CURRENT = "current"  # the rows in the database: the live version (or a never published first draft)
DRAFT = "draft"  # the latest revision
SCHEDULED = "scheduled"  # a revision approved to go live later


def _is_editor_key(db_field):
    """A foreign key an editor chooses: not the row's parental key, not Wagtail's bookkeeping
    (locale, owner, revisions, aliases), which Wagtail itself keeps valid."""
    return (
        isinstance(db_field, models.ForeignKey)
        and not isinstance(db_field, ParentalKey)
        and db_field.editable
        and db_field.model is not Page
    )


@dataclass(frozen=True)
class RowKey:
    """A key on a child row (`db_field`, e.g. ProgrammeStep.module) and the parental key that
    ties the row to its owner (ProgrammeStep.page)."""

    db_field: models.ForeignKey
    parental_key: ParentalKey

    @property
    def row_model(self):
        return self.db_field.model

    @property
    def owner_model(self):
        return self.parental_key.related_model

    @property
    def relation_name(self):
        """Where the owner, and its revisions' JSON, keep these rows, e.g. "programme_steps"."""
        return self.parental_key.remote_field.get_accessor_name()


@functools.cache
def row_keys_to(model):
    """The row keys that can point at an object of `model` (fixed once the apps are loaded)."""
    keys = []
    for row_model in apps.get_models():
        parental_keys = [f for f in row_model._meta.fields if isinstance(f, ParentalKey)]
        for db_field in row_model._meta.fields:
            if (
                parental_keys
                and _is_editor_key(db_field)
                and issubclass(model, db_field.related_model)
            ):
                keys.extend(RowKey(db_field, parental_key) for parental_key in parental_keys)
    return tuple(keys)


def _identity(model, pk):
    """One key for an object whatever subclass it was loaded as (a page as Page or as ModulePage)."""
    parents = model._meta.concrete_model._meta.get_parent_list()
    return (parents[-1] if parents else model._meta.concrete_model), str(pk)


def display_title(obj):
    return obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)


@dataclass
class Use:
    """`owner` (a page or snippet) has rows pointing at `target`, in `versions` of it."""

    target: object
    owner: object
    versions: set = field(default_factory=set)

    @property
    def only_in_later_versions(self):
        """True when only a draft or a scheduled revision uses the target, not the live rows."""
        return CURRENT not in self.versions


def find_uses(targets, ignore=()):
    """Where `targets` are used by the rows of pages and snippets: in the rows in the database,
    in each owner's latest revision (its draft) and in revisions scheduled to go live.

    Owners in `ignore` do not count (say, pages deleted together with the targets). Returns
    `Use`s in the order of `targets`, each target's owners by title.
    """
    ignored = {_identity(type(obj), obj.pk) for obj in ignore}
    targets = list(targets)
    # For each row key, the targets it may point at, by their key value.
    wanted = defaultdict(dict)
    for target in targets:
        for key in row_keys_to(type(target)):
            wanted[key][str(target.pk)] = target

    found = {}  # (owner identity, target identity) -> Use without its owner loaded yet
    owner_pks = defaultdict(set)  # owner model -> pks

    def record(owner_model, owner_pk, target, version):
        owner = _identity(owner_model, owner_pk)
        if owner in ignored:
            return
        use = found.setdefault(
            (owner, _identity(type(target), target.pk)), Use(target=target, owner=owner)
        )
        use.versions.add(version)
        owner_pks[owner_model].add(owner_model._meta.pk.to_python(owner_pk))

    for key, by_pk in wanted.items():
        rows = key.row_model._default_manager.filter(
            **{f"{key.db_field.attname}__in": list(by_pk)}
        ).values_list(key.parental_key.attname, key.db_field.attname)
        for owner_pk, target_pk in rows:
            record(key.owner_model, owner_pk, by_pk[str(target_pk)], CURRENT)

    keys_by_owner_model = defaultdict(list)
    for key in wanted:
        if issubclass(key.owner_model, RevisionMixin):
            keys_by_owner_model[key.owner_model].append(key)
    for owner_model, keys in keys_by_owner_model.items():
        for revision, version in _revisions_in_play(owner_model):
            for key in keys:
                for row in revision.content.get(key.relation_name) or []:
                    target = wanted[key].get(str(row.get(key.db_field.name)))
                    if target is not None:
                        record(owner_model, revision.object_id, target, version)

    owners = {}
    for owner_model, pks in owner_pks.items():
        for owner in owner_model._default_manager.filter(pk__in=pks):
            owners[_identity(owner_model, owner.pk)] = owner
    uses = []
    for use in found.values():
        if use.owner in owners:  # an owner deleted meanwhile uses nothing
            use.owner = owners[use.owner]
            uses.append(use)
    order = {_identity(type(target), target.pk): index for index, target in enumerate(targets)}
    uses.sort(
        key=lambda use: (
            order[_identity(type(use.target), use.target.pk)],
            display_title(use.owner).lower(),
        )
    )
    return uses


def _revisions_in_play(owner_model):
    """(revision, DRAFT or SCHEDULED) for the revisions of `owner_model` objects that may still
    become their live version: each one's latest, and those scheduled to go live."""
    content_types = ContentType.objects.get_for_models(
        *(model for model in apps.get_models() if issubclass(model, owner_model))
    ).values()
    latest = owner_model._default_manager.exclude(latest_revision=None).values("latest_revision")
    revisions = Revision.objects.filter(content_type__in=content_types).filter(
        Q(pk__in=latest) | Q(approved_go_live_at__isnull=False)
    )
    for revision in revisions.only("object_id", "content", "approved_go_live_at"):
        yield revision, SCHEDULED if revision.approved_go_live_at else DRAFT


# ---------------------------------------------------------------------------------------------
# What a stored version points at that is gone


@dataclass(frozen=True)
class MissingReference:
    """A key in a stored version whose object no longer exists. On a row (`relation` set,
    `row_number` counting from 1) django-modelcluster empties the key when it may be empty and
    otherwise leaves the row out (`row_dropped`); on the page itself it empties the key."""

    db_field: models.ForeignKey
    relation: object = None
    row_number: int = 0

    @property
    def row_dropped(self):
        return self.relation is not None and not self.db_field.null

    def __str__(self):
        what = str(self.db_field.verbose_name).lower()
        if self.relation is None:
            return str(_("%(field)s verwijderd.") % {"field": capfirst(what)})
        row = capfirst(self.relation.related_model._meta.verbose_name)
        if self.row_dropped:
            message = _("%(row)s %(number)s: %(field)s verwijderd; de regel is weggelaten.")
        else:
            message = _("%(row)s %(number)s: %(field)s verwijderd.")
        return str(message % {"row": row, "number": self.row_number, "field": what})


def missing_references(model, content):
    """The keys in `content` (a revision's JSON of a `model` object) to objects that no longer
    exist: one query per kind of object pointed at."""
    pointing = []  # (MissingReference if gone, key value)
    for db_field in model._meta.fields:
        if _is_editor_key(db_field) and content.get(db_field.name) is not None:
            pointing.append((MissingReference(db_field), content[db_field.name]))
    for relation in get_all_child_relations(model):
        rows = content.get(relation.get_accessor_name())
        if not isinstance(rows, list):
            continue
        keys = [f for f in relation.related_model._meta.fields if _is_editor_key(f)]
        for number, row in enumerate(rows, start=1):
            for db_field in keys:
                if row.get(db_field.name) is not None:
                    reference = MissingReference(db_field, relation, number)
                    pointing.append((reference, row[db_field.name]))

    values = defaultdict(set)  # (model pointed at, its key field) -> values
    for reference, value in pointing:
        values[_target(reference.db_field)].add(value)
    existing = {
        (target_model, to_field): {
            str(value)
            for value in target_model._default_manager.filter(
                **{f"{to_field}__in": wanted}
            ).values_list(to_field, flat=True)
        }
        for (target_model, to_field), wanted in values.items()
    }
    return [
        reference
        for reference, value in pointing
        if str(value) not in existing[_target(reference.db_field)]
    ]


def _target(db_field):
    return db_field.related_model, db_field.target_field.attname
