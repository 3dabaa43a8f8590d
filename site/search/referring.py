"""Search entries that hold another object's text stay current when that object changes.

A page's entry holds texts of what it shows (see `BasePage.search_resolver`): a track its
modules' titles, its trainers' and methods' names, its themes' titles. When such a page or
snippet is published or unpublished, in any language, or a page (with the pages below it) gets
or loses a view restriction, the pages referring to any of its language versions are indexed
again: a private page's title must not stay findable in, or shown from, another page's entry. Wagtail's reference index says which pages those are,
whatever the relation, so this needs no knowledge of the page types.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, TranslatableMixin
from wagtail.signals import published, unpublished

from search.tasks import reindex_referring_page_task


def reindex_referring_pages(sender, instance, **kwargs):
    model = type(instance)
    versions = model._default_manager.filter(pk=instance.pk)
    if isinstance(instance, TranslatableMixin):
        versions = model._default_manager.filter(translation_key=instance.translation_key)
    _reindex_pages_referring_to(versions)


def reindex_after_restriction_change(sender, instance, **kwargs):
    """A view restriction hides (or shows again) its page and every page below it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted together with its page
        return
    hidden = Page.objects.filter(path__startswith=page.path)
    keys = hidden.values("translation_key")
    _reindex_pages_referring_to(Page.objects.filter(translation_key__in=keys))


def _reindex_pages_referring_to(versions):
    references = ReferenceIndex.get_references_to_in_bulk(versions).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    pages = Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type")
    for pk, content_type_id in pages:
        specific = ContentType.objects.get_for_id(content_type_id).model_class()
        if specific is not None:
            reindex_referring_page_task.enqueue(
                specific._meta.app_label, specific._meta.model_name, str(pk)
            )


def connect_signals():
    # Wagtail sends `published`/`unpublished` for pages too (after `page_published`/
    # `page_unpublished`): listening to both would index every referring page twice.
    for signal in (published, unpublished):
        signal.connect(reindex_referring_pages, dispatch_uid=f"search-referring-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(
            reindex_after_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"search-referring-restriction-{signal is post_save}",
        )
