from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import LeertrajectPage


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_tracks_without_a_module(request, action_type, objects, action):
    """Bulk publishing publishes the latest revisions without the edit form's validation, so
    the rule that a track needs a module step before it goes live is checked here too."""
    if action_type != "publish":
        return None
    pages = [obj for obj in objects if hasattr(obj, "path")]
    tracks = [page.specific for page in pages if isinstance(page.specific, LeertrajectPage)]
    if request.POST.get("include_descendants"):
        for page in pages:
            tracks += LeertrajectPage.objects.descendant_of(page).not_live()
    empty = sorted(
        {
            track.title
            for track in tracks
            if not track.get_latest_revision_as_object().has_module_step
        }
    )
    if not empty:
        return None
    messages.error(
        request,
        _("Niets gepubliceerd: het programma van %(tracks)s heeft nog geen module.")
        % {"tracks": ", ".join(empty)},
    )
    if action.next_url != request.path:
        return redirect(action.next_url)
    # Without a `next` the bulk action would redirect to itself; the listing is more useful.
    return redirect("wagtailadmin_explore", pages[0].get_parent().pk)
