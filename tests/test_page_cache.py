"""The anonymous page cache (core/page_cache.py): what is served from it, what never is, and
that any change a page may show is visible at once, in both languages."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, PageViewRestriction
from wagtail.snippets.models import get_snippet_models

from core import page_cache
from core.models import SiteSettings
from tests import factories as f
from tests.contact_support import build_contact_site
from tests.test_settings import SETTINGS_VARIABLES, SITE_DIR
from tests.translating import publish_translation

pytestmark = pytest.mark.django_db

HIT = "hit"


@pytest.fixture
def cached(settings):
    """The page cache on, with nothing in it."""
    settings.PAGE_CACHE_ENABLED = True
    page_cache.clear()
    yield
    page_cache.clear()


def cache_status(response):
    return response.headers.get(page_cache.CACHE_STATUS_HEADER)


def get_twice(client, url, **extra):
    """The second of two requests to `url`, when the first answered 200."""
    first = client.get(url, **extra)
    assert first.status_code == 200, (url, first.status_code)
    return client.get(url, **extra)


def fresh(obj):
    """`obj` as stored now: the fixtures' objects are shared by the tests of this module."""
    obj = type(obj).objects.get(pk=obj.pk)
    return obj.specific if isinstance(obj, Page) else obj


def languages(bilingual, page):
    """`page` (Dutch) and its English translation."""
    return [page.specific, bilingual.en(page)]


# ---------------------------------------------------------------------------------------------
# Served from the cache


@pytest.mark.parametrize("name", ["home", "track", "theme", "track_index", "article"])
def test_an_anonymous_visitor_gets_the_second_request_from_the_cache(
    client, bilingual, cached, name
):
    for page in languages(bilingual, bilingual.nl.page(name)):
        first = client.get(page.url)
        assert (first.status_code, cache_status(first)) == (200, "miss")
        with CaptureQueriesContext(connection) as queries:
            second = client.get(page.url)
        assert (second.status_code, cache_status(second)) == (200, HIT)
        assert len(queries) == 0, [q["sql"] for q in queries]
        assert second.content == first.content
        assert page.title in second.content.decode()


def test_cached_pages_carry_cache_control_and_an_etag(client, bilingual, cached, settings):
    settings.PAGE_CACHE_MAX_AGE = 45
    settings.PAGE_CACHE_SHARED_MAX_AGE = 600
    url = bilingual.nl.urban.url
    first = client.get(url)
    second = client.get(url)
    for response in (first, second):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=45", "s-maxage=600"}
        assert response["ETag"].startswith('"')
    assert first["ETag"] == second["ETag"]
    # The other middleware still handles a cached page on its way out.
    assert second["Content-Language"] == "nl"
    assert second["X-Frame-Options"]
    assert second["Content-Type"].startswith("text/html")


def test_if_none_match_gets_a_304_from_the_cache(client, bilingual, cached):
    url = bilingual.en(bilingual.nl.urban).url
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_if_none_match_gets_a_304_when_the_page_is_rendered(client, bilingual, cached):
    url = bilingual.nl.urban.url
    etag = client.get(url)["ETag"]
    page_cache.clear()
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_each_language_has_its_own_entry(client, bilingual, cached):
    nl, en = languages(bilingual, bilingual.nl.tree.home)
    client.get(nl.url)
    response = client.get(en.url)
    assert cache_status(response) == "miss"
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_the_browser_language_changes_nothing(client, bilingual, cached):
    """The URL decides the language: a cached Dutch page is Dutch for an English browser."""
    url = bilingual.nl.urban.url
    dutch = client.get(url)
    english_browser = client.get(url, headers={"Accept-Language": "en"})
    assert cache_status(english_browser) == HIT
    assert english_browser.content == dutch.content


