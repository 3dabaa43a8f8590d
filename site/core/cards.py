"""Cards: how a page appears in a listing, built from what the page type itself says.

Every page type answers the same small set of questions (see `BasePage`): its title, `card_label`
(what kind of page it is), `card_subtitle`, `get_card_facts()`, `card_summary`, `card_image` and
`get_card_themes()`. Templates render a `Card` and never guess at a page type's fields, and the
themes on a whole listing's cards are resolved in one query.
"""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass(frozen=True)
class CardFact:
    """A short fact on a card, e.g. "Open inschrijving", "6 dagen" or a date."""

    text: str
    # ISO date for a <time> element, when the fact is a date.
    datetime: str = ""


@dataclass
class Card:
    """A page as a card: `page` is the resolved page (it carries `fallback_language`)."""

    page: object
    themes: list = field(default_factory=list)

    @property
    def label(self):
        return self.page.card_label

    @property
    def facts(self):
        return self.page.get_card_facts()

    @property
    def subtitle(self):
        return self.page.card_subtitle

    @property
    def summary(self):
        return self.page.card_summary

    @property
    def image(self):
        return self.page.card_image


@dataclass
class CardSection:
    """A headed list of cards, e.g. "Cases met dit leertraject" on a track page."""

    title: str
    cards: list
    section_id: str


def build_cards(pages, resolver):
    """Cards for resolved `pages`, with the themes of all of them resolved in one query."""
    pages = list(pages)
    themes = resolver.by_translation_key(
        theme for page in pages for theme in page.get_card_themes()
    )
    cards = []
    for page in pages:
        shown = {}
        for theme in page.get_card_themes():
            if theme.translation_key in themes:
                shown.setdefault(theme.translation_key, themes[theme.translation_key])
        cards.append(Card(page=page, themes=list(shown.values())))
    return cards


# Other apps add sections of cards to a page (say, the cases that used a track) through this
# Wagtail hook, so the page's own app needs no import of the apps that build on it. A hook
# function takes `(page, resolver)` and returns a `CardSection` or None.
RELATED_SECTIONS_HOOK = "related_card_sections"


def related_sections(page, resolver):
    """The sections other apps add to `page`, in the order the apps are installed."""
    if page.pk is None:
        # A page previewed before its first save: nothing can refer to it yet, and a hook
        # filtering on it (say, the cases whose `track` is this page) would raise ValueError.
        return []
    sections = (hook(page, resolver) for hook in hooks.get_hooks(RELATED_SECTIONS_HOOK))
    return [section for section in sections if section is not None and section.cards]
