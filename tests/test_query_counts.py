"""A page costs the same number of SQL queries however much it lists.

Each test measures a page with a few related items, adds more until it has many, and measures
again. Before each measurement the page is requested once, so caches (image renditions, site
root paths, site settings) are warm for both; each test also runs with the cache emptied after
that request, so renditions must come from one prefetch rather than one query per image. A difference is an N+1 query: the failure message
shows the query that repeats.
"""

import re
import sys
from collections import Counter

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.links import LinkResolver
from tests import factories as f
from tests.builders import make_track
from trajecten.models import ProgrammeStep

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 20


# Set per test by `cache_state`: measure with the cache emptied after the warm-up request.
CLEAR_CACHE_BEFORE_MEASURING = False


@pytest.fixture(autouse=True, params=["warm cache", "cold cache"])
def cache_state(request, settings, monkeypatch):
    """Every page is measured twice: with a warm cache, and with the cache emptied after the
    warm-up (renditions then exist in the database only, as after a deploy or a cache flush).

    Django's local-memory cache holds 300 entries, then culls a third of them: with a few
    hundred image renditions that would empty the warm cache between warm-up and measurement.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "query-counts",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    monkeypatch.setattr(
        sys.modules[__name__], "CLEAR_CACHE_BEFORE_MEASURING", request.param == "cold cache"
    )


def captured_queries(client, url):
    """The SQL of one warm request to `url`, and the page's HTML."""
    warm = client.get(url)
    assert warm.status_code == 200, (url, warm.status_code)
    if CLEAR_CACHE_BEFORE_MEASURING:
        caches["default"].clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries], response.content.decode()


def normalise(sql):
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\s+", " ", sql)


def assert_flat(client, url, grow, size=LARGE - SMALL):
    """The number of queries for `url` does not change when `grow(size)` adds items.

    `grow` returns texts (titles, names) the page must show afterwards, so a page cannot be
    flat by leaving the new items out.
    """
    small, _ = captured_queries(client, url)
    expected = grow(size)
    large, html = captured_queries(client, url)
    text = html.replace("&#x27;", "'")
    missing = [item for item in expected if item not in text]
    assert not missing, f"{url} does not show {missing}"
    if len(small) != len(large):
        extra = Counter(map(normalise, large)) - Counter(map(normalise, small))
        report = "\n\n".join(
            f"{count}x more: {sql[:200]} ... {sql[-400:]}" for sql, count in extra.most_common(5)
        )
        pytest.fail(
            f"{url}: {len(small)} queries with {SMALL} items, {len(large)} with {LARGE}; "
            f"repeating:\n{report}"
        )


def person():
    return f.PersonFactory(photo=f.ImageFactory())


def test_track_page(client, tree):
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
        track.save()
        return shown + quotes

    grow(SMALL)
    assert_flat(client, track.url, grow)
    assert track.programme_steps.filter(kind="module").count() == LARGE


def test_module_page(client, tree):
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

    grow(SMALL)
    assert_flat(client, module.url, grow)
    assert module.get_tracks_using_module(LinkResolver(language_code="nl")).count() == LARGE


def test_track_index(client, tree):
    """Track cards with images and theme tags."""
    themes = [f.ThemePageFactory(parent=tree.theme_index) for _ in range(2)]

    def grow(count):
        return [
            make_track(tree, themes=themes, hero_image=f.ImageFactory()).title for _ in range(count)
        ]

    grow(SMALL)
    assert_flat(client, tree.track_index.url, grow)


def test_track_index_filtered_by_theme_and_form(client, tree):
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        return [
            make_track(tree, themes=[theme], form="op_maat", listing_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    grow(SMALL)
    assert_flat(client, f"{tree.track_index.url}?theme={theme.slug}&form=op_maat", grow)


def test_module_index(client, tree):
    def grow(count):
        shown = []
        for _ in range(count):
            module = f.ModulePageFactory(parent=tree.module_index, listing_image=f.ImageFactory())
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.ModuleThemeLinkFactory(page=module, theme=theme)
            shown += [module.title, theme.title]
        return shown

    grow(SMALL)
    assert_flat(client, tree.module_index.url, grow)


def test_theme_index(client, tree):
    def grow(count):
        return [
            f.ThemePageFactory(parent=tree.theme_index, listing_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    grow(SMALL)
    assert_flat(client, tree.theme_index.url, grow)


def test_case_index(client, tree):
    theme = f.ThemePageFactory(parent=tree.theme_index)

    def grow(count):
        shown = []
        for _ in range(count):
            case = f.CaseStudyPageFactory(parent=tree.case_index, hero_image=f.ImageFactory())
            f.CaseStudyThemeLinkFactory(page=case, theme=theme)
            shown.append(case.title)
        return shown

    grow(SMALL)
    assert_flat(client, tree.case_index.url, grow)


def test_article_index(client, tree):
    """Up to a full page of articles (the index shows ten at a time)."""
    per_page = tree.article_index.specific.articles_per_page

    def grow(count):
        return [
            f.ArticlePageFactory(parent=tree.article_index, hero_image=f.ImageFactory()).title
            for _ in range(count)
        ]

    grow(SMALL)
    assert_flat(client, tree.article_index.url, grow, size=per_page - SMALL)


def test_theme_page(client, tree):
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

    grow(SMALL)
    assert_flat(client, theme.url, grow)


def test_case_page(client, tree):
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

    grow(SMALL)
    assert_flat(client, case.url, grow)


def test_article_page(client, tree):
    """Authors with photos, themes and related tracks."""
    article = f.ArticlePageFactory(parent=tree.article_index)

    def grow(count):
        shown = []
        for _ in range(count):
            author = person()
            f.ArticleAuthorFactory(page=article, person=author)
            theme = f.ThemePageFactory(parent=tree.theme_index)
            f.ArticleThemeLinkFactory(page=article, theme=theme)
            track = make_track(tree, listing_image=f.ImageFactory())
            f.ArticleRelatedTrackFactory(page=article, track=track)
            shown += [author.name, theme.title, track.title]
        return shown

    grow(SMALL)
    assert_flat(client, article.url, grow)


def test_home_page(client, tree):
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

    grow(SMALL)
    assert_flat(client, home.url, grow)