def test_off_means_off(client, bilingual, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = get_twice(client, bilingual.nl.urban.url)
    assert cache_status(response) is None
    assert "ETag" not in response


# ---------------------------------------------------------------------------------------------
# Never from the cache


def assert_not_cached(response):
    assert cache_status(response) != HIT
    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response["Cache-Control"]


def test_a_logged_in_editor_never_gets_the_cached_page(client, bilingual, cached, superuser):
    url = bilingual.nl.urban.url
    client.get(url)
    client.force_login(superuser)
    response = get_twice(client, url)
    assert_not_cached(response)
    assert "wagtail-userbar" in response.content.decode()


def test_a_visitor_with_a_session_bypasses_the_cache(client, bilingual, cached):
    url = bilingual.nl.urban.url
    client.get(url)
    response = client.get(url, headers={"Cookie": "sessionid=abc"})
    assert_not_cached(response)


def test_a_query_string_bypasses_the_cache(client, bilingual, cached):
    url = bilingual.nl.tree.track_index.url
    client.get(url)
    assert_not_cached(get_twice(client, url + "?vorm=open"))


def test_a_post_is_never_answered_from_the_cache(client, bilingual, cached):
    url = bilingual.nl.urban.url
    client.get(url)
    response = client.post(url)
    assert_not_cached(response)


def test_a_preview_never_gets_the_cached_page(client, bilingual, cached):
    track = fresh(bilingual.nl.urban)
    assert cache_status(get_twice(client, track.url)) == HIT
    track.title = "Concepttitel"
    track.save_revision()

    preview = track.get_latest_revision_as_object().make_preview_request()

    assert "Concepttitel" in preview.content.decode()
    assert cache_status(preview) != HIT
    live = client.get(track.url)
    assert "Concepttitel" not in live.content.decode()


def test_the_contact_page_is_never_cached(client, bilingual, cached):
    contact = build_contact_site(bilingual)
    for language in ("nl", "en"):
        response = get_twice(client, contact.url(language))
        assert_not_cached(response)
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_password_protected_page_is_never_cached(client, bilingual, cached):
    track = bilingual.nl.urban
    assert cache_status(get_twice(client, track.url)) == HIT
    PageViewRestriction.objects.create(
        page=track, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    for page in languages(bilingual, track):  # the restriction follows the translation
        response = get_twice(client, page.url)
        assert_not_cached(response)
        text = response.content.decode()
        assert 'name="password"' in text
        assert page.intro not in text


def test_a_search_with_a_query_is_never_cached(client, bilingual, cached):
    for url in ("/zoeken/?q=urban", "/en/search/?q=urban"):
        response = get_twice(client, url)
        assert_not_cached(response)


def test_a_missing_page_is_not_cached(client, bilingual, cached):
    client.get("/bestaat-niet/")
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_not_cached(response)


class BrokenCache(BaseCache):
    """A cache whose server is gone: every call raises."""

    def __init__(self, *args, **kwargs):
        super().__init__({})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set = add = delete = get_many = set_many = clear = incr = touch = has_key = _fail


def test_a_failing_cache_serves_the_pages_uncached(client, bilingual, cached, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "tests.test_page_cache.BrokenCache"},
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    for page in languages(bilingual, bilingual.nl.urban):
        response = get_twice(client, page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
        assert_not_cached(response)
    # Publishing goes on too; the cache simply was not told.
    fresh(bilingual.nl.urban).save_revision().publish()


# ---------------------------------------------------------------------------------------------
# Invalidation: any change is visible at once, in both languages


def visible_everywhere(client, bilingual, text, *names, language="nl"):
    """Whether `text` is on each of the pages `names` in `language`."""
    pages = [bilingual.nl.page(name) for name in names]
    if language == "en":
        pages = [bilingual.en(page) for page in pages]
    return {page.url: text in client.get(page.url).content.decode() for page in pages}


def prime(client, bilingual, *names):
    for name in names:
        for page in languages(bilingual, bilingual.nl.page(name)):
            assert cache_status(get_twice(client, page.url)) == HIT


LISTING_THE_TRACK = ("home", "theme", "track_index", "track")


def test_a_track_published_with_a_new_title_shows_it_at_once_on_the_pages_that_list_it(
    client, bilingual, cached
):
    prime(client, bilingual, *LISTING_THE_TRACK)
    track = fresh(bilingual.nl.urban)
    track.title = "Urban Professional Plus"
    track.save_revision().publish()
    assert set(
        visible_everywhere(
            client, bilingual, "Urban Professional Plus", *LISTING_THE_TRACK
        ).values()
    ) == {True}

    # The translator publishes the English title: the English pages show it at once.
    publish_translation(bilingual.user, track, bilingual.en_locale, text=lambda s: f"UK {s}")
    shown = visible_everywhere(
        client, bilingual, "UK Urban Professional Plus", *LISTING_THE_TRACK, language="en"
    )
    assert set(shown.values()) == {True}, shown


def test_an_unpublished_track_disappears_at_once(client, bilingual, cached):
    prime(client, bilingual, "home", "theme")
    track = fresh(bilingual.nl.urban)
    track.unpublish()
    for page in languages(bilingual, bilingual.nl.tree.home):
        assert f'href="{track.url}"' not in client.get(page.url).content.decode()
    assert client.get(track.url).status_code == 404


def test_a_deleted_track_disappears_at_once(client, bilingual, cached):
    prime(client, bilingual, "theme")
    track = fresh(bilingual.nl.business)
    url = track.url
    theme = bilingual.nl.themes[1]
    assert f'href="{url}"' in client.get(theme.url).content.decode()
    Page.objects.get(pk=track.pk).delete()
    response = client.get(theme.url)
    assert cache_status(response) == "miss"
    assert f'href="{url}"' not in response.content.decode()


def test_a_moved_page_is_at_its_new_address_at_once(client, bilingual, cached):
    prime(client, bilingual, "article", "article_index")
    article = bilingual.nl.article
    old_url = article.url
    new_parent = f.ArticleIndexPageFactory(parent=bilingual.nl.tree.track_index, slug="nieuws")
    client.get(bilingual.nl.tree.article_index.url)
    Page.objects.get(pk=article.pk).move(new_parent, pos="last-child")
    moved = Page.objects.get(pk=article.pk)
    assert client.get(old_url).url == moved.url  # Wagtail's redirect, not the cached page
    assert client.get(moved.url).status_code == 200
    assert old_url not in client.get(bilingual.nl.tree.article_index.url).content.decode()


def test_a_changed_snippet_shows_at_once(client, bilingual, cached):
    prime(client, bilingual, "track")
    trainer = fresh(bilingual.nl.trainers[0])
    trainer.role = "hoofdtrainer"
    trainer.save_revision().publish()
    assert "hoofdtrainer" in client.get(bilingual.nl.urban.url).content.decode()


def test_changed_site_settings_show_at_once(client, bilingual, cached):
    prime(client, bilingual, "home")
    site_settings = SiteSettings.for_site(bilingual.nl.tree.site)
    site_settings.phone = "030 123 45 67"
    site_settings.save()
    for page in languages(bilingual, bilingual.nl.tree.home):
        assert "030 123 45 67" in client.get(page.url).content.decode()


def test_every_snippet_is_watched():
    """A snippet added later must also drop the page cache when it changes."""
    watched = set(page_cache._watched_models())
    assert set(get_snippet_models()) <= watched
    assert SiteSettings in watched


# ---------------------------------------------------------------------------------------------
# Frontend cache (CDN)


class RecordingBackend(BaseBackend):
    """A CDN stand-in: remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.test_page_cache.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend


def test_publishing_purges_both_languages_of_every_page_that_may_list_it(
    bilingual, cached, cdn, django_capture_on_commit_callbacks
):
    track = fresh(bilingual.nl.urban)
    with django_capture_on_commit_callbacks(execute=True):
        track.title = "Nieuwe titel"
        track.save_revision().publish()
    purged = set(cdn.purged)
    assert len(purged) == len(cdn.purged), "each URL once"
    for name in LISTING_THE_TRACK:
        for page in languages(bilingual, bilingual.nl.page(name)):
            assert page.get_full_url() in purged, page.url
    assert not [url for url in purged if url.startswith("http://localhost/nl/")]


def test_unpublishing_purges_too(bilingual, cached, cdn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fresh(bilingual.nl.business).unpublish()
    home = bilingual.nl.tree.home
    assert {home.get_full_url(), bilingual.en(home).get_full_url()} <= set(cdn.purged)
    assert bilingual.nl.business.get_full_url() not in cdn.purged  # no longer live


def test_without_a_cdn_nothing_is_purged(
    bilingual, cached, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fresh(bilingual.nl.urban).save_revision().publish()
    assert page_cache.purge_frontend_cache not in callbacks
    assert RecordingBackend.purged == []


# ---------------------------------------------------------------------------------------------
# Settings from the environment

CACHE_VARIABLES = {
    "PAGE_CACHE",
    "PAGE_CACHE_TIMEOUT",
    "PAGE_CACHE_MAX_AGE",
    "PAGE_CACHE_SHARED_MAX_AGE",
    "FRONTEND_CACHE_URL",
    "CLOUDFLARE_ZONEID",
    "CLOUDFLARE_BEARER_TOKEN",
}
PRINT_CACHE_SETTINGS = """
import json
from config.settings import dev as s
print(json.dumps({
    "enabled": s.PAGE_CACHE_ENABLED, "shared_max_age": s.PAGE_CACHE_SHARED_MAX_AGE,
    "frontend": {name: c["BACKEND"] for name, c in s.WAGTAILFRONTENDCACHE.items()},
}))
"""


def cache_settings(**env):
    """The page cache settings of `config.settings.dev` imported with only `env` set."""
    hidden = SETTINGS_VARIABLES | CACHE_VARIABLES
    environment = {k: v for k, v in os.environ.items() if k not in hidden}
    environment.update(env, PYTHONPATH=str(SITE_DIR))
    result = subprocess.run(
        [sys.executable, "-c", PRINT_CACHE_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_page_cache_is_on_unless_turned_off():
    assert cache_settings() == {"enabled": True, "shared_max_age": 60, "frontend": {}}
    assert cache_settings(PAGE_CACHE="0")["enabled"] is False


def test_a_purged_cdn_may_keep_pages_longer():
    http = cache_settings(FRONTEND_CACHE_URL="http://127.0.0.1:6081")
    assert http["frontend"] == {"http": "wagtail.contrib.frontend_cache.backends.HTTPBackend"}
    assert http["shared_max_age"] == 3600
    cloudflare = cache_settings(CLOUDFLARE_ZONEID="zone", CLOUDFLARE_BEARER_TOKEN="token")
    assert list(cloudflare["frontend"]) == ["cloudflare"]
    assert cache_settings(PAGE_CACHE_SHARED_MAX_AGE="120")["shared_max_age"] == 120
