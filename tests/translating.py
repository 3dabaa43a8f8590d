"""Translating the way editors do in wagtail-localize, for tests.

1. "Vertaal deze pagina" (`send_for_translation`): wagtail-localize creates the translation as
   a draft (pages and snippets alike), with the source text in it.
2. The translation editor: every segment gets a translation (`translate_segments`).
3. "Publiceren" (`publish_translation`): the translated page or snippet goes live.

wagtail-localize publishes in `transaction.on_commit`, which never fires inside a test's
transaction: each step runs the callbacks when it is done.
"""

from django.test import TestCase
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator


def english(text):
    """The "translation" tests use: recognisable, and distinct from the Dutch source."""
    return f"EN {text}"


def send_for_translation(user, obj, locale, *, include_related_objects=False):
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(user, [locale]).create_translations(
            obj, include_related_objects=include_related_objects
        )
    return _reload(obj.get_translation(locale))


def translate_segments(obj, locale, text=english):
    """Fill in every segment of `obj`'s translation source, as a translator would."""
    source, _ = TranslationSource.update_or_create_from_instance(_source_instance(obj))
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text(segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    return source


def publish_translation(user, obj, locale, text=english):
    """Translate every segment of `obj` and publish the translation; the translated object."""
    source = translate_segments(obj, locale, text)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=True)
    return _reload(obj.get_translation(locale))


def translate_and_publish(user, locale, *objects, text=english):
    """Send each of `objects` for translation and publish it, in order (parents first)."""
    translated = []
    for obj in objects:
        send_for_translation(user, obj, locale)
        translated.append(publish_translation(user, obj, locale, text))
    return translated


def _source_instance(obj):
    return obj.specific if isinstance(obj, Page) else obj


def _reload(obj):
    obj = type(obj).objects.get(pk=obj.pk)
    return obj.specific if isinstance(obj, Page) else obj
