"""Keep a published page's url_path consistent with its parent's.

wagtail-localize can publish a page (on transaction commit) from an in-memory copy whose
url_path was computed under a parent that has since been renamed: translating the home page
first creates an English alias home with a temporary slug, then gives the real translation its
own slug, and a featured track translated along with it is then saved with the old path, so its
URL is None. Re-deriving the path after publishing costs one query and repairs that.
"""

from django.db.models import Value
from django.db.models.functions import Concat, Substr
from wagtail.models import Page
from wagtail.signals import page_published


def keep_url_path_in_line_with_parent(sender, instance, **kwargs):
    if instance.depth <= 1:
        return
    parent = Page.objects.only("url_path").get(path=instance.path[: -Page.steplen])
    expected = f"{parent.url_path}{instance.slug}/"
    if instance.url_path == expected:
        return
    old_url_path = instance.url_path
    Page.objects.filter(pk=instance.pk).update(url_path=expected)
    instance.url_path = expected
    # Descendants saved under the stale path move along; others are already right.
    Page.objects.filter(path__startswith=instance.path, url_path__startswith=old_url_path).exclude(
        pk=instance.pk
    ).update(url_path=Concat(Value(expected), Substr("url_path", len(old_url_path) + 1)))


def connect():
    page_published.connect(keep_url_path_in_line_with_parent, dispatch_uid="keep_url_path_in_line")
