"""Cards: how a page appears in a listing, built from what the page type itself says.

Every page type answers the same small set of questions (see `BasePage`): its title, `card_label`
(what kind of page it is), `card_subtitle`, `get_card_facts()`, `card_summary`, `card_image` and
`get_card_themes()`. Templates render a `Card` and never guess at a page type's fields, and the
themes on a whole listing's cards are resolved in one query.
"""

from dataclasses import dataclass, field

from wagtail import hooks
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found


@dataclass(frozen=True)
class CardFact:
    """A short fact on a card, e.g. "Open inschrijving", "6 dagen" or a date."""

    text: str
    # ISO date for a <time> element, when the fact is a date.
    datetime: str = ""


# A card's image: one size (twice the width a card takes on a wide screen, so sharp on a
# high-density screen and ample on a phone) in three formats, the browser taking the first it
# reads. Three renditions per card, prefetched for a whole listing (`BasePage.for_cards`).
CARD_IMAGE_SIZE = "fill-800x500"
CARD_IMAGE_FORMATS = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
# Filter objects made once: each parses its spec once, not once per card.
CARD_IMAGE_FILTERS = tuple(
    Filter(spec=f"{CARD_IMAGE_SIZE}|format-{name}") for name in CARD_IMAGE_FORMATS
)
CARD_IMAGE_SPECS = tuple(card_filter.spec for card_filter in CARD_IMAGE_FILTERS)


@dataclass(frozen=True)
class CardImage:
    """The renditions a card shows: `sources` (MIME type, rendition) for AVIF and WebP, and
    `fallback`, the JPEG for the <img>."""

    sources: list
    fallback: object

    @classmethod
    def of(cls, image):
        """None without an image, or when its file cannot be read (Wagtail's stand-in then has
        no size): the card goes without, as `{% image %}` would not break the page either."""
        if image is None:
            return None
        renditions = get_renditions_or_not_found(image, CARD_IMAGE_FILTERS)
        if not renditions[CARD_IMAGE_SPECS[-1]].width:
            return None
        *sources, fallback = (renditions[spec] for spec in CARD_IMAGE_SPECS)
        return cls(
            sources=list(zip(list(CARD_IMAGE_FORMATS.values())[:-1], sources, strict=True)),
            fallback=fallback,
        )


@dataclass(frozen=True)
class CardLink:
    """A link on a card: the resolved page and its URL, worked out once per listing (a theme
    is tagged on many cards; working out a page's URL is not free)."""

    page: object
    url: str


@dataclass
class Card:
    """A page as a card: exactly what the card shows, asked of the page once.

    `page` is the resolved page (it carries `fallback_language`), for its link; `themes` are
    `CardLink`s."""

    page: object
    url: str
    label: str
    subtitle: str
    summary: str
    facts: list
    image: CardImage | None
    themes: list = field(default_factory=list)

    @classmethod
    def of(cls, page, themes, request=None):
        return cls(
            page=page,
            url=page.get_url(request=request),
            label=page.card_label,
            subtitle=page.card_subtitle,
            summary=page.card_summary,
            facts=page.get_card_facts(),
            image=CardImage.of(page.card_image),
            themes=themes,
        )


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
    request = resolver.request
    theme_links = {
        key: CardLink(page=theme, url=theme.get_url(request=request))
        for key, theme in themes.items()
    }
    cards = []
    for page in pages:
        shown = {}
        for theme in page.get_card_themes():
            if theme.translation_key in theme_links:
                shown.setdefault(theme.translation_key, theme_links[theme.translation_key])
        cards.append(Card.of(page, list(shown.values()), request))
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

    def sections():
        found = (hook(page, resolver) for hook in hooks.get_hooks(RELATED_SECTIONS_HOOK))
        return [section for section in found if section is not None and section.cards]

    # Kept until the content changes: what refers to the page is published content too.
    return resolver.remember_for_site(("related_sections", page.pk), sections)
