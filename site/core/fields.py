"""A foreign key to a page that follows wagtail-localize translation."""

from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField


class SpecificPageDescriptor(ForwardManyToOneDescriptor):
    def __set__(self, instance, value):
        # wagtail-localize assigns the translated target as a plain `Page`; Django only accepts an
        # instance of the specific model the key points at.
        if isinstance(value, Page) and not isinstance(value, self.field.related_model):
            value = value.specific
        super().__set__(instance, value)


class TranslatablePageForeignKey(models.ForeignKey):
    """A page key that points at the target's translation on a translated copy.

    wagtail-localize synchronises page foreign keys by default, so a translated page would keep
    pointing at the Dutch target. This field registers itself as a translatable field of its
    model (`override_translatable_fields`), and its descriptor accepts the plain `Page` that
    wagtail-localize then assigns.
    """

    forward_related_accessor_class = SpecificPageDescriptor

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        # A new list per class: subclasses of an abstract model must not share the parent's.
        inherited = getattr(cls, "override_translatable_fields", [])
        cls.override_translatable_fields = [
            *(field for field in inherited if field.field_name != name),
            TranslatableField(name),
        ]
