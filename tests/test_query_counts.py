"""A page costs the same number of SQL queries however much it lists.

Each scenario makes a page with a few related items (`SMALL`), then `grow` adds more, and the
page is measured before and after (see tests/query_counts.py), with a warm and a cold cache.
"""

import pytest

from core.links import LinkResolver
from tests import factories as f
from tests.builders import make_track
from trajecten.models import ProgrammeStep

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20


def person():
    return f.PersonFactory(photo=f.ImageFactory())


# Each scenario takes the site tree and returns (url, grow[, size]): `grow(count)` adds `count`
# of everything the page lists and returns the texts the page must then show.


def track_page(tree):
    """Programme (modules and interludes), trainers with photos, themes, methods, quotes,
    related cases and articles."""
    track = make_track(tree)
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        shown = []
        for _ in range(count):
            module = f.ModulePageFactory(parent=tree.module_index, listing_image=f.ImageFactory())
            f.ProgrammeStepFactory(page=track, module=module, label="Dag")
            f.ProgrammeStepFactory(page=track, kind=ProgrammeStep.Kind.INTERVIEW, note="Tussen")
            track_theme = f.ThemePageFactory(parent=tree.theme_index)
            f.LeertrajectThemeLinkFactory(page=track, theme=track_theme)
            trainer = person()
            f.LeertrajectTrainerFactory(page=track, person=trainer)
            method = f.LeertrajectMethodLinkFactory(page=track).method
            case = f.CaseStudyPageFactory(
                parent=tree.case_index, track=track, hero_image=f.ImageFactory()
            )
            f.CaseStudyThemeLinkFactory(page=case, theme=theme)
            article = f.ArticlePageFactory(parent=tree.article_index, hero_image=f.ImageFactory())
            f.ArticleRelatedTrackFactory(page=article, track=track)
            shown += [module.title, track_theme.title, trainer.name, method.name]
            shown += [case.title, article.title]
        quotes = [f"Citaat {n}" for n in range(track.programme_steps.count())]
        track.quotes = [f.quote(text, "Deelnemer") for text in quotes]
        track.body = [
            f.call_to_action(f"Actie {n}", page=f.ThemePageFactory(parent=tree.theme_index))
            for n in range(len(quotes))
        ]
        track.save()
        return shown + quotes + [f"Actie {n}" for n in range(len(quotes))]

    return track.url, grow


def module_page(tree):
    """The tracks that use the module, its themes and methods."""
    module = f.ModulePageFactory(parent=tree.module_index)

    def grow(count):
        shown = []
        for _ in range(count):
            track = make_track(tree, modules=[module], listing_image=f.ImageFactory())
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.ModuleThemeLinkFactory(page=module, theme=theme)
            method = f.ModuleMethodLinkFactory(page=module).method
            shown += [track.title, theme.title, method.name]
        return shown

    return module.url, grow


def track_index(tree):
    """Track cards with images and theme tags."""
    themes = [f.ThemePageFactory(parent=tree.theme_index) for _ in range(2)]

    def grow(count):
        return [
            make_track(tree, themes=themes, hero_image=f.ImageFactory()).title for _ in range(count)
        ]

    return tree.track_index.url, grow


