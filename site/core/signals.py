"""Privacy follows the page: a view restriction holds for all translations of a page.

Wagtail keeps view restrictions per page, so a page made private after it was translated left
its English copy public (wagtail#11015). Whenever a restriction is added to, changed on or
removed from a page, in whichever language, its translations get the same restrictions at once.
wagtail-localize copies a page's restriction when it creates a translation, which covers pages
made private before they were translated; migration core 0004 brought existing pages in line.
"""

from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction

# Set while copying restrictions, so the copies do not start a sync of their own.
_syncing = ContextVar("syncing_view_restrictions", default=False)


def sync_view_restrictions(page):
    """Give every translation of `page` exactly the view restrictions `page` has."""
    token = _syncing.set(True)
    try:
        wanted = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
        translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
        for translation in translations:
            existing = list(PageViewRestriction.objects.filter(page=translation).order_by("pk"))
            for restriction in existing[len(wanted) :]:
                restriction.delete()
            for index, source in enumerate(wanted):
                copy = existing[index] if index < len(existing) else PageViewRestriction()
                copy.page = translation
                copy.restriction_type = source.restriction_type
                copy.password = source.password
                copy.save()
                copy.groups.set(source.groups.all())
    finally:
        _syncing.reset(token)


def restriction_saved(sender, instance, **kwargs):
    if not _syncing.get():
        sync_view_restrictions(instance.page)


def restriction_deleted(sender, instance, origin=None, **kwargs):
    # A restriction deleted because its page is deleted says nothing about the translations.
    if _syncing.get() or not isinstance(origin, PageViewRestriction):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_view_restrictions(page)


def restriction_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_") or _syncing.get():
        return
    if not reverse:
        sync_view_restrictions(instance.page)
        return
    # Changed from the group's side: `pk_set` names the restrictions.
    for restriction in PageViewRestriction.objects.filter(pk__in=pk_set or ()):
        sync_view_restrictions(restriction.page)


def connect():
    post_save.connect(
        restriction_saved, sender=PageViewRestriction, dispatch_uid="sync_view_restrictions"
    )
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="sync_view_restrictions"
    )
    m2m_changed.connect(
        restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="sync_view_restrictions",
    )
