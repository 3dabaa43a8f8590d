from wagtail import hooks

from core.cards import RELATED_SECTIONS_HOOK
from trajecten.models import LeertrajectPage

from .models import ArticlePage


@hooks.register(RELATED_SECTIONS_HOOK)
def articles_on_track_page(page, resolver):
    if isinstance(page, LeertrajectPage):
        return ArticlePage.section_for_track(page, resolver)
    return None