def track_index_filtered(tree):
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        return [
            make_track(tree, themes=[theme], form="op_maat", listing_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    return f"{tree.track_index.url}?theme={theme.slug}&form=op_maat", grow


def module_index(tree):
    def grow(count):
        shown = []
        for _ in range(count):
            module = f.ModulePageFactory(parent=tree.module_index, listing_image=f.ImageFactory())
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.ModuleThemeLinkFactory(page=module, theme=theme)
            shown += [module.title, theme.title]
        return shown

    return tree.module_index.url, grow


def theme_index(tree):
    def grow(count):
        return [
            f.ThemePageFactory(parent=tree.theme_index, listing_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    return tree.theme_index.url, grow


def case_index(tree):
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        shown = []
        for _ in range(count):
            case = f.CaseStudyPageFactory(parent=tree.case_index, hero_image=f.ImageFactory())
            f.CaseStudyThemeLinkFactory(page=case, theme=theme)
            shown.append(case.title)
        return shown

    return tree.case_index.url, grow


def article_index(tree):
    """Up to a full page of articles (the index shows ten at a time)."""

    def grow(count):
        return [
            f.ArticlePageFactory(parent=tree.article_index, hero_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    return tree.article_index.url, grow, tree.article_index.specific.articles_per_page - SMALL


def theme_page(tree):
    """Tagged tracks, modules, cases and articles, each with a card image."""
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        shown = []
        for _ in range(count):
            image = f.ImageFactory
            track = make_track(tree, themes=[theme], hero_image=image())
            module = f.ModulePageFactory(parent=tree.module_index, listing_image=image())
            f.ModuleThemeLinkFactory(page=module, theme=theme)
            case = f.CaseStudyPageFactory(parent=tree.case_index, track=track, hero_image=image())
            f.CaseStudyThemeLinkFactory(page=case, theme=theme)
            article = f.ArticlePageFactory(parent=tree.article_index, hero_image=image())
            f.ArticleThemeLinkFactory(page=article, theme=theme)
            shown += [track.title, module.title, case.title, article.title]
        return shown

    return theme.url, grow


def case_page(tree):
    """Trainers with photos, themes and the next case in the theme."""
    track = make_track(tree)
    case = f.CaseStudyPageFactory(parent=tree.case_index, track=track)

    def grow(count):
        shown = []
        for _ in range(count):
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.CaseStudyThemeLinkFactory(page=case, theme=theme)
            trainer = person()
            f.CaseStudyTrainerFactory(page=case, person=trainer)
            other = f.CaseStudyPageFactory(parent=tree.case_index)
            f.CaseStudyThemeLinkFactory(page=other, theme=case.theme_links.first().theme)
            shown += [theme.title, trainer.name]
        return shown

    return case.url, grow


def article_page(tree):
    """Authors with photos, themes, related tracks, and links to pages in the rich text."""
    article = f.ArticlePageFactory(parent=tree.article_index)

    def grow(count):
        shown, links = [], []
        for _ in range(count):
            author = person()
            f.ArticleAuthorFactory(page=article, person=author)
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.ArticleThemeLinkFactory(page=article, theme=theme)
            track = make_track(tree, listing_image=f.ImageFactory())
            f.ArticleRelatedTrackFactory(page=article, track=track)
            links.append(f'<a linktype="page" id="{track.pk}">Lees over {track.title}</a>')
            shown += [author.name, theme.title, track.title, f"Lees over {track.title}"]
        article.body = [f.paragraph(f"<p>{' '.join(links)}</p>")]
        article.save()
        return shown

    return article.url, grow


def home_page(tree):
    """Featured tracks, themes, latest cases and articles, all with card images."""
    home = tree.home

    def grow(count):
        shown = []
        for _ in range(count):
            track = make_track(tree, hero_image=f.ImageFactory())
            f.HomeFeaturedTrackFactory(page=home, track=track)
            theme = f.ThemePageFactory(parent=tree.theme_index, listing_image=f.ImageFactory())
            f.CaseStudyPageFactory(parent=tree.case_index, hero_image=f.ImageFactory())
            f.ArticlePageFactory(parent=tree.article_index, hero_image=f.ImageFactory())
            shown += [track.title, theme.title]
        return shown

    return home.url, grow


SCENARIOS = [
    track_page,
    module_page,
    track_index,
    track_index_filtered,
    module_index,
    theme_index,
    case_index,
    article_index,
    theme_page,
    case_page,
    article_page,
    home_page,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.__name__ for s in SCENARIOS])
def test_queries_stay_flat_as_content_grows(client, tree, measure, scenario):
    url, grow, *size = scenario(tree)
    grow(SMALL)
    measure.assert_flat(client, url, grow, size[0] if size else LARGE - SMALL)


def test_module_page_finds_every_track_in_one_query(tree, django_assert_num_queries):
    module = f.ModulePageFactory(parent=tree.module_index)
    for _ in range(LARGE):
        make_track(tree, modules=[module])
    resolver = LinkResolver(language_code="nl")
    resolver.visible_q()  # reads what hides pages, once per request
    with django_assert_num_queries(1):
        assert len(module.get_tracks_using_module(resolver)) == LARGE
