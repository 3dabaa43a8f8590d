"""Model fields that store and load only what is safe to show a visitor (core.sanitising).

Each cleans a value when it is saved (`pre_save`, so the saved instance is clean too, and
`get_prep_value`, which `QuerySet.update()` uses) and again when it is loaded (`from_db_value`;
rich text also in `to_python`, which loads revisions), so nothing written around the model
(raw SQL, an old revision, an import) reaches a template unchecked.
"""

from django import forms
from django.core.validators import URLValidator
from django.db import models
from wagtail.fields import RichTextField

from .sanitising import safe_url, sanitise_rich_text, validate_safe_url


class _CleanedOnSaveAndLoad:
    def clean_value(self, value):
        raise NotImplementedError

    def pre_save(self, model_instance, add):
        value = self.clean_value(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return self.clean_value(super().get_prep_value(value))

    def from_db_value(self, value, expression, connection):
        return self.clean_value(value)


class SafeRichTextFormField(forms.CharField):
    """Rich text cleaned as soon as it is read from a posted form: a refused form shows the
    posted text again, and Wagtail's editor widget fails on markup it cannot read (a forged
    page link id, for one)."""

    def bound_data(self, data, initial):
        return sanitise_rich_text(super().bound_data(data, initial))

    def to_python(self, value):
        return sanitise_rich_text(super().to_python(value))


class SafeRichTextField(_CleanedOnSaveAndLoad, RichTextField):
    """A RichTextField holding only Wagtail's stored rich-text elements, with safe links."""

    def clean_value(self, value):
        return sanitise_rich_text(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeRichTextFormField, **kwargs})

    # Revisions store a page as JSON and load its fields with `to_python`.
    def to_python(self, value):
        return self.clean_value(super().to_python(value))


class SafeURLField(_CleanedOnSaveAndLoad, models.URLField):
    """A URL field for links visitors click: http, https, mailto, tel or relative.

    The admin refuses another URL with a message; a value written around the form is
    stored and loaded as empty."""

    default_validators = [URLValidator(schemes=["http", "https"]), validate_safe_url]

    def clean_value(self, value):
        return safe_url(value) if value else value
