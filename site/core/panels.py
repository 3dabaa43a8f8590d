"""The edit view's layout, the same for every page type."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, TabbedInterface


def page_tabs(content_panels, extra_tabs, promote_panels, settings_panels):
    """The tabs of a page's edit view: "Inhoud", the page type's own tabs (`extra_tabs`, a list
    of (heading, panels)), "Promotie" and "Instellingen". Our own names, not Wagtail's default
    ones, so every page type shows the same tabs, named the same, in the same order."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhoud")),
            *(ObjectList(panels, heading=heading) for heading, panels in extra_tabs),
            ObjectList(promote_panels, heading=_("Promotie")),
            ObjectList(settings_panels, heading=_("Instellingen")),
        ]
    )
