from wagtail import hooks

from core.cards import RELATED_SECTIONS_HOOK
from trajecten.models import LeertrajectPage

from .models import CaseStudyPage


@hooks.register(RELATED_SECTIONS_HOOK)
def cases_on_track_page(page, resolver):
    if isinstance(page, LeertrajectPage):
        return CaseStudyPage.section_for_track(page, resolver)
    return None
