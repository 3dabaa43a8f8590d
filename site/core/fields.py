"""A foreign key to a specific page type whose target follows wagtail-localize translation."""

from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from wagtail.models import Page


class SpecificPageDescriptor(ForwardManyToOneDescriptor):
    def __set__(self, instance, value):
        # wagtail-localize assigns the translated target as a plain `Page`; Django only accepts an
        # instance of the specific model the key points at.
        if isinstance(value, Page) and not isinstance(value, self.field.related_model):
            value = value.specific
        super().__set__(instance, value)


class TranslatablePageForeignKey(models.ForeignKey):
    """Use with `override_translatable_fields = [TranslatableField(name)]` on the model.

    wagtail-localize synchronises page foreign keys by default, so a translated page would keep
    pointing at the Dutch target. Marked translatable, the key is re-pointed at the target's
    translation; this field makes that assignment work for keys to a specific page type.
    """

    forward_related_accessor_class = SpecificPageDescriptor
